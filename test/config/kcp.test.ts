import { syncTargetNameFor } from '../../src/lib/kcp-names';
import { DEFAULT_RESOURCES_TO_SYNC, environmentSchema, kcpWorkspaceDestination, parseEnvironment } from '../../src/config';
import { MINIMAL_ENVIRONMENT, configProblems } from '../helpers';

const IMAGE = `ghcr.io/kcp-dev/kcp/syncer:v0.11.0@sha256:${'a'.repeat(64)}`;
const base = MINIMAL_ENVIRONMENT;
const kcp = (over: Record<string, unknown> = {}) => ({ serverURL: 'https://kcp.example.com', organization: 'root:pipeline-service', syncer: { image: IMAGE }, ...over });

const problems = configProblems;

describe('kcp config', () => {
  test('absent: no kcp value, existing configs unchanged', () => {
    expect(parseEnvironment(base).kcp).toBeUndefined();
  });

  test('defaults follow the kcp v0.11 plugin and the design notes', () => {
    const env = parseEnvironment({ ...base, kcp: kcp({ serverURL: 'https://kcp.example.com/' }) });
    expect(env.kcp).toEqual({
      serverURL: 'https://kcp.example.com',
      organization: 'root:pipeline-service',
      computeWorkspace: 'compute',
      syncer: {
        image: IMAGE,
        qps: 20,
        burst: 30,
        apiImportPollInterval: '1m',
        downstreamNamespaceCleanDelay: '30s',
        resourcesToSync: [...DEFAULT_RESOURCES_TO_SYNC],
        kcpNamespace: 'default',
        containerResources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
      },
      bindGroups: ['system:authenticated'],
      locations: [],
      consumers: [],
    });
    expect(environmentSchema.parse(env)).toEqual(env);
  });

  test('workspace destination', () => {
    expect(kcpWorkspaceDestination({ serverURL: 'https://kcp.example.com' }, 'root:org:compute')).toEqual({ server: 'https://kcp.example.com/clusters/root:org:compute' });
  });

  test('TaskRuns are rejected, citing phase 1', () => {
    const lines = problems({ ...base, kcp: kcp({ syncer: { image: IMAGE, resourcesToSync: [...DEFAULT_RESOURCES_TO_SYNC, 'taskruns.tekton.dev'] } }) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^kcp\.syncer\.resourcesToSync\[8\]: taskruns\.tekton\.dev cannot be synced in phase 1: TaskRun objects cannot be synced to kcp/);
  });

  test('PipelineRuns must be synced: consumers get only what the syncers import into the kubernetes export', () => {
    expect(problems({ ...base, kcp: kcp({ syncer: { image: IMAGE, resourcesToSync: ['services', 'tasks.tekton.dev'] } }) })).toEqual([
      "kcp.syncer.resourcesToSync: must include pipelineruns.tekton.dev: consumers get only what the syncers import into the compute workspace's kubernetes export",
    ]);
    // Any resource the workload cluster serves can be imported: no list of known resources.
    expect(parseEnvironment({ ...base, kcp: kcp({ syncer: { image: IMAGE, resourcesToSync: ['pipelineruns.tekton.dev', 'routes.route.openshift.io'] } }) }).kcp?.syncer.resourcesToSync).toHaveLength(2);
  });

  test('the old export settings: one line saying what replaced them', () => {
    for (const old of [{ name: 'pipeline-service' }, { schemas: { repositories: false } }, { bindGroups: ['a'] }, {}]) {
      const lines = problems({ ...base, kcp: kcp({ export: old }) });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^kcp\.export: was removed: consumers now bind the compute workspace's `kubernetes` export/);
      expect(lines[0]).toContain('kcp.bindGroups');
      expect(lines[0]).toContain('kcp.consumers[].locationSelector');
    }
  });

  const located = (consumer: Record<string, unknown> = {}) =>
    kcp({
      locations: [{ name: 'east', instanceSelector: { region: 'east' } }],
      consumers: [{ name: 'appstudio', workspace: 'root:appstudio', locationSelector: { 'pipeline-service.openshift.io/location': 'east' }, ...consumer }],
    });
  const eastCluster = [{ name: 'cluster-a', destination: { name: 'cluster-a' }, labels: { region: 'east' } }];

  test('a consumer with a Location and the default namespace selector (every namespace, as the plugin)', () => {
    const env = parseEnvironment({ ...base, kcp: located(), clusters: eastCluster });
    expect(env.kcp?.consumers[0].namespaceSelector).toEqual({ matchLabels: {}, matchExpressions: [] });
  });

  test('a consumer without a location, or with an empty one', () => {
    expect(problems({ ...base, kcp: kcp({ consumers: [{ name: 'a', workspace: 'root:a' }] }) })).toEqual(['kcp.consumers[0].locationSelector: must be a map of label keys to string values']);
    expect(problems({ ...base, kcp: located({ locationSelector: {} }), clusters: eastCluster })).toEqual([
      "kcp.consumers[0].locationSelector: must hold at least one label: an empty selector lets kcp pick any Location, including its own `default` (every cluster)",
    ]);
  });

  test('a location selector matching no declared Location', () => {
    expect(problems({ ...base, kcp: located({ locationSelector: { 'pipeline-service.openshift.io/location': 'west' } }), clusters: eastCluster })).toEqual([
      'kcp.consumers[0].locationSelector: pipeline-service.openshift.io/location=west selects no Location of kcp.locations (east: pipeline-service.openshift.io/location=east): the Placement would stay Pending and no namespace would ever be scheduled',
    ]);
  });

  test('a Location holding no cluster, and kcp\'s own "default"', () => {
    expect(problems({ ...base, kcp: located(), clusters: [{ ...eastCluster[0], labels: { region: 'west' } }] })).toEqual([
      "kcp.locations[0].instanceSelector: region=east matches no cluster's SyncTarget labels (clusters[].labels and clusters[].kcp.labels): the Location would be empty and Placements on it never bind",
    ]);
    expect(problems({ ...base, kcp: kcp({ locations: [{ name: 'default', instanceSelector: { region: 'east' } }] }), clusters: eastCluster })[0]).toMatch(/^kcp\.locations\[0\]\.name: must not be "default"/);
    // clusters[].kcp.labels count as SyncTarget labels.
    expect(() => parseEnvironment({ ...base, kcp: located(), clusters: [{ ...eastCluster[0], labels: {}, kcp: { labels: { region: 'east' } } }] })).not.toThrow();
  });

  test('a namespace selector that selects nothing', () => {
    const cases: [unknown, string][] = [
      [{ matchLabels: { team: 'a' }, matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['a'] }] }, 'no value of "team" satisfies every requirement on it'],
      [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }, { key: 'tier', operator: 'In', values: ['b'] }] }, 'no value of "tier" satisfies every requirement on it'],
      [{ matchExpressions: [{ key: 'tier', operator: 'Exists' }, { key: 'tier', operator: 'DoesNotExist' }] }, '"tier" must both exist and not exist'],
      [{ matchLabels: { tier: 'a' }, matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, '"tier" must both exist and not exist'],
    ];
    for (const [namespaceSelector, why] of cases) {
      expect(problems({ ...base, kcp: located({ namespaceSelector }), clusters: eastCluster })).toEqual([
        `kcp.consumers[0].namespaceSelector: selects no namespace (${why}): nothing of this consumer would ever be placed`,
      ]);
    }
    // Satisfiable ones pass.
    expect(() => parseEnvironment({ ...base, kcp: located({ namespaceSelector: { matchLabels: { team: 'a' }, matchExpressions: [{ key: 'team', operator: 'In', values: ['a', 'b'] }, { key: 'x', operator: 'DoesNotExist' }] } }), clusters: eastCluster })).not.toThrow();
    expect(problems({ ...base, kcp: located({ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'In' }] } }), clusters: eastCluster })).toEqual([
      'kcp.consumers[0].namespaceSelector.matchExpressions[0]: In and NotIn need values; Exists and DoesNotExist take none',
    ]);
  });

  test('field shapes: organization, server URL, image, durations, UID', () => {
    expect(
      problems({
        ...base,
        kcp: kcp({ organization: 'pipeline-service', serverURL: 'https://kcp.example.com/clusters/root', syncer: { image: 'ghcr.io/kcp-dev/kcp/syncer:v0.11.0', qps: 0, apiImportPollInterval: '1 minute' } }),
        clusters: [{ ...base.clusters[0], kcp: { syncTargetUID: 'not-a-uid' } }],
      }),
    ).toEqual([
      'kcp.serverURL: must not contain /clusters/...: the workspace path is added per target',
      'kcp.organization: must be a kcp workspace path: root, then lower-case :-separated segments (e.g. root:pipeline-service)',
      'kcp.syncer.image: must be pinned by digest: <registry>/<repository>[:tag]@sha256:<64 hex digits> (a tag alone can change under you)',
      'kcp.syncer.qps: must be a positive number',
      'kcp.syncer.apiImportPollInterval: must be a Go duration such as 30s, 1m or 1h30m',
      'clusters[0].kcp.syncTargetUID: must be the SyncTarget UID, a lower-case UUID such as 6d1e3c2a-9b7f-4e58-a0c4-2f8e1b3d5a79',
    ]);
  });

  test('kubeconfig source: an existing Secret or an ExternalSecret, never both', () => {
    const env = parseEnvironment({
      ...base,
      kcp: kcp(),
      clusters: [{ ...base.clusters[0], kcp: { kubeconfig: { externalSecret: { storeRef: { name: 'vault' }, remoteKey: 'kcp/a' } } } }],
    });
    expect(env.clusters[0].kcp?.kubeconfig).toEqual({ externalSecret: { storeRef: { name: 'vault', kind: 'ClusterSecretStore' }, remoteKey: 'kcp/a', refreshInterval: '1h' } });
    expect(problems({ ...base, kcp: kcp(), clusters: [{ ...base.clusters[0], kcp: { kubeconfig: { token: 'abc' } } }] })).toEqual([
      'clusters[0].kcp.kubeconfig: must name exactly one of secretName (an existing Secret) or externalSecret (a store reference)',
    ]);
  });

  test('per-cluster kcp settings need the kcp section', () => {
    expect(problems({ ...base, clusters: [{ ...base.clusters[0], kcp: {} }] })).toEqual([
      'clusters[0].kcp: is set, but the environment has no top-level kcp section: add kcp, or remove this',
    ]);
  });

  test('a cluster may not take the name of a kcp target', () => {
    const lines = problems({ ...base, kcp: kcp({ consumers: [{ name: 'appstudio', workspace: 'root:appstudio', locationSelector: { l: 'x' } }], locations: [{ name: 'x', labels: { l: 'x' }, instanceSelector: { r: 'x' } }] }), clusters: [{ name: 'kcp-appstudio', destination: { name: 'x' }, labels: { r: 'x' } }, { name: 'kcp-compute', destination: { name: 'y' } }] });
    expect(lines).toEqual([
      'clusters[0].name: "kcp-appstudio" is also the Argo CD target of a kcp workspace ("kcp-compute", "kcp-appstudio"): rename the cluster',
      'clusters[1].name: "kcp-compute" is also the Argo CD target of a kcp workspace ("kcp-compute", "kcp-appstudio"): rename the cluster',
    ]);
  });

  test('each cluster maps to exactly one SyncTarget', () => {
    const long = 'pipeline-service-production-workload-euwest1'; // 44 characters: the most an Argo CD application name leaves here
    const hashed = syncTargetNameFor(long);
    expect(hashed.length).toBeLessThanOrEqual(37);
    expect(problems({ ...base, kcp: kcp(), clusters: [{ name: long, destination: { name: 'x' } }, { name: hashed, destination: { name: 'y' } }] })).toEqual([
      `clusters[1].name: maps to SyncTarget "${hashed}", as does clusters[0] ("${long}"): each cluster needs its own SyncTarget; rename one of them`,
    ]);
  });

  test('consumers are unique', () => {
    expect(problems({ ...base, kcp: kcp({ consumers: [{ name: 'a', workspace: 'root:a', locationSelector: { l: 'x' } }, { name: 'a', workspace: 'root:a', locationSelector: { l: 'x' } }] }) })).toEqual([
      'kcp.consumers[1].name: duplicate name "a" (also at index 0)',
      'kcp.consumers[1].workspace: duplicate workspace "root:a" (also at index 0)',
    ]);
  });
});
