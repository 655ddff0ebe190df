import { join } from 'node:path';
import { parse } from 'yaml';
import { checkConsistency, parseManifests } from '../../src/argocd/consistency';
import { HEALTH_CHECKS, healthKey } from '../../src/argocd/health-checks';
import { ArgoCdInstanceContribution, instanceContribution, synthArgoCdInstances } from '../../src/argocd/instance';
import { KCP_INTERNAL_KINDS, excludes, globMatch, kcpExclusions } from '../../src/argocd/resource-exclusions';
import { toYaml } from '../../src/synth/files';
import { SynthError } from '../../src/synth/manifests';
import { validateSchemas } from '../../src/validate/schema';
import { ROOT, readTree } from '../cli/cli-helpers';
import { KCP_COMPUTE, addKcpLikeCharts, buildArgoCd } from './build';

const COMPUTE = 'https://kcp.example.com/clusters/root:org:compute';
const CONSUMER = 'https://kcp.example.com/clusters/root:team-a';
const OTHER_KCP = 'https://kcp.other.example.com/clusters/root:team-b';

function contribution(environment: string, kcp: Record<string, string[]>, extra: Partial<ArgoCdInstanceContribution> = {}): ArgoCdInstanceContribution {
  const kcpWorkspaces = new Map(Object.entries(kcp).map(([s, k]) => [s, new Set(k)]));
  return {
    environment,
    namespace: 'openshift-gitops',
    instance: 'openshift-gitops',
    kcpWorkspaces,
    deployed: new Map([...kcpWorkspaces].map(([s, k]) => [`server ${s}`, k])),
    ...extra,
  };
}

const exclusionsOf = (files: Map<string, any>, ns = 'openshift-gitops') => parse(files.get(`_instance/${ns}/argocd-cm.patch.yaml`).data['resource.exclusions']);

describe('Argo CD settings once per instance', () => {
  test('environments sharing an instance get one folder, with the kcp workspaces of both', () => {
    const files = synthArgoCdInstances([
      contribution('dev', { [COMPUTE]: ['workload.kcp.io/SyncTarget', 'apis.kcp.io/APIExport'], [CONSUMER]: ['apis.kcp.io/APIBinding'] }),
      contribution('prod', { [OTHER_KCP]: ['apis.kcp.io/APIBinding'] }),
    ]);
    expect([...files.keys()]).toEqual(['_instance/openshift-gitops/argocd.patch.yaml', '_instance/openshift-gitops/argocd-cm.patch.yaml']);
    const ex = exclusionsOf(files);
    expect(ex[0]).toEqual({ apiGroups: ['tekton.dev'], kinds: ['TaskRun', 'PipelineRun'], clusters: ['*'] });
    const core = ex.find((e: any) => e.apiGroups[0] === 'core.kcp.io');
    expect(core.clusters).toEqual([COMPUTE, CONSUMER, OTHER_KCP].sort());
    // SyncTargets are deployed in the compute workspace: excluded everywhere else only.
    const st = ex.find((e: any) => e.apiGroups[0] === 'workload.kcp.io');
    expect(st.clusters).toEqual([CONSUMER, OTHER_KCP].sort());
  });

  test('no kcp: only the OpenShift GitOps default exclusion, on a workload cluster nothing kcp-related', () => {
    const files = synthArgoCdInstances([contribution('plain', {}, { deployed: new Map([['server https://api.c.example.com:6443', new Set(['operator.tekton.dev/TektonConfig'])]]) })]);
    expect(exclusionsOf(files)).toEqual([{ apiGroups: ['tekton.dev'], kinds: ['TaskRun', 'PipelineRun'], clusters: ['*'] }]);
  });

  test('other namespaces are other instances', () => {
    const files = synthArgoCdInstances([contribution('a', {}), contribution('b', {}, { namespace: 'argocd', instance: 'argocd' })]);
    expect([...files.keys()].sort()).toEqual([
      '_instance/argocd/argocd-cm.patch.yaml',
      '_instance/argocd/argocd.patch.yaml',
      '_instance/openshift-gitops/argocd-cm.patch.yaml',
      '_instance/openshift-gitops/argocd.patch.yaml',
    ]);
    expect(files.get('_instance/argocd/argocd.patch.yaml')!.metadata).toMatchObject({ name: 'argocd', namespace: 'argocd' });
  });

  test('one namespace naming two ArgoCD resources is an error naming argocd.instance', () => {
    expect(() => synthArgoCdInstances([contribution('a', {}), contribution('b', {}, { instance: 'other' })])).toThrow(SynthError);
    try {
      synthArgoCdInstances([contribution('a', {}), contribution('b', {}, { instance: 'other' })]);
    } catch (e) {
      expect((e as SynthError).lines).toEqual([expect.stringMatching(/^argocd\.instance: environments a \(openshift-gitops\), b \(other\) share Argo CD namespace openshift-gitops/)]);
    }
  });

  test('an exclusion that would hide a deployed kind is an error', () => {
    const c = contribution('a', {}, { deployed: new Map([['cluster in-cluster', new Set(['tekton.dev/PipelineRun'])]]) });
    expect(() => synthArgoCdInstances([c])).toThrow(/deploys tekton.dev\/PipelineRun, which Argo CD instance openshift-gitops excludes/);
  });

  test('both forms carry the same checks and exclusions; the ArgoCD patch validates against OpenShift GitOps 1.11’s CRD', () => {
    const files = synthArgoCdInstances([contribution('dev', { [COMPUTE]: ['workload.kcp.io/SyncTarget'] })]);
    const cr = files.get('_instance/openshift-gitops/argocd.patch.yaml') as any;
    const cm = files.get('_instance/openshift-gitops/argocd-cm.patch.yaml') as any;
    expect(cr).toMatchObject({ apiVersion: 'argoproj.io/v1beta1', kind: 'ArgoCD', metadata: { name: 'openshift-gitops', namespace: 'openshift-gitops' } });
    expect(cr.spec.resourceHealthChecks).toEqual(HEALTH_CHECKS.map((h) => ({ group: h.group, kind: h.kind, check: h.check })));
    for (const h of HEALTH_CHECKS) expect(cm.data[healthKey(h.group, h.kind)]).toBe(h.check);
    expect(cr.spec.resourceExclusions).toBe(cm.data['resource.exclusions']);
    expect(validateSchemas([{ file: 'argocd.patch.yaml', object: cr }, { file: 'argocd-cm.patch.yaml', object: cm }])).toEqual([]);
    const wrong = { ...cr, spec: { ...cr.spec, resourceHealthChecks: [{ group: 'x', kind: 'Y', lua: 'return {}' }] } };
    expect(validateSchemas([{ file: 'argocd.patch.yaml', object: wrong }]).map((f) => f.path)).toEqual(['spec.resourceHealthChecks[0].lua']);
  });

  test('an environment’s contribution: its kcp workspace servers and what its apps deploy there', () => {
    const { config, out } = buildArgoCd({}, addKcpLikeCharts);
    expect([...out.instance.kcpWorkspaces.keys()]).toEqual([KCP_COMPUTE.server]);
    expect([...out.instance.kcpWorkspaces.get(KCP_COMPUTE.server)!]).toEqual(['networking.k8s.io/Ingress']);
    expect(out.instance).toMatchObject({ environment: config.name, namespace: 'openshift-gitops', instance: 'openshift-gitops' });
    expect(instanceContribution(config, [], []).kcpWorkspaces.size).toBe(0);
  });
});

describe('resource exclusions', () => {
  test('Argo CD’s glob: * spans any characters, the rest is literal', () => {
    expect(globMatch('*', 'https://a/clusters/root:x')).toBe(true);
    expect(globMatch('https://kcp.example.com/clusters/*', 'https://kcp.example.com/clusters/root:a')).toBe(true);
    expect(globMatch('https://kcp.example.com/clusters/root:a', 'https://kcp.example.com/clusters/root:ab')).toBe(false);
    expect(globMatch('a.b', 'axb')).toBe(false);
  });

  test('an exclusion matches group, kind and cluster (empty lists match all)', () => {
    const e = { apiGroups: ['core.kcp.io'], kinds: ['Shard'], clusters: [COMPUTE] };
    expect(excludes(e, 'core.kcp.io', 'Shard', COMPUTE)).toBe(true);
    expect(excludes(e, 'core.kcp.io', 'Shard', CONSUMER)).toBe(false);
    expect(excludes(e, 'core.kcp.io', 'LogicalCluster', COMPUTE)).toBe(false);
    expect(excludes({ apiGroups: [], kinds: [], clusters: [] }, 'x', 'Y', 'z')).toBe(true);
  });

  test('kcp internals: none of the kinds the kcp targets deploy (APIBinding, APIExport, Location, Placement)', () => {
    const groups = KCP_INTERNAL_KINDS.map((k) => k.group);
    expect(groups).not.toContain('apis.kcp.io');
    expect(groups).not.toContain('scheduling.kcp.io');
    expect(kcpExclusions(new Map([[COMPUTE, new Set(KCP_INTERNAL_KINDS.flatMap((g) => g.kinds.map((k) => `${g.group}/${k}`)))]]))).toEqual([]);
  });

  test('the consistency check catches an exclusion that hides a deployed kind', () => {
    const prefix = (dir: string) => Object.fromEntries(Object.entries(readTree(join(ROOT, dir))).map(([p, c]) => [`${dir}/${p}`, c]));
    const dist = parseManifests(prefix('dist'));
    const argocd = parseManifests(prefix('argocd'));
    expect(checkConsistency(dist, argocd)).toEqual([]);
    const cmFile = 'argocd/_instance/openshift-gitops/argocd-cm.patch.yaml';
    const cm = structuredClone(argocd.get(cmFile)) as any;
    cm.data['resource.exclusions'] += '- apiGroups:\n    - operator.tekton.dev\n  kinds:\n    - TektonConfig\n  clusters:\n    - "*"\n';
    argocd.set(cmFile, parse(toYaml(cm)));
    const problems = checkConsistency(dist, argocd);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => /tektonconfig_config\.yaml: TektonConfig config: kind operator\.tekton\.dev\/TektonConfig is excluded on .* by resource\.exclusions of Argo CD in openshift-gitops/.test(p))).toBe(true);
  });
});
