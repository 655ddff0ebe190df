import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import { SyncWave, addSyncOptions, setSyncWave } from '../lib/argocd';
import { HaproxyConfig, renderHaproxyConfig } from '../lib/haproxy';
import type { MatchLabels } from '../lib/label-selector';
import { ComputeResources } from '../lib/quantity';
import { ApiBinding, KCP_COMPUTE_EXPORT } from './api-binding';
import type { PermissionClaim } from './api-binding';
import { Controller } from './controller';
import { Placement } from './placement';
import { RestrictedNamespace } from './restricted-namespace';

/** Set by the API server on every Namespace (Kubernetes >= 1.21, kcp v0.11 included); we also set it, so the selector is visible in git. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Git provider webhook headers that mark a request as an event for Pipelines-as-Code. */
export const GIT_PROVIDER_EVENT_HEADERS = {
  github: 'X-GitHub-Event',
  gitlab: 'X-Gitlab-Event',
  bitbucket: 'X-Event-Key',
} as const;

export interface PacServiceRef {
  readonly namespace: string;
  /** @default 'pipelines-as-code-controller' */
  readonly service?: string;
  /** @default 8080 */
  readonly port?: number;
}

export interface GlbcBinding {
  /** @default 'glbc' */
  readonly name?: string;
  readonly exportPath: string;
  readonly exportName: string;
  readonly permissionClaims: readonly PermissionClaim[];
}

/** How kcp runs the gateway: the compute workspace's APIs, and a Placement on the carrying cluster's Location. */
export interface PacGatewayCompute {
  /** Path of the workspace the gateway lives in, e.g. root:pipeline-service:gateway. */
  readonly workspacePath: string;
  /** Path of the compute workspace: its `kubernetes` export serves Deployments, Services and Ingresses here, its Location picks the cluster. */
  readonly computeWorkspacePath: string;
  /** Labels of the compute workspace's Location holding only the carrying cluster. */
  readonly locationLabels: MatchLabels;
  /** @default 'compute' */
  readonly bindingName?: string;
}

export interface PacGatewayProps {
  /** @default 'pac-gateway' */
  readonly name?: string;
  readonly namespace: string;
  /** Ingress host. */
  readonly host: string;
  /** HAProxy image pinned by digest. */
  readonly image: string;
  /** Where PaC listens on the carrying workload cluster. */
  readonly pac: PacServiceRef;
  /** Name of the carrying workload cluster: the backend is `pac-<cluster>`. */
  readonly cluster: string;
  /** Requests matching this path prefix also go to PaC. @default '/pac' */
  readonly pathPrefix?: string;
  /** @default 1 */
  readonly replicas?: number;
  /** @default Controller.DEFAULT_RESOURCES */
  readonly resources?: ComputeResources;
  /** @default - the platform's (OpenShift assigns one) */
  readonly runAsUser?: number;
  /** The APIBinding to the kcp-glbc export that makes GLBC serve the Ingress. @default - none */
  readonly glbc?: GlbcBinding;
  /** Binding to the compute workspace and placement on the carrying cluster. */
  readonly compute: PacGatewayCompute;
}

/**
 * The Pipelines-as-Code gateway in a kcp workspace (decision record "Pipeline Service Phase 1":
 * PaC needs its own ingress on kcp, forwarding to PaC on the workload cluster): a restricted
 * Namespace; HAProxy (ConfigMap rendered from typed routes, Deployment, Service 80 -> 8080)
 * sending Git provider events and `/pac` requests to the PaC controller Service; an Ingress
 * for kcp-glbc; the APIBinding to the GLBC export. The workspace binds the compute workspace's
 * `kubernetes` export (which serves Deployments, Services and Ingresses in kcp) and places the
 * gateway namespace, and only it, on the Location of the one cluster whose syncer carries it.
 */
export class PacGateway extends Construct {
  public static readonly HTTP_PORT = 8080;
  public static readonly HEALTH_PORT = 8081;
  public static readonly SERVICE_PORT = 80;
  public static readonly CONFIG_DIR = '/usr/local/etc/haproxy';
  public static readonly CONFIG_FILE = 'haproxy.cfg';
  /** Backend of the PaC controller on one cluster. */
  public static pacBackend(cluster: string): string {
    return `pac-${cluster}`;
  }
  public static readonly NOT_FOUND_BACKEND = 'not-found';

  public readonly name: string;
  public readonly namespace: RestrictedNamespace;
  /** The typed HAProxy configuration the ConfigMap is rendered from. */
  public readonly haproxy: HaproxyConfig;
  public readonly controller: Controller;
  public readonly ingress: k8s.KubeIngress;
  public readonly binding?: ApiBinding;
  /** The binding to the compute workspace's `kubernetes` export. */
  public readonly computeBinding: ApiBinding;
  public readonly placement: Placement;
  /** `host:port` requests are forwarded to. */
  public readonly pacAddress: string;
  /** The one backend webhooks go to. */
  public readonly pacBackend: string;

  constructor(scope: Construct, id: string, props: PacGatewayProps) {
    super(scope, id);
    this.name = props.name ?? 'pac-gateway';
    this.namespace = new RestrictedNamespace(this, 'Namespace', { name: props.namespace, labels: { [NAMESPACE_NAME_LABEL]: props.namespace } });

    // Without it, kcp serves no Deployments, Services or Ingresses in this workspace.
    this.computeBinding = new ApiBinding(this, 'ComputeBinding', {
      name: props.compute.bindingName ?? 'compute',
      exportPath: props.compute.computeWorkspacePath,
      exportName: KCP_COMPUTE_EXPORT,
      workspacePath: props.compute.workspacePath,
    });
    setSyncWave(this.computeBinding.resource, SyncWave.FOUNDATION);
    this.placement = new Placement(this, 'Placement', {
      name: this.name,
      locationWorkspace: props.compute.computeWorkspacePath,
      locationSelectors: [props.compute.locationLabels],
      namespaceSelector: { [NAMESPACE_NAME_LABEL]: props.namespace },
    });

    const pacHost = `${props.pac.service ?? 'pipelines-as-code-controller'}.${props.pac.namespace}.svc.cluster.local`;
    const pacPort = props.pac.port ?? 8080;
    this.pacAddress = `${pacHost}:${pacPort}`;
    this.pacBackend = PacGateway.pacBackend(props.cluster);
    const eventAcls = Object.entries(GIT_PROVIDER_EVENT_HEADERS).map(([provider, header]) => ({ name: `${provider}-event`, test: { kind: 'header-present' as const, header } }));
    const acls = [...eventAcls, { name: 'pac-path', test: { kind: 'path-prefix' as const, prefix: props.pathPrefix ?? '/pac' } }];
    this.haproxy = {
      frontends: [
        {
          name: 'webhooks',
          port: PacGateway.HTTP_PORT,
          acls,
          // Any one event header (or the path) suffices: an OR, never an AND.
          routes: [{ backend: this.pacBackend, whenAny: acls.map((a) => a.name) }],
          // Anything else is not for PaC: answer here instead of exposing the controller.
          defaultBackend: PacGateway.NOT_FOUND_BACKEND,
        },
        // Probes on their own port, so the health path is not reachable through the Ingress.
        { name: 'health', port: PacGateway.HEALTH_PORT, monitorUri: '/healthz' },
      ],
      backends: [
        { name: this.pacBackend, kind: 'servers', servers: [{ name: 'pac-controller', host: pacHost, port: pacPort }] },
        { name: PacGateway.NOT_FOUND_BACKEND, kind: 'reply', status: 404 },
      ],
    };

    this.controller = new Controller(this, 'Resource', {
      name: this.name,
      namespace: props.namespace,
      image: props.image,
      // The image's entrypoint adds -W -db (master-worker, foreground) when the command is haproxy.
      args: ['haproxy', '-f', `${PacGateway.CONFIG_DIR}/${PacGateway.CONFIG_FILE}`],
      ports: [
        { name: 'http', containerPort: PacGateway.HTTP_PORT, servicePort: PacGateway.SERVICE_PORT },
        { name: 'health', containerPort: PacGateway.HEALTH_PORT, expose: false },
      ],
      probes: { liveness: { port: 'health', path: '/healthz' }, readiness: { port: 'health', path: '/healthz' } },
      replicas: props.replicas,
      resources: props.resources,
      runAsUser: props.runAsUser,
      // Synced pods find only the `default` ServiceAccount downstream; HAProxy needs no API access.
      serviceAccount: false,
      config: { name: `${this.name}-haproxy`, data: { [PacGateway.CONFIG_FILE]: renderHaproxyConfig(this.haproxy) }, mountPath: PacGateway.CONFIG_DIR },
    });

    this.ingress = new k8s.KubeIngress(this, 'Ingress', {
      metadata: { name: this.name, namespace: props.namespace },
      spec: {
        rules: [
          {
            host: props.host,
            http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: this.controller.service!.name, port: { number: PacGateway.SERVICE_PORT } } } }] },
          },
        ],
      },
    });
    setSyncWave(this.ingress, SyncWave.INSTALL);
    // Their kinds exist in the workspace only once the compute binding (an earlier wave) is bound.
    for (const obj of [this.controller.deployment, this.controller.service!, this.ingress] as ApiObject[]) addSyncOptions(obj, 'SkipDryRunOnMissingResource=true');

    if (props.glbc) {
      this.binding = new ApiBinding(this, 'GlbcBinding', {
        name: props.glbc.name ?? 'glbc',
        exportPath: props.glbc.exportPath,
        exportName: props.glbc.exportName,
        acceptedClaims: props.glbc.permissionClaims,
      });
      // Bound before the Ingress exists, so GLBC sees it from the start.
      setSyncWave(this.binding.resource, SyncWave.ACCESS);
    }
  }
}
