/**
 * Argo CD `resource.exclusions` entries (argoproj/argo-cd@v2.9.0:util/settings/filtered_resource.go:
 * `apiGroups` and `clusters` are globs, `kinds` exact or `*`; `clusters` matches the cluster's
 * server URL). Excluded kinds are neither listed, watched nor shown on those clusters.
 */
export interface ResourceExclusion {
  readonly apiGroups: readonly string[];
  readonly kinds: readonly string[];
  readonly clusters: readonly string[];
}

/** A kind kcp serves in a workspace that is kcp's own bookkeeping, never this project's. */
export interface KcpInternalKinds {
  readonly group: string;
  readonly kinds: readonly string[];
  /** Why Argo CD should not watch it. */
  readonly reason: string;
}

/**
 * kcp-internal kinds, from kcp-dev/kcp@v0.11.0:config/crds and config/root-phase0 (the
 * APIResourceSchemas root exports to every workspace). Not listed: apis.kcp.io and
 * scheduling.kcp.io (APIBindings, APIExports, Locations, Placements are what the kcp targets
 * deploy). Each is excluded only on kcp workspaces where no app deploys that kind, so a kind the
 * project deploys somewhere (SyncTargets in the compute workspace) stays watched there.
 */
export const KCP_INTERNAL_KINDS: readonly KcpInternalKinds[] = [
  { group: 'core.kcp.io', kinds: ['LogicalCluster', 'Shard'], reason: "the workspace's own LogicalCluster and the shard registry, written by kcp" },
  { group: 'tenancy.kcp.io', kinds: ['Workspace', 'ClusterWorkspace', 'WorkspaceType'], reason: 'child workspaces and their types: other teams own them' },
  { group: 'apiresource.kcp.io', kinds: ['APIResourceImport', 'NegotiatedAPIResource'], reason: 'what syncers import from their clusters, rewritten on every syncer start' },
  { group: 'topology.kcp.io', kinds: ['Partition', 'PartitionSet'], reason: 'shard topology' },
  { group: 'workload.kcp.io', kinds: ['SyncTarget'], reason: 'SyncTargets whose status heartbeat the syncer rewrites every few seconds' },
];

export const OPENSHIFT_GITOPS_DEFAULT_EXCLUSION: ResourceExclusion = {
  // redhat-developer/gitops-operator@v1.11.0:controllers/argocd/argocd.go NewCR: the default
  // instance excludes Tekton runs everywhere. resourceExclusions is one string, replaced whole by
  // a merge patch, so the patch carries this entry too.
  apiGroups: ['tekton.dev'],
  kinds: ['TaskRun', 'PipelineRun'],
  clusters: ['*'],
};

/** Argo CD's glob (gobwas/glob without separators): `*` matches any run of characters, `?` one. */
export function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(value);
}

/** Whether `exclusion` hides kind `group/kind` on the cluster at `server`. */
export function excludes(exclusion: ResourceExclusion, group: string, kind: string, server: string): boolean {
  const groupOk = exclusion.apiGroups.length === 0 || exclusion.apiGroups.some((g) => globMatch(g, group));
  const kindOk = exclusion.kinds.length === 0 || exclusion.kinds.some((k) => k === '*' || k === kind);
  const clusterOk = exclusion.clusters.length === 0 || exclusion.clusters.some((c) => globMatch(c, server));
  return groupOk && kindOk && clusterOk;
}

/**
 * The kcp exclusions for the kcp workspaces of one Argo CD instance: per internal kind, the
 * workspace server URLs (exact) where no app deploys it. `deployed` maps each kcp workspace's
 * server URL to the `group/kind`s deployed there. Sorted, so the output is stable.
 */
export function kcpExclusions(deployed: ReadonlyMap<string, ReadonlySet<string>>, internals: readonly KcpInternalKinds[] = KCP_INTERNAL_KINDS): ResourceExclusion[] {
  const servers = [...deployed.keys()].sort();
  const out: ResourceExclusion[] = [];
  for (const g of internals) {
    // One entry per distinct set of servers, so a kind deployed somewhere is excluded elsewhere only.
    const byServers = new Map<string, string[]>();
    for (const kind of g.kinds) {
      const where = servers.filter((s) => !deployed.get(s)!.has(`${g.group}/${kind}`));
      if (where.length === 0) continue;
      const key = where.join('\n');
      byServers.set(key, [...(byServers.get(key) ?? []), kind]);
    }
    for (const [key, kinds] of byServers) out.push({ apiGroups: [g.group], kinds, clusters: key.split('\n') });
  }
  return out;
}
