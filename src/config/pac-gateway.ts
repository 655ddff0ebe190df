import { z } from 'zod';
import { KcpConfig, ParsedKcpConfig, consumerLocations, kcpConsumerTarget, syncTargetLabels, workspacePath, type ClusterKcpConfig } from './kcp';
import { matchesLabels } from '../lib/label-selector';
import { apiGroup, dnsLabel, dnsSubdomain, grammar, imageByDigest, int32, port, resourceName } from './primitives';
import { replicasSchema, resourcesSchema } from './workload';
import { listed } from './grammar/text';

/**
 * HAProxy 2.8.29 (LTS) from Docker Hub's official image, by its multi-arch index digest as
 * recorded in docker-library/repo-info (repos/haproxy/remote/2.8.29.md). The image runs as the
 * non-numeric user `haproxy` (uid 99). Re-check with `skopeo inspect` when moving release.
 */
export const HAPROXY_IMAGE = 'docker.io/library/haproxy:2.8.29@sha256:76e67f835631cf03eec13f1ca6e9568c8b3d3530f5232aa7e69a81083fe26031';

/**
 * What an environment writes for a GLBC identity hash it does not know yet: accepted, but the
 * APIBinding to the GLBC export is then left out of the output and synth warns. The real value
 * is `status.identityHash` of the export that provides the claimed resource, per kcp instance.
 */
export const UNRESOLVED_IDENTITY_HASH = 'unresolved';
export const isUnresolvedIdentityHash = (hash: string | undefined) => hash === UNRESOLVED_IDENTITY_HASH;

/** Resources the carrying cluster's syncer must carry for the gateway to run there. */
export const PAC_GATEWAY_SYNCED_RESOURCES = ['deployments.apps', 'services', 'ingresses.networking.k8s.io'] as const;

/**
 * The Location the compute workspace offers for the gateway (our own name, never kcp's `default`),
 * and the label the gateway workspace's Placement selects it by.
 */
export const PAC_GATEWAY_LOCATION = { name: 'pac-gateway', labels: { 'pipeline-service.openshift.io/location': 'pac-gateway' } } as const;

/** Argo CD target of the gateway workspace. */
export const pacGatewayTarget = (workspace: string) => `kcp-${workspace}`;

// kcp identity hashes are hex SHA-256 sums.
const identityHash = grammar((h) =>
  h === UNRESOLVED_IDENTITY_HASH || /^[a-f0-9]{64}$/.test(h)
    ? undefined
    : `must be the export's identityHash (64 lower-case hex digits, from the export's status.identityHash), or "${UNRESOLVED_IDENTITY_HASH}" until it is known`,
);

export const glbcClaimSchema = z.strictObject({
  /** API group; '' for core. */
  group: apiGroup.default(''),
  resource: resourceName,
  /** Identity hash of the export that provides the resource; leave out for core kinds kcp serves itself (secrets). */
  identityHash: identityHash.optional(),
});

/**
 * kcp-glbc's own defaults, checked against its sources: the controller reads its export from
 * `GLBC_WORKSPACE` (default `root:kuadrant`) and `GLBC_EXPORT` (default `glbc-root-kuadrant`, a
 * comma-separated list) in cmd/kcp-glbc/main.go; its e2e support pins the same pair, and its
 * local-deployment docs list `glbc-root-kuadrant` among `root:kuadrant`'s APIExports. Its setup
 * script names an export `glbc-<workspace path with ':' -> '-'>` after the workspace whose
 * `kubernetes` binding it claims resources from.
 */
export const GLBC_DEFAULT_EXPORT = { path: 'root:kuadrant', name: 'glbc-root-kuadrant' } as const;

export const glbcBindingSchema = z.strictObject({
  /** Workspace path of the kcp-glbc APIExport. @default GLBC_DEFAULT_EXPORT.path */
  exportPath: workspacePath.default(GLBC_DEFAULT_EXPORT.path),
  /** @default GLBC_DEFAULT_EXPORT.name: set it (and list it in that GLBC's GLBC_EXPORT) when the GLBC runs an export for our compute workspace. */
  exportName: dnsSubdomain.default(GLBC_DEFAULT_EXPORT.name),
  /** APIBinding name. @default 'glbc' */
  bindingName: dnsSubdomain.default('glbc'),
  /** The claims the GLBC export makes, all accepted here; no default: they depend on the GLBC deployment. */
  /**
   * Whether that GLBC runs with custom hosts allowed (`--enable-custom-hosts`, GLBC_ENABLE_CUSTOM_HOSTS,
   * default false): then it keeps our host's rule and appends one for its managed host; otherwise
   * it replaces our host with its own. Argo CD's ignore rule for the Ingress follows it.
   */
  customHosts: z.boolean().default(false),
  permissionClaims: z.array(glbcClaimSchema).min(1, { message: 'must list the permission claims of the GLBC export (secrets, services, deployments, ingresses)' }),
});

export const pacGatewaySchema = z.strictObject({
  /** @default true: writing the section means wanting the gateway. */
  enabled: z.boolean().default(true),
  /** Child workspace of kcp.organization holding the gateway; its Argo CD target is `kcp-<workspace>`. */
  workspace: dnsLabel.default('gateway'),
  /** Namespace of the gateway objects in that workspace. */
  namespace: dnsLabel.default('pac-gateway'),
  /** Host of the Ingress (GLBC may rewrite it to its managed host). */
  host: dnsSubdomain,
  /** HAProxy image by digest. */
  image: imageByDigest.default(HAPROXY_IMAGE),
  /** Pod UID. @default - none: OpenShift assigns one from the namespace range; set it (e.g. 99) on clusters that do not */
  runAsUser: int32(1).optional(),
  replicas: replicasSchema.default(1),
  resources: resourcesSchema({ requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '200m', memory: '128Mi' } }).prefault({}),
  /** The Pipelines-as-Code controller Service on the carrying workload cluster. */
  pac: z
    .strictObject({
      namespace: dnsLabel.default('openshift-pipelines'),
      service: dnsLabel.default('pipelines-as-code-controller'),
      port: port.default(8080),
    })
    .prefault({}),
  /**
   * The one workload cluster that gets PaC webhooks: the gateway is synced to it and forwards to
   * PaC there. Single-cluster mode: consumers may be placed only on Locations holding this
   * cluster alone, since PaC elsewhere would never see a webhook (README "Pipelines-as-Code webhooks").
   */
  cluster: dnsLabel,
  glbc: glbcBindingSchema,
});

export type PacGatewayConfig = z.output<typeof pacGatewaySchema>;
export type GlbcBindingConfig = z.output<typeof glbcBindingSchema>;

/** `<organization>:<workspace>`. */
export function pacGatewayWorkspacePath(kcp: Pick<KcpConfig, 'organization'>, gateway: Pick<PacGatewayConfig, 'workspace'>): string {
  return `${kcp.organization}:${gateway.workspace}`;
}

/**
 * Checks across `pacGateway`, `kcp` and `clusters`, when the gateway is on: the kcp section
 * exists, the carrying cluster exists, the syncer carries what the gateway needs (an error,
 * never a silent widening of what every syncer syncs), and the target name is free.
 */
type ClusterLike = { readonly name: string; readonly labels: Readonly<Record<string, string>>; readonly kcp?: ClusterKcpConfig };

/**
 * The clusters a consumer's namespaces can be scheduled to: the SyncTargets of every Location its
 * selector matches (kcp picks one Location, then a SyncTarget in it, at random:
 * kcp-dev/kcp@v0.11.0:pkg/reconciler/scheduling/placement, pkg/reconciler/workload/namespace).
 */
export function consumerClusters(kcp: Pick<KcpConfig, 'locations'>, consumer: KcpConfig['consumers'][number], clusters: readonly ClusterLike[], gatewayCluster?: string): string[] {
  const locations = consumerLocations(kcp, consumer).map((i) => kcp.locations[i]);
  return clusters.filter((c) => locations.some((l) => matchesLabels(l.instanceSelector, syncTargetLabels(c, c.name === gatewayCluster)))).map((c) => c.name);
}

/**
 * The clusters whose PaC can receive webhooks for a consumer's Repository: every cluster a
 * consumer can be placed on, when PaC is on. Each needs a gateway backend.
 */
export function pacCarryingClusters(env: { readonly kcp?: ParsedKcpConfig; readonly pacGateway?: PacGatewayConfig; readonly tektonConfig: { readonly pipelinesAsCode: { readonly enable: boolean } }; readonly clusters: readonly ClusterLike[] }): string[] {
  if (!env.kcp || !env.tektonConfig.pipelinesAsCode.enable) return [];
  const gw = env.pacGateway?.enabled ? env.pacGateway.cluster : undefined;
  const reached = new Set(env.kcp.consumers.flatMap((c) => consumerClusters(env.kcp!, c, env.clusters, gw)));
  return env.clusters.filter((c) => reached.has(c.name)).map((c) => c.name);
}

export function pacGatewayChecks(
  env: {
    readonly pacGateway?: PacGatewayConfig;
    readonly kcp?: ParsedKcpConfig;
    readonly tektonConfig: { readonly pipelinesAsCode: { readonly enable: boolean } };
    readonly clusters: readonly ClusterLike[];
  },
  ctx: z.RefinementCtx,
): void {
  const gw = env.pacGateway;
  if (!gw?.enabled) return;
  if (!env.kcp) {
    ctx.addIssue({ code: 'custom', path: ['pacGateway'], message: 'needs the top-level kcp section: the gateway lives in a kcp workspace and reaches its cluster through the syncer; add kcp, or set pacGateway.enabled to false' });
    return;
  }
  if (!env.clusters.some((c) => c.name === gw.cluster)) {
    ctx.addIssue({
      code: 'custom',
      path: ['pacGateway', 'cluster'],
      message: `"${gw.cluster}" is not a cluster of this environment (${listed(env.clusters.map((c) => c.name))}): name the one workload cluster that carries the gateway`,
    });
  }
  const synced = new Set(env.kcp.syncer.resourcesToSync);
  for (const r of PAC_GATEWAY_SYNCED_RESOURCES) {
    if (!synced.has(r)) {
      ctx.addIssue({
        code: 'custom',
        path: ['kcp', 'syncer', 'resourcesToSync'],
        message: `must include ${r} while pacGateway is enabled: the syncer carries the gateway's Deployment, Service and Ingress to cluster "${gw.cluster}"; add it, or set pacGateway.enabled to false`,
      });
    }
  }
  const target = pacGatewayTarget(gw.workspace);
  const consumer = env.kcp.consumers.find((c) => kcpConsumerTarget(c.name) === target);
  if (consumer || gw.workspace === env.kcp.computeWorkspace) {
    ctx.addIssue({
      code: 'custom',
      path: ['pacGateway', 'workspace'],
      message: `"${gw.workspace}" gives Argo CD target "${target}", which the kcp ${consumer ? `consumer "${consumer.name}"` : 'compute workspace'} already uses: choose another workspace name`,
    });
  }
  // Single-cluster mode: a Repository in a namespace placed elsewhere would never get its webhooks.
  if (env.tektonConfig.pipelinesAsCode.enable) {
    env.kcp.consumers.forEach((consumer, i) => {
      const elsewhere = consumerClusters(env.kcp!, consumer, env.clusters, gw.cluster).filter((c) => c !== gw.cluster);
      if (elsewhere.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['kcp', 'consumers', i, 'locationSelector'],
          message:
            `places namespaces on ${elsewhere.map((c) => `"${c}"`).join(', ')}, but PaC webhooks reach only "${gw.cluster}" (pacGateway.cluster): ` +
            'Repositories there would never see an event; select Locations holding only that cluster, or turn PaC off (tektonConfig.pipelinesAsCode.enable)',
        });
      }
    });
  }
  const clusterIndex = env.clusters.findIndex((c) => c.name === target);
  if (clusterIndex >= 0) {
    ctx.addIssue({ code: 'custom', path: ['clusters', clusterIndex, 'name'], message: `"${target}" is also the Argo CD target of the PaC gateway workspace: rename the cluster` });
  }
}
