import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import * as es from '../../imports/external-secrets-external-secrets.io';
import { SyncWave, setSyncWave } from '../lib/argocd';
import { ComputeResources } from '../lib/quantity';
import { SPRAYPROXY } from '../lib/sprayproxy';
import { Controller } from './controller';
import { RestrictedNamespace } from './restricted-namespace';
import { RouterIngressPolicy } from './router-ingress-policy';
import { ExternalSecretSourceProps, StoreSecret } from './store-secret';

/** Where the webhook secret is read from: a Secret in the proxy's namespace, never a value. */
export interface WebhookSecretRef {
  readonly name: string;
  readonly key: string;
  /** Create that Secret (key `key`) with an ExternalSecret from this store value. @default - none: the Secret exists already */
  readonly externalSecret?: ExternalSecretSourceProps;
}

export interface WebhookProxyProps {
  /** Deployment, Service, ServiceAccount and Ingress name. @default 'sprayproxy' */
  readonly name?: string;
  readonly namespace: string;
  /** SprayProxy image pinned by digest. */
  readonly image: string;
  /** Public host name of the Ingress. */
  readonly host: string;
  /** Every member cluster's PaC route (https://host); each webhook goes to all of them. Written sorted. */
  readonly backends: readonly string[];
  /** The GitHub App webhook secret payload signatures are checked with. */
  readonly webhookSecret: WebhookSecretRef;
  /** @default 25 MiB (upstream's own default, GitHub's cap) */
  readonly maxRequestBytes?: number;
  /** Go duration. @default '15s' (upstream's own default) */
  readonly forwardTimeout?: string;
  /** @default 1 */
  readonly replicas?: number;
  /** @default - upstream's: requests 5m/64Mi, limits 500m/384Mi */
  readonly resources?: ComputeResources;
  /**
   * A NetworkPolicy letting only OpenShift's router reach the proxy, on its HTTP port (not metrics).
   * @default true
   */
  readonly networkPolicy?: boolean;
}

/**
 * SprayProxy (SPRAYPROXY.source, src/lib/sprayproxy.ts): one public
 * webhook URL in front of the member clusters. It checks each payload's GitHub signature against
 * the webhook secret (400 otherwise), refuses bodies over the size limit (413), then POSTs a copy
 * to every backend (502 if any fails). Static backends from `--backend` flags, never the dynamic
 * `/backends` API (upstream marks it unfit for production); no insecure flag is ever set.
 * A restricted Namespace, the Deployment (Controller: restricted pod, probes, requests/limits, a
 * ServiceAccount without token), its Service, an Ingress that OpenShift serves as an edge Route,
 * and a NetworkPolicy that admits only the router (webhooks come in through the Route only).
 */
export class WebhookProxy extends Construct {
  public static readonly SERVICE_PORT = 80;

  public readonly name: string;
  public readonly namespace: RestrictedNamespace;
  public readonly controller: Controller;
  public readonly ingress: k8s.KubeIngress;
  /** Undefined unless `webhookSecret.externalSecret` is set. */
  public readonly externalSecret?: es.ExternalSecretV1Beta1;
  /** Undefined when `networkPolicy` is false. */
  public readonly networkPolicy?: k8s.KubeNetworkPolicy;
  /** The backends, sorted, as passed to `--backend`. */
  public readonly backends: readonly string[];

  constructor(scope: Construct, id: string, props: WebhookProxyProps) {
    super(scope, id);
    this.name = props.name ?? 'sprayproxy';
    if (props.backends.length === 0) throw new Error(`webhook proxy "${this.name}": needs at least one backend (a member cluster's PaC route)`);
    const backends = [...props.backends].sort();
    const repeated = backends.find((b, i) => i > 0 && backends[i - 1] === b);
    if (repeated) throw new Error(`webhook proxy "${this.name}": backend ${repeated} is listed twice`);
    this.backends = backends;
    const maxRequestBytes = props.maxRequestBytes ?? SPRAYPROXY.maxRequestBytes;
    if (!Number.isInteger(maxRequestBytes) || maxRequestBytes < 1) throw new Error(`webhook proxy "${this.name}": maxRequestBytes must be a positive integer, got ${maxRequestBytes}`);

    this.namespace = new RestrictedNamespace(this, 'Namespace', { name: props.namespace });
    this.controller = new Controller(this, 'Resource', {
      name: this.name,
      namespace: props.namespace,
      image: props.image,
      // As upstream's config/sprayproxy.yaml: `server` first, which works with either image entrypoint
      // (the Dockerfile's `sprayproxy server`, or ko's bare binary). Flags win over SPRAYPROXY_SERVER_BACKEND.
      args: ['server', ...backends.map((b) => `--backend=${b}`)],
      env: [
        // Verification is on unless --insecure-skip-webhook-verify; without this variable the proxy refuses to start.
        { name: SPRAYPROXY.env.webhookSecret, valueFrom: { secretKeyRef: { name: props.webhookSecret.name, key: props.webhookSecret.key } } },
        // Written even at the defaults: upstream falls back silently on a value it cannot parse.
        { name: SPRAYPROXY.env.maxRequestSize, value: String(maxRequestBytes) },
        { name: SPRAYPROXY.env.forwardTimeout, value: props.forwardTimeout ?? SPRAYPROXY.forwardTimeout },
      ],
      ports: [
        { name: 'http', containerPort: SPRAYPROXY.httpPort, servicePort: WebhookProxy.SERVICE_PORT },
        // Plain-HTTP Prometheus metrics: not on the Service (upstream fronts it with kube-rbac-proxy).
        { name: 'metrics', containerPort: SPRAYPROXY.metricsPort, expose: false },
      ],
      probes: {
        liveness: { port: 'http', path: SPRAYPROXY.healthPath },
        readiness: { port: 'http', path: SPRAYPROXY.healthPath },
      },
      replicas: props.replicas,
      resources: props.resources ?? SPRAYPROXY.resources,
    });

    const ext = props.webhookSecret.externalSecret;
    if (ext) {
      this.externalSecret = new StoreSecret(this, 'WebhookSecret', {
        name: props.webhookSecret.name,
        namespace: props.namespace,
        storeRef: ext.storeRef,
        refreshInterval: ext.refreshInterval,
        data: [{ secretKey: props.webhookSecret.key, remoteKey: ext.remoteKey, property: ext.property }],
      }).resource;
      // Before the Deployment: the proxy refuses to start without its secret.
      setSyncWave(this.externalSecret, SyncWave.ACCESS);
    }

    if (props.networkPolicy ?? true) {
      this.networkPolicy = new RouterIngressPolicy(this, 'NetworkPolicy', {
        name: `${this.name}-from-router`,
        namespace: props.namespace,
        podSelector: this.controller.selector,
        ports: [SPRAYPROXY.httpPort],
      }).resource;
    }

    this.ingress = new k8s.KubeIngress(this, 'Ingress', {
      metadata: {
        name: this.name,
        namespace: props.namespace,
        // OpenShift's ingress-to-route controller makes an edge-terminated Route with the router's certificate.
        annotations: { 'route.openshift.io/termination': 'edge' },
      },
      spec: {
        tls: [{ hosts: [props.host] }],
        rules: [
          {
            host: props.host,
            http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: this.controller.service!.name, port: { number: WebhookProxy.SERVICE_PORT } } } }] },
          },
        ],
      },
    });
    setSyncWave(this.ingress, SyncWave.INSTALL);
  }
}
