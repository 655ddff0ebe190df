import { z } from 'zod';
import { externalSecretSourceSchema } from './external-secret';
import { derivedNameProblems, syncTargetNameFor } from '../lib/kcp-names';
import { formatSelector, matchesLabels } from '../lib/label-selector';
import { labelKeyProblem, labelValueProblem } from './grammar/labels';
import { listed } from './grammar/text';
import { positiveNumber, dnsLabel, dnsSubdomain, goDuration, grammar, imageByDigest, int32, labels, quantity, secretKey, text, uniqueBy, url } from './primitives';

/** The compute workspace's Argo CD target. */
export const KCP_COMPUTE_TARGET = 'kcp-compute';
/** Argo CD target of a consumer workspace. */
export const kcpConsumerTarget = (consumer: string) => `kcp-${consumer}`;

/**
 * The export kcp creates itself in every workspace holding a SyncTarget and fills with every resource
 * the syncers import (kcp-dev/kcp@v0.11.0:pkg/reconciler/workload/apiexportcreate, .../workload/apiexport):
 * consumers bind it; never declared in git.
 */
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

const TASKRUNS = 'taskruns.tekton.dev';
const PIPELINERUNS = 'pipelineruns.tekton.dev';

/** What replaced `kcp.export`. */
export const REMOVED_EXPORT_MESSAGE =
  "was removed: consumers now bind the compute workspace's `kubernetes` export, which kcp fills with every resource the syncers import (kcp.syncer.resourcesToSync); " +
  'a hand-written Tekton export cannot work on kcp v0.11 (the syncer imports v1, and one resource cannot be served under two identities). ' +
  'Remove kcp.export: bind groups are kcp.bindGroups, placement is kcp.locations and kcp.consumers[].locationSelector';
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
  /** The kcp v0.11 syncer image, pinned by digest. @default - the train's `kcp-syncer` image (src/trains/), filled in by resolveTrain */
  image: imageByDigest.optional(),
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

/** Label a Location gets by default, so Placements select it: `pipeline-service.openshift.io/location=<name>`. */
export const LOCATION_LABEL = 'pipeline-service.openshift.io/location';

/** A label key / value of a selector requirement, by Kubernetes' own label grammar (grammar/labels.ts). */
const labelKey = grammar((k) => labelKeyProblem(k) && `label key ${labelKeyProblem(k)}`);
const labelValue = grammar((v) => labelValueProblem(v) && `label value ${labelValueProblem(v)}`);
const nonEmptyLabels = (why: string) => labels.refine((l) => Object.keys(l).length > 0, { message: `must hold at least one label: ${why}` });

/** A namespace selector, as `kubectl kcp bind compute --namespace-selector` takes it (=, in, notin, key, !key). */
export const labelSelectorSchema = z.strictObject({
  matchLabels: labels.default({}),
  matchExpressions: z
    .array(
      z
        .strictObject({
          key: labelKey,
          operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
          values: z.array(labelValue).default([]),
        })
        .refine((e) => ((e.operator === 'In' || e.operator === 'NotIn') ? e.values.length > 0 : e.values.length === 0), {
          message: 'In and NotIn need values; Exists and DoesNotExist take none',
        }),
    )
    .default([]),
});

/**
 * A Location we declare in the compute workspace (never kcp's own `default`, which has no labels
 * and holds every SyncTarget): consumers' Placements select it by its labels.
 */
export const kcpLocationSchema = z.strictObject({
  name: dnsLabel.refine((n) => n !== 'default', { message: 'must not be "default": kcp creates and owns that Location in every workspace holding a SyncTarget' }),
  /** The Location's own labels, which Placements select. @default { pipeline-service.openshift.io/location: <name> } */
  labels: labels.optional(),
  /** SyncTarget labels (a cluster's labels merged with clusters[].kcp.labels) that put a cluster in this Location. */
  instanceSelector: nonEmptyLabels('an empty selector puts every cluster in this Location'),
  description: text(1024).optional(),
});

export const kcpConsumerSchema = z.strictObject({
  /** Short name: the Argo CD target is `kcp-<name>`. */
  name: dnsLabel,
  /** Workspace that binds the compute workspace's `kubernetes` export, e.g. root:appstudio. */
  workspace: workspacePath,
  /** Labels of the Location(s) of kcp.locations this consumer's namespaces are placed on (`--location-selectors`). */
  locationSelector: nonEmptyLabels('an empty selector lets kcp pick any Location, including its own `default` (every cluster)'),
  /** Which of the consumer's namespaces are placed (`--namespace-selector`). @default {} - every namespace, as `kubectl kcp bind compute` */
  namespaceSelector: labelSelectorSchema.prefault({}),
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
    /** Child of the organization holding the SyncTargets (and kcp's own `kubernetes` export). */
    computeWorkspace: dnsLabel.default('compute'),
    syncer: kcpSyncerSchema.prefault({}),
    /** Removed: any value is refused with REMOVED_EXPORT_MESSAGE. */
    export: z.never({ error: REMOVED_EXPORT_MESSAGE }).optional(),
    /** Groups allowed to bind the compute workspace's `kubernetes` export (`bind` on apiexports/kubernetes). */
    bindGroups: z.array(text(253, { min: 1 })).min(1, { message: 'must name at least one group' }).default(['system:authenticated']),
    /** Locations in the compute workspace that consumers' Placements select. */
    locations: z
      .array(kcpLocationSchema)
      .default([])
      .check(z.superRefine((ls, ctx) => uniqueBy(ls, (l) => l?.name, 'name', ctx, []), { when: (payload) => Array.isArray(payload.value) })),
    /** Workspaces that bind the compute workspace's `kubernetes` export and place namespaces, each in its own Argo CD target. */
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
    if (!kcp.syncer.resourcesToSync.includes(PIPELINERUNS)) {
      ctx.addIssue({
        code: 'custom',
        path: ['syncer', 'resourcesToSync'],
        message: `must include ${PIPELINERUNS}: consumers get only what the syncers import into the compute workspace's kubernetes export`,
      });
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
      /** An ExternalSecret (external-secrets.io) that materializes the Secret from a store (`remoteKey`: the kubeconfig's key there). */
      externalSecret: externalSecretSourceSchema,
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
  /**
   * Ship a NetworkPolicy letting the syncer's kcp-dns reach OpenShift's cluster DNS (`openshift-dns`);
   * kcp v0.11 allows it only `kube-system` (kcp-dev/kcp#2940).
   * @default true - workload clusters here are OpenShift (the operator comes from OLM's redhat-operators); false where DNS runs in kube-system
   */
  openshiftDns: z.boolean().default(true),
});

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

/** The kcp section as parsed, before the train fills in the syncer image: what the cross-field checks read. */
export type ParsedKcpConfig = z.output<typeof kcpSchema>;
/** The syncer settings once the train filled in the image (resolveKcpSyncerImage). */
export interface KcpSyncerConfig extends z.output<typeof kcpSyncerSchema> {
  /** The kcp v0.11 syncer image, pinned by digest: the environment's, else the train's. */
  readonly image: string;
}
/** The kcp section of a validated environment. */
export interface KcpConfig extends Omit<ParsedKcpConfig, 'syncer'> {
  readonly syncer: KcpSyncerConfig;
}
export type KcpLocationConfig = z.output<typeof kcpLocationSchema>;
export type LabelSelectorConfig = z.output<typeof labelSelectorSchema>;
export type KcpConsumerConfig = z.output<typeof kcpConsumerSchema>;
export type ClusterKcpConfig = z.output<typeof clusterKcpSchema>;
export type KubeconfigSource = z.output<typeof kubeconfigSourceSchema>;

/** kcp-glbc finds the SyncTargets that may carry Ingress workloads by this label (value: the SyncTarget name). */
export const GLBC_SYNC_TARGET_LABEL = 'kuadrant.dev/synctarget';

/** A SyncTarget's labels: the cluster's, then clusters[].kcp.labels, then the GLBC label on the gateway's carrier. */
export function syncTargetLabels(cluster: { readonly name: string; readonly labels: Readonly<Record<string, string>>; readonly kcp?: ClusterKcpConfig }, gatewayCarrier: boolean): Record<string, string> {
  return { ...cluster.labels, ...cluster.kcp?.labels, ...(gatewayCarrier ? { [GLBC_SYNC_TARGET_LABEL]: syncTargetNameFor(cluster.name) } : {}) };
}

/** A Location's own labels, defaulted. */
export function locationLabels(location: KcpLocationConfig): Record<string, string> {
  return location.labels ?? { [LOCATION_LABEL]: location.name };
}

/** Indexes of the Locations a consumer's selector matches. */
export function consumerLocations(kcp: Pick<KcpConfig, 'locations'>, consumer: Pick<KcpConsumerConfig, 'locationSelector'>): number[] {
  return kcp.locations.flatMap((l, i) => (matchesLabels(consumer.locationSelector, locationLabels(l)) ? [i] : []));
}

/** The `--namespace-selector` string form of a selector (k8s.io/apimachinery labels.Parse syntax). */
export function selectorString(selector: LabelSelectorConfig): string {
  const parts = Object.entries(selector.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions) {
    if (e.operator === 'In') parts.push(`${e.key} in (${e.values.join(',')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${e.values.join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(',');
}

/** Why a selector can match no namespace at all (contradictory requirements on one key); undefined when it can match. */
export function emptySelectorReason(selector: LabelSelectorConfig): string | undefined {
  // Per key: the values it may take (undefined = any), and whether it must be absent / present.
  const allowed = new Map<string, Set<string> | undefined>();
  const absent = new Set<string>();
  const present = new Set<string>();
  const restrict = (key: string, values: readonly string[]) => {
    const prev = allowed.get(key);
    allowed.set(key, new Set(values.filter((v) => prev === undefined || prev.has(v))));
    present.add(key);
  };
  for (const [k, v] of Object.entries(selector.matchLabels)) restrict(k, [v]);
  for (const e of selector.matchExpressions) if (e.operator === 'In') restrict(e.key, e.values);
  for (const e of selector.matchExpressions) {
    if (e.operator === 'Exists') present.add(e.key);
    if (e.operator === 'DoesNotExist') absent.add(e.key);
    if (e.operator === 'NotIn') {
      const prev = allowed.get(e.key);
      if (prev) allowed.set(e.key, new Set([...prev].filter((v) => !e.values.includes(v))));
    }
  }
  for (const k of absent) if (present.has(k)) return `"${k}" must both exist and not exist`;
  for (const [k, vs] of allowed) if (vs !== undefined && vs.size === 0) return `no value of "${k}" satisfies every requirement on it`;
  return undefined;
}

/**
 * Checks across `kcp` and `clusters` (run once both parsed): target names, one SyncTarget per
 * cluster, every derived name within its limit, every Location holding a cluster, every consumer
 * placed on a Location and selecting some namespace, no per-cluster kcp settings without the kcp
 * section. Linear in clusters x locations.
 */
export function kcpChecks(
  env: {
    readonly kcp?: ParsedKcpConfig;
    readonly pacGateway?: { readonly enabled: boolean; readonly cluster: string };
    readonly clusters: readonly { readonly name: string; readonly labels: Readonly<Record<string, string>>; readonly kcp?: ClusterKcpConfig }[];
  },
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
    const overflow = derivedNameProblems(st);
    if (overflow.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['clusters', i, 'name'], message: `derives names over their limits: ${overflow.join('; ')}` });
    }
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
  const carrier = env.pacGateway?.enabled ? env.pacGateway.cluster : undefined;
  const stLabels = clusters.map((c) => syncTargetLabels(c, c.name === carrier));
  kcp.locations.forEach((l, i) => {
    if (!stLabels.some((ls) => matchesLabels(l.instanceSelector, ls))) {
      ctx.addIssue({
        code: 'custom',
        path: ['kcp', 'locations', i, 'instanceSelector'],
        message: `${formatSelector(l.instanceSelector)} matches no cluster's SyncTarget labels (clusters[].labels and clusters[].kcp.labels): the Location would be empty and Placements on it never bind`,
      });
    }
  });
  kcp.consumers.forEach((c, i) => {
    if (consumerLocations(kcp, c).length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['kcp', 'consumers', i, 'locationSelector'],
        message: `${formatSelector(c.locationSelector)} selects no Location of kcp.locations (${kcp.locations.map((l) => `${l.name}: ${formatSelector(locationLabels(l))}`).join('; ') || 'none declared'}): the Placement would stay Pending and no namespace would ever be scheduled`,
      });
    }
    const empty = emptySelectorReason(c.namespaceSelector);
    if (empty) {
      ctx.addIssue({ code: 'custom', path: ['kcp', 'consumers', i, 'namespaceSelector'], message: `selects no namespace (${empty}): nothing of this consumer would ever be placed` });
    }
  });
}
