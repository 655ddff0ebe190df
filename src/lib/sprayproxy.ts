/**
 * What SprayProxy reads and serves, from redhat-appstudio/sprayproxy at
 * c6f8bf26007c140d51326760e16eb52ae5072e3b (the commit Konflux's infra-deployments ran, image
 * quay.io/redhat-appstudio/sprayproxy:<commit>). One place, read by the config and the construct.
 */
export const SPRAYPROXY = {
  source: 'redhat-appstudio/sprayproxy@c6f8bf26007c140d51326760e16eb52ae5072e3b',
  /** cmd/server.go: `port` default; the proxy and /healthz share it. */
  httpPort: 8080,
  /** pkg/metrics/metrics.go MetricsPort (plain HTTP without --metrics-cert). */
  metricsPort: 9090,
  /** pkg/server/server.go: GET /healthz answers 200 "healthy". */
  healthPath: '/healthz',
  /** pkg/apis/proxy/proxy.go: "GitHub limits webhook request size to 25MB. Use that as default." */
  maxRequestBytes: 25 * 1024 * 1024,
  /** pkg/apis/proxy/proxy.go: forwarding request timeout. */
  forwardTimeout: '15s',
  /** config/sprayproxy.yaml: the sprayproxy container's resources. */
  resources: { requests: { cpu: '5m', memory: '64Mi' }, limits: { cpu: '500m', memory: '384Mi' } },
  /** config/kustomization.yaml. */
  namespace: 'sprayproxy',
  /** Environment variables it reads (README, pkg/apis/proxy/proxy.go). */
  env: {
    webhookSecret: 'GH_APP_WEBHOOK_SECRET',
    maxRequestSize: 'SPRAYPROXY_MAX_REQUEST_SIZE',
    forwardTimeout: 'SPRAYPROXY_FORWARDING_REQUEST_TIMEOUT',
  },
} as const;
