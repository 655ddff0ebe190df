import { z } from 'zod';
import { syncTargetNameFor } from '../lib/kcp-names';
import { listed } from './grammar/text';
import { apiGroup, positiveNumber, dnsLabel, dnsSubdomain, goDuration, grammar, imageByDigest, int32, labels, quantity, resourceName, secretKey, sha256Hex, text, uniqueBy, url } from './primitives';

/** The compute workspace's Argo CD target. */
export const KCP_COMPUTE_TARGET = 'kcp-compute';
/** Argo CD target of a consumer workspace. */
export const kcpConsumerTarget = (consumer: string) => `kcp-${consumer}`;

/** The export kcp creates itself in every workspace holding a SyncTarget: never declared in git. */
export const KCP_OWNED_EXPORT = 'kubernetes';

/** What the original Pipeline Service synced (design notes, item 5). */
export const DEFAULT_RESOURCES_TO_SYNC = [
  'deployments.apps',
  'services',
  'ingresses.networking.k8s.io',
  'networkpolicies.networking.k8s.io',
  'pipelines.tekton.dev',
  'pipelineruns.tekton.dev',
  'tasks.tekton.dev',
  'repositories.pipelinesascode.tekton.dev',
] as const;

/**
 * Built-in Kubernetes resources kcp's own `kubernetes` export can offer (imported from the
 * workload cluster): a synced resource must be one of these or one of our exported schemas.
 */
export const BUILT_IN_RESOURCES: ReadonlySet<string> = new Set([
  'configmaps',
  'secrets',
  'services',
  'serviceaccounts',
  'endpoints',
  'pods',
  'persistentvolumeclaims',
  'limitranges',
  'resourcequotas',
  'deployments.apps',
  'statefulsets.apps',
  'daemonsets.apps',
  'replicasets.apps',
  'jobs.batch',
  'cronjobs.batch',
  'ingresses.networking.k8s.io',
  'networkpolicies.networking.k8s.io',
  'roles.rbac.authorization.k8s.io',
  'rolebindings.rbac.authorization.k8s.io',
  'horizontalpodautoscalers.autoscaling',
  'poddisruptionbudgets.policy',
]);

/** The Tekton / PaC kinds we can export, keyed as in `kcp.export.schemas`; PipelineRun always. */
export const EXPORTABLE_SCHEMAS = {
  pipelineruns: 'pipelineruns.tekton.dev',
  pipelines: 'pipelines.tekton.dev',
  tasks: 'tasks.tekton.dev',
  repositories: 'repositories.pipelinesascode.tekton.dev',
} as const;
export type ExportableSchema = keyof typeof EXPORTABLE_SCHEMAS;
const EXPORTED_BY_RESOURCE = new Map(Object.entries(EXPORTABLE_SCHEMAS).map(([k, r]) => [r as string, k as ExportableSchema]));

const TASKRUNS = 'taskruns.tekton.dev';
/** kcp workspace paths: `root`, then `:`-separated segments. */
const WORKSPACE_PATH = /^root(:[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** `plural[.group]`, as the syncer's --resources takes them. */
const RESOURCE = /^[a-z][a-z0-9]*(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const UID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The digest the shipped environments carry until the real one of the pinned syncer release
 * is filled in: accepted, but the syncers stay at 0 replicas and synth warns.
 */
export const UNRESOLVED_DIGEST = `sha256:${'0'.repeat(64)}`;
export const isUnresolvedImage = (image: string) => image.endsWith(`@${UNRESOLVED_DIGEST}`);

export const workspacePath = grammar((value) => {
  if (value.length > 255) return `must be at most 255 characters, got ${value.length}`;
  if (!WORKSPACE_PATH.test(value)) return 'must be a kcp workspace path: root, then lower-case :-separated segments (e.g. root:pipeline-service)';
  return value.split(':').some((s) => s.length > 63) ? 'must have segments of at most 63 characters (DNS-1123 labels)' : undefined;
});

export const kcpSyncerSchema = z.strictObject({
  /** The kcp v0.11 syncer image, pinned by digest (ghcr.io/kcp-dev/kcp/syncer:v0.11.0@sha256:...). */
  image: imageByDigest,
  /** Image of the DNS component the syncer starts per workspace. @default - the syncer image (same binary) */
  dnsImage: imageByDigest.optional(),
  qps: positiveNumber().default(20),
  burst: int32(1).default(30),
  apiImportPollInterval: goDuration.default('1m'),
  downstreamNamespaceCleanDelay: goDuration.default('30s'),
  /** `plural[.group]` of every resource the syncer carries to the workload clusters. */
  resourcesToSync: z
    .array(
      grammar((r) => (r.length <= 253 && RESOURCE.test(r) ? undefined : 'must be a resource as plural[.group] of at most 253 characters, e.g. deployments.apps or services'))
        .refine((r) => r !== TASKRUNS, {
          message: `${TASKRUNS} cannot be synced in phase 1: TaskRun objects cannot be synced to kcp (decision record "Pipeline Service Phase 1"); PipelineRuns create their TaskRuns on the workload cluster`,
        }),
    )
    .min(1, { message: 'must list at least one resource' })
    .default([...DEFAULT_RESOURCES_TO_SYNC])
    .check(z.superRefine((rs, ctx) => uniqueBy(rs, (r) => r, 'resource', ctx, []), { when: (payload) => Array.isArray(payload.value) })),
  /** kcp namespace (in the compute workspace) of the syncers' ServiceAccounts. */
  kcpNamespace: dnsLabel.default('default'),
  /** Requests and limits of the syncer container. */
  containerResources: z
    .strictObject({
      requests: z.strictObject({ cpu: quantity.default('100m'), memory: quantity.default('256Mi') }).prefault({}),
      limits: z.strictObject({ cpu: quantity.default('1'), memory: quantity.default('1Gi') }).prefault({}),
    })
    .prefault({}),
});

export const permissionClaimSchema = z.strictObject({
  /** API group; '' for core. */
  group: apiGroup.default(''),
  resource: resourceName,
  /** Identity hash of the export that provides the resource; empty for built-in kinds. Differs per kcp instance. */
  identityHash: sha256Hex.optional(),
});

export const kcpExportSchema = z.strictObject({
  /** Our APIExport, in the compute workspace; consumers bind to it. */
  name: dnsSubdomain.default('pipeline-service').refine((n) => n !== KCP_OWNED_EXPORT, {
    message: `must not be "${KCP_OWNED_EXPORT}": kcp creates and owns that APIExport in every workspace holding a SyncTarget; declaring it in git fights kcp`,
  }),
  /** Which schemas besides PipelineRun (always exported) the export offers. */
  schemas: z
    .strictObject({
      pipelines: z.boolean().default(true),
      tasks: z.boolean().default(true),
      repositories: z.boolean().default(true),
    })
    .prefault({}),
  /** Claims on resources outside the export (accepted by every configured APIBinding). */
  permissionClaims: z.array(permissionClaimSchema).default([]),
  /** Groups allowed to bind the export (ClusterRole `apibinding:<name>`). */
  bindGroups: z.array(text(253, { min: 1 })).min(1, { message: 'must name at least one group' }).default(['system:authenticated']),
});

export const kcpConsumerSchema = z.strictObject({
  /** Short name: the Argo CD target is `kcp-<name>`. */
  name: dnsLabel,
  /** Workspace that binds our export, e.g. root:appstudio. */
  workspace: workspacePath,
});

export const kcpSchema = z
  .strictObject({
    /** kcp's front-proxy URL, without /clusters/...: Argo CD reaches a workspace at <serverURL>/clusters/<path>. */
    serverURL: url({
      schemes: ['https'],
      pathAppended: true,
      credentials: 'Argo CD reads the credentials for kcp workspaces from their cluster Secrets (label argocd.argoproj.io/secret-type: cluster)',
    })
      .refine((u) => !/\/clusters(\/|$)/.test(URL.canParse(u) ? new URL(u).pathname : ''), { message: 'must not contain /clusters/...: the workspace path is added per target' })
      .transform((u) => u.replace(/\/+$/, '')),
    /** Organization workspace, e.g. root:pipeline-service. */
    organization: workspacePath,
    /** Child of the organization holding the SyncTargets and our APIExport. */
    computeWorkspace: dnsLabel.default('compute'),
    syncer: kcpSyncerSchema,
    export: kcpExportSchema.prefault({}),
    /** Workspaces that get an APIBinding to our export, each in its own Argo CD target. */
    consumers: z
      .array(kcpConsumerSchema)
      .default([])
      .check(
        z.superRefine(
          (cs, ctx) => {
            uniqueBy(cs, (c) => c?.name, 'name', ctx, []);
            uniqueBy(cs, (c) => c?.workspace, 'workspace', ctx, []);
          },
          { when: (payload) => Array.isArray(payload.value) },
        ),
      ),
  })
  .superRefine((kcp, ctx) => {
    const exported = exportedResources(kcp.export.schemas);
    kcp.syncer.resourcesToSync.forEach((r, i) => {
      // TaskRuns already carry their own error.
      if (r !== TASKRUNS && !BUILT_IN_RESOURCES.has(r) && !exported.has(r)) {
        const key = EXPORTED_BY_RESOURCE.get(r);
        ctx.addIssue({
          code: 'custom',
          path: ['syncer', 'resourcesToSync', i],
          message: key
            ? `${r} is synced but not exported: set kcp.export.schemas.${key} to true, or remove it here`
            : `${r} is neither a built-in Kubernetes resource nor exported by kcp.export: the syncer could not serve it to consumers; remove it`,
        });
      }
    });
    const synced = new Set(kcp.syncer.resourcesToSync);
    for (const [key, resource] of Object.entries(EXPORTABLE_SCHEMAS)) {
      if (exported.has(resource) && !synced.has(resource)) {
        const path = key === 'pipelineruns' ? ['syncer', 'resourcesToSync'] : ['export', 'schemas', key];
        ctx.addIssue({
          code: 'custom',
          path,
          message: `${resource} is exported but not in kcp.syncer.resourcesToSync: consumers could create objects no workload cluster runs; add it to resourcesToSync${key === 'pipelineruns' ? '' : ' or set this to false'}`,
        });
      }
    }
  });

/** How one cluster's syncer gets the kubeconfig that reaches kcp: never inlined in git. */
export const kubeconfigSourceSchema = z.union(
  [
    z.strictObject({
      /** A Secret created out of band in the syncer namespace. */
      secretName: dnsSubdomain,
      key: secretKey.default('kubeconfig'),
    }),
    z.strictObject({
      /** An ExternalSecret (external-secrets.io) that materializes the Secret from a store. */
      externalSecret: z.strictObject({
        storeRef: z.strictObject({ name: dnsSubdomain, kind: z.enum(['SecretStore', 'ClusterSecretStore']).default('ClusterSecretStore') }),
        /** Key of the kubeconfig in the store. */
        remoteKey: text(1024, { min: 1 }),
        property: text(1024, { min: 1 }).optional(),
        refreshInterval: goDuration.default('1h'),
      }),
    }),
  ],
  { error: 'must name exactly one of secretName (an existing Secret) or externalSecret (a store reference)' },
);

export const clusterKcpSchema = z.strictObject({
  /** UID kcp gave this cluster's SyncTarget; unknown until Argo CD applied the compute workspace once. */
  syncTargetUID: grammar((v) => (UID.test(v) ? undefined : 'must be the SyncTarget UID, a lower-case UUID such as 6d1e3c2a-9b7f-4e58-a0c4-2f8e1b3d5a79')).optional(),
  /** Extra labels on the SyncTarget (merged over the cluster's labels). */
  labels: labels.default({}),
  /** @default - an existing Secret named like the plugin names it (the syncer id), key `kubeconfig` */
  kubeconfig: kubeconfigSourceSchema.optional(),
});

/** The kinds the export serves: PipelineRun always, the others as configured. */
export function exportedResources(schemas: KcpExportConfig['schemas']): Set<string> {
  const out = new Set<string>([EXPORTABLE_SCHEMAS.pipelineruns]);
  if (schemas.pipelines) out.add(EXPORTABLE_SCHEMAS.pipelines);
  if (schemas.tasks) out.add(EXPORTABLE_SCHEMAS.tasks);
  if (schemas.repositories) out.add(EXPORTABLE_SCHEMAS.repositories);
  return out;
}

/** Argo CD destination of a kcp workspace: kcp serves each workspace under /clusters/<path>. */
export function kcpWorkspaceDestination(kcp: Pick<KcpConfig, 'serverURL'>, path: string): { server: string } {
  return { server: `${kcp.serverURL}/clusters/${path}` };
}

/** `<organization>:<computeWorkspace>`. */
export function computeWorkspacePath(kcp: Pick<KcpConfig, 'organization' | 'computeWorkspace'>): string {
  return `${kcp.organization}:${kcp.computeWorkspace}`;
}

/** Every Argo CD target name the kcp section adds. */
export function kcpTargetNames(kcp: Pick<KcpConfig, 'consumers'>): string[] {
  return [KCP_COMPUTE_TARGET, ...kcp.consumers.map((c) => kcpConsumerTarget(c.name))];
}

export type KcpConfig = z.output<typeof kcpSchema>;
export type KcpSyncerConfig = z.output<typeof kcpSyncerSchema>;
export type KcpExportConfig = z.output<typeof kcpExportSchema>;
export type KcpConsumerConfig = z.output<typeof kcpConsumerSchema>;
export type ClusterKcpConfig = z.output<typeof clusterKcpSchema>;
export type KubeconfigSource = z.output<typeof kubeconfigSourceSchema>;

/**
 * Checks across `kcp` and `clusters` (run once both parsed): target names, one SyncTarget per
 * cluster, no per-cluster kcp settings without the kcp section. Linear in the number of clusters.
 */
export function kcpChecks(
  env: { readonly kcp?: KcpConfig; readonly clusters: readonly { readonly name: string; readonly kcp?: ClusterKcpConfig }[] },
  ctx: z.RefinementCtx,
): void {
  const { kcp, clusters } = env;
  if (!kcp) {
    clusters.forEach((c, i) => {
      if (c.kcp) ctx.addIssue({ code: 'custom', path: ['clusters', i, 'kcp'], message: 'is set, but the environment has no top-level kcp section: add kcp, or remove this' });
    });
    return;
  }
  const targets = new Set(kcpTargetNames(kcp));
  const syncTargets = new Map<string, number>();
  clusters.forEach((c, i) => {
    if (targets.has(c.name)) {
      ctx.addIssue({ code: 'custom', path: ['clusters', i, 'name'], message: `"${c.name}" is also the Argo CD target of a kcp workspace (${listed([...targets])}): rename the cluster` });
    }
    const st = syncTargetNameFor(c.name);
    const first = syncTargets.get(st);
    if (first !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['clusters', i, 'name'],
        message: `maps to SyncTarget "${st}", as does clusters[${first}] ("${clusters[first].name}"): each cluster needs its own SyncTarget; rename one of them`,
      });
    } else {
      syncTargets.set(st, i);
    }
  });
}
