import { z } from 'zod';
import { destinationKey, destinationSchema } from './clusters';
import { externalSecretSourceSchema } from './external-secret';
import { pacRouteBackend } from './pac-route';
import { dnsLabel, dnsSubdomain, goDuration, imageByDigest, int32, secretKey } from './primitives';
import { replicasSchema, resourcesSchema } from './workload';
import { listed, quote } from './grammar/text';
import { SPRAYPROXY } from '../lib/sprayproxy';

export const webhookProxySchema = z.strictObject({
  /**
   * SprayProxy image by digest; required: upstream publishes tags only
   * (quay.io/redhat-appstudio/sprayproxy:<commit>), and no digest can be pinned without a registry.
   */
  image: imageByDigest,
  /** Run it on this member cluster (a name from `clusters`). Exactly one of `cluster` or `hostCluster`. */
  cluster: dnsLabel.optional(),
  /** Run it on a cluster of its own (the host cluster): its Argo CD target name and destination. */
  hostCluster: z.strictObject({ name: dnsLabel, destination: destinationSchema }).optional(),
  /** @default 'sprayproxy' (upstream config/kustomization.yaml) */
  namespace: dnsLabel.default(SPRAYPROXY.namespace),
  /** Public host name of the Ingress (OpenShift serves it as an edge Route): the Git provider's webhook URL is https://<host>/. */
  host: dnsSubdomain,
  /**
   * The Secret (in `namespace`, provided out of band, never in git) holding the webhook secret the
   * GitHub App signs payloads with: the same value every member's PaC checks. Its defaults are PaC's
   * own Secret and key (pipelines-as-code docs, GitHub App install: `webhook.secret`).
   */
  webhookSecret: z
    .strictObject({
      name: dnsSubdomain.default('pipelines-as-code-secret'),
      key: secretKey.default('webhook.secret'),
      /** Materialize that Secret with an ExternalSecret from a store. @default - none: the Secret is created out of band */
      externalSecret: externalSecretSourceSchema.optional(),
    })
    .prefault({}),
  /** Larger payloads get 413 (SPRAYPROXY_MAX_REQUEST_SIZE). @default 26214400 (25 MiB, GitHub's cap) */
  maxRequestBytes: int32(1).default(SPRAYPROXY.maxRequestBytes),
  /** Timeout of each forwarded request (SPRAYPROXY_FORWARDING_REQUEST_TIMEOUT). @default '15s' (upstream's) */
  forwardTimeout: goDuration.default(SPRAYPROXY.forwardTimeout),
  replicas: replicasSchema.default(1),
  /** @default - upstream config/sprayproxy.yaml: requests 5m/64Mi, limits 500m/384Mi (a 25 MiB body is buffered per request) */
  resources: resourcesSchema(SPRAYPROXY.resources).prefault({}),
  /**
   * A NetworkPolicy `<name>-from-router` admitting only OpenShift's router (namespaces labelled
   * policy-group.network.openshift.io/ingress) to the proxy's HTTP port. @default true
   */
  networkPolicy: z.boolean().default(true),
});

export type WebhookProxyConfig = z.output<typeof webhookProxySchema>;

/** The Argo CD target the proxy is deployed to. */
export function webhookProxyTarget(proxy: Pick<WebhookProxyConfig, 'cluster' | 'hostCluster'>): string {
  return proxy.hostCluster?.name ?? proxy.cluster!;
}

type ClusterLike = { readonly name: string; readonly pacRoute?: string; readonly destination: z.output<typeof destinationSchema> };

/** SprayProxy's backends: every member cluster's PaC route, sorted (clusters without one are refused by the config check). */
export function webhookProxyBackends(clusters: readonly ClusterLike[]): string[] {
  return clusters.flatMap((c) => (c.pacRoute ? [pacRouteBackend(c.pacRoute)] : [])).sort();
}

/**
 * The successor design's webhook fan-out (ADR-0009): only without kcp (kcp environments route PaC
 * webhooks through pacGateway), only with PaC on, on exactly one place, and with a PaC route on
 * every member cluster, since SprayProxy forwards each webhook to all of them.
 */
export function webhookProxyChecks(
  env: {
    readonly webhookProxy?: WebhookProxyConfig;
    readonly kcp?: unknown;
    readonly tektonConfig: { readonly pipelinesAsCode: { readonly enable: boolean } };
    readonly clusters: readonly ClusterLike[];
  },
  ctx: z.RefinementCtx,
): void {
  const proxy = env.webhookProxy;
  if (env.kcp) {
    if (proxy) ctx.addIssue({ code: 'custom', path: ['webhookProxy'], message: 'is the successor design\'s webhook fan-out (no kcp); with kcp, PaC webhooks go through pacGateway: remove webhookProxy or kcp' });
    env.clusters.forEach((c, i) => {
      if (c.pacRoute !== undefined) ctx.addIssue({ code: 'custom', path: ['clusters', i, 'pacRoute'], message: 'is read only by webhookProxy, which a kcp environment cannot have: remove it' });
    });
    return;
  }
  if (!proxy) return;
  if (!env.tektonConfig.pipelinesAsCode.enable) {
    ctx.addIssue({ code: 'custom', path: ['webhookProxy'], message: 'forwards webhooks to Pipelines-as-Code, which tektonConfig.pipelinesAsCode.enable turns off: turn PaC on, or remove webhookProxy' });
  }
  if ((proxy.cluster === undefined) === (proxy.hostCluster === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['webhookProxy'], message: 'must name exactly one of cluster (a member cluster it runs on) or hostCluster (a cluster of its own: name and destination)' });
  } else if (proxy.cluster !== undefined && !env.clusters.some((c) => c.name === proxy.cluster)) {
    ctx.addIssue({ code: 'custom', path: ['webhookProxy', 'cluster'], message: `${quote(proxy.cluster)} is not a cluster of this environment (${listed(env.clusters.map((c) => c.name))}); name one, or use hostCluster` });
  } else if (proxy.hostCluster) {
    const host = proxy.hostCluster;
    const sameName = env.clusters.findIndex((c) => c.name === host.name);
    if (sameName >= 0) ctx.addIssue({ code: 'custom', path: ['webhookProxy', 'hostCluster', 'name'], message: `${quote(host.name)} is also clusters[${sameName}].name: use webhookProxy.cluster to run on that member, or another name` });
    const sameDestination = env.clusters.findIndex((c) => destinationKey(c.destination) === destinationKey(host.destination));
    if (sameDestination >= 0) {
      ctx.addIssue({ code: 'custom', path: ['webhookProxy', 'hostCluster', 'destination'], message: `is also the destination of clusters[${sameDestination}]: use webhookProxy.cluster: ${env.clusters[sameDestination].name} instead` });
    }
  }
  const seen = new Map<string, number>();
  env.clusters.forEach((c, i) => {
    if (c.pacRoute === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['clusters', i, 'pacRoute'],
        message: 'is missing: webhookProxy forwards every webhook to each member cluster\'s PaC, so each needs its route (https://<PaC controller route host>, e.g. https://pipelines-as-code-controller-openshift-pipelines.apps.<cluster domain>)',
      });
      return;
    }
    const backend = pacRouteBackend(c.pacRoute);
    const first = seen.get(backend);
    if (first === undefined) seen.set(backend, i);
    else ctx.addIssue({ code: 'custom', path: ['clusters', i, 'pacRoute'], message: `is also clusters[${first}].pacRoute: each member cluster's PaC has its own route, and SprayProxy sends each backend one copy` });
  });
}
