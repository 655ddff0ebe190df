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
      export: { name: 'pipeline-service', schemas: { pipelines: true, tasks: true, repositories: true }, permissionClaims: [], bindGroups: ['system:authenticated'] },
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

  test('a synced resource must be built in or exported', () => {
    expect(problems({ ...base, kcp: kcp({ syncer: { image: IMAGE, resourcesToSync: [...DEFAULT_RESOURCES_TO_SYNC, 'routes.route.openshift.io'] } }) })).toEqual([
      'kcp.syncer.resourcesToSync[8]: routes.route.openshift.io is neither a built-in Kubernetes resource nor exported by kcp.export: the syncer could not serve it to consumers; remove it',
    ]);
  });

  test('export schemas must match the synced Tekton resources, both ways', () => {
    expect(problems({ ...base, kcp: kcp({ export: { schemas: { repositories: false } } }) })).toEqual([
      'kcp.syncer.resourcesToSync[7]: repositories.pipelinesascode.tekton.dev is synced but not exported: set kcp.export.schemas.repositories to true, or remove it here',
    ]);
    expect(problems({ ...base, kcp: kcp({ syncer: { image: IMAGE, resourcesToSync: ['pipelineruns.tekton.dev', 'pipelines.tekton.dev', 'tasks.tekton.dev'] } }) })).toEqual([
      'kcp.export.schemas.repositories: repositories.pipelinesascode.tekton.dev is exported but not in kcp.syncer.resourcesToSync: consumers could create objects no workload cluster runs; add it to resourcesToSync or set this to false',
    ]);
    expect(problems({ ...base, kcp: kcp({ syncer: { image: IMAGE, resourcesToSync: ['services'] }, export: { schemas: { pipelines: false, tasks: false, repositories: false } } }) })).toEqual([
      'kcp.syncer.resourcesToSync: pipelineruns.tekton.dev is exported but not in kcp.syncer.resourcesToSync: consumers could create objects no workload cluster runs; add it to resourcesToSync',
    ]);
  });

  test('the export is never kcp\'s own "kubernetes"', () => {
    expect(problems({ ...base, kcp: kcp({ export: { name: 'kubernetes' } }) })[0]).toMatch(/^kcp\.export\.name: must not be "kubernetes": kcp creates and owns that APIExport/);
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
    const lines = problems({ ...base, kcp: kcp({ consumers: [{ name: 'appstudio', workspace: 'root:appstudio' }] }), clusters: [{ name: 'kcp-appstudio', destination: { name: 'x' } }, { name: 'kcp-compute', destination: { name: 'y' } }] });
    expect(lines).toEqual([
      'clusters[0].name: "kcp-appstudio" is also the Argo CD target of a kcp workspace ("kcp-compute", "kcp-appstudio"): rename the cluster',
      'clusters[1].name: "kcp-compute" is also the Argo CD target of a kcp workspace ("kcp-compute", "kcp-appstudio"): rename the cluster',
    ]);
  });

  test('each cluster maps to exactly one SyncTarget', () => {
    const long = 'pipeline-service-production-workload-euwest1'; // 44 characters: the most an Argo CD application name leaves here
    const hashed = syncTargetNameFor(long);
    expect(hashed).toHaveLength(43);
    expect(problems({ ...base, kcp: kcp(), clusters: [{ name: long, destination: { name: 'x' } }, { name: hashed, destination: { name: 'y' } }] })).toEqual([
      `clusters[1].name: maps to SyncTarget "${hashed}", as does clusters[0] ("${long}"): each cluster needs its own SyncTarget; rename one of them`,
    ]);
  });

  test('consumers are unique', () => {
    expect(problems({ ...base, kcp: kcp({ consumers: [{ name: 'a', workspace: 'root:a' }, { name: 'a', workspace: 'root:a' }] }) })).toEqual([
      'kcp.consumers[1].name: duplicate name "a" (also at index 0)',
      'kcp.consumers[1].workspace: duplicate workspace "root:a" (also at index 0)',
    ]);
  });
});
