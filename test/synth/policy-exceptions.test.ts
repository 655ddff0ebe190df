import { ApiObject, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { ComponentChart } from '../../src/charts/component-chart';
import { parseEnvironment } from '../../src/config';
import { declarePolicyException } from '../../src/lib/policy-exceptions';
import { synthEnvironment } from '../../src/synth/environment';
import { SynthError } from '../../src/synth/manifests';
import { collectPolicyExceptions } from '../../src/synth/policy-exceptions';
import { CheckedObject, DeployedObject, PolicyException, checkObjects, checkPolicy, formatFinding } from '../../src/validate';
import { fixtureEnvironment, only, testApp } from '../helpers';

/** The dev environment as `npm run check` sees it: objects placed in their dist/ folders, and the declared waivers. */
function dev(mutate: (input: any) => void = () => undefined) {
  const input = fixtureEnvironment('dev') as any;
  mutate(input);
  const out = synthEnvironment(parseEnvironment(input));
  const objects: CheckedObject[] = out.components.flatMap((c) =>
    c.objects.map((object) => ({ file: `dist/${out.name}/${c.target}/${c.component}/${object.kind}.yaml`, object, env: out.name, target: c.target, component: c.component })),
  );
  return { out, objects };
}

const syncerObjects = (objects: CheckedObject[]) => {
  const found = objects.filter((o) => o.component === 'kcp-syncer');
  if (found.length === 0) throw new Error('no kcp-syncer objects');
  return found;
};
const policy = (objects: CheckedObject[], exceptions: readonly PolicyException[]) =>
  checkPolicy(objects, exceptions).findings.map((f) => `${f.object}: ${f.path} [${f.rule}]`);

describe('waivers declared by the kcp syncer', () => {
  const { out, objects } = dev();

  test('one per syncer ClusterRole and Deployment, matching exactly that object, never written to the output', () => {
    const role = only(syncerObjects(objects).map((o) => o.object), 'ClusterRole');
    const deployment = only(syncerObjects(objects).map((o) => o.object), 'Deployment');
    expect(out.exceptions.map((e) => [e.rule, e.match])).toEqual([
      ['rbac-no-wildcards', { env: 'dev', target: 'dev-workload-1', component: 'kcp-syncer', kind: 'ClusterRole', name: role.metadata.name }],
      ['pod-probes', { env: 'dev', target: 'dev-workload-1', component: 'kcp-syncer', kind: 'Deployment', namespace: deployment.metadata.namespace, name: deployment.metadata.name }],
    ]);
    for (const e of out.exceptions) expect(e.reason.length).toBeGreaterThan(40);
    expect(out.exceptions[1].reason).toMatch(/no health endpoint/);
    expect([...out.files.values()].join('\n')).not.toMatch(/exception|waive/i);
  });

  test('the syncer ClusterRole and Deployment pass with them, and fail without', () => {
    const syncer = syncerObjects(objects);
    expect(policy(syncer, out.exceptions)).toEqual([]);
    const without = policy(syncer, []);
    expect(without.filter((f) => f.includes('[rbac-no-wildcards]')).length).toBeGreaterThan(0);
    expect(without.filter((f) => f.includes('[pod-probes]'))).toHaveLength(2);
  });

  test("a '*' on a resource the syncer does not sync still fails, alone or next to synced ones", () => {
    const placed = syncerObjects(objects).map((o) => (o.object.kind === 'ClusterRole' ? { ...o, object: JSON.parse(JSON.stringify(o.object)) } : o));
    const role = placed.find((o) => o.object.kind === 'ClusterRole')!.object as any;
    const n = role.rules.length;
    role.rules.push({ apiGroups: [''], resources: ['pods'], verbs: ['*'] });
    role.rules.push({ apiGroups: ['apps'], resources: ['deployments', 'daemonsets'], verbs: ['*'] });
    role.rules.push({ apiGroups: ['tekton.dev'], resources: ['taskruns'], verbs: ['*'] });
    expect(policy(placed, out.exceptions)).toEqual([
      `ClusterRole ${role.metadata.name}: rules[${n}].verbs [rbac-no-wildcards]`,
      `ClusterRole ${role.metadata.name}: rules[${n + 1}].verbs [rbac-no-wildcards]`,
      `ClusterRole ${role.metadata.name}: rules[${n + 2}].verbs [rbac-no-wildcards]`,
    ]);
  });

  test('the waiver follows kcp.syncer.resourcesToSync: dropping a resource from the config drops its waiver', () => {
    const fewer = dev((input) => {
      // The gateway needs ingresses synced: without it, dropping them is a valid config.
      input.pacGateway = { ...input.pacGateway, enabled: false };
      input.kcp.syncer = { ...input.kcp.syncer, resourcesToSync: ['deployments.apps', 'services', 'networkpolicies.networking.k8s.io', 'pipelines.tekton.dev', 'pipelineruns.tekton.dev', 'tasks.tekton.dev', 'repositories.pipelinesascode.tekton.dev'] };
    });
    // The role of the full config, judged by the waiver of the smaller one: ingresses are not synced there.
    const role = syncerObjects(objects).filter((o) => o.object.kind === 'ClusterRole');
    const ingressRule = (role[0].object as any).rules.findIndex((r: any) => r.apiGroups[0] === 'networking.k8s.io' && r.verbs[0] === '*');
    expect(ingressRule).toBeGreaterThan(0);
    expect(policy(role, fewer.out.exceptions)).toEqual([`ClusterRole ${role[0].object.metadata!.name}: rules[${ingressRule}].verbs [rbac-no-wildcards]`]);
    expect(policy(syncerObjects(fewer.objects), fewer.out.exceptions)).toEqual([]);
  });

  test('the probes waiver covers the syncer container of the syncer Deployment only', () => {
    const syncer = syncerObjects(objects).find((o) => o.object.kind === 'Deployment')!;
    const twoContainers = JSON.parse(JSON.stringify(syncer.object));
    twoContainers.spec.template.spec.containers.push({ ...twoContainers.spec.template.spec.containers[0], name: 'sidecar' });
    expect(policy([{ ...syncer, object: twoContainers }], out.exceptions)).toEqual([
      `Deployment ${syncer.object.metadata!.namespace}/${syncer.object.metadata!.name}: spec.template.spec.containers[1].livenessProbe [pod-probes]`,
      `Deployment ${syncer.object.metadata!.namespace}/${syncer.object.metadata!.name}: spec.template.spec.containers[1].readinessProbe [pod-probes]`,
    ]);
    const renamed = { ...syncer, object: { ...syncer.object, metadata: { ...syncer.object.metadata, name: 'other' } } };
    expect(policy([renamed], out.exceptions)).toHaveLength(2);
    expect(policy([{ ...syncer, env: 'prod' }], out.exceptions)).toHaveLength(2);
    expect(policy([{ ...syncer, target: 'dev-workload-2' }], out.exceptions)).toHaveLength(2);
  });

  test('a declared waiver that waives nothing is reported where it is declared', () => {
    const deployed: DeployedObject[] = syncerObjects(objects)
      .filter((o) => o.object.kind !== 'Deployment')
      .map((o) => ({ ...o, destination: 'd' }));
    const lines = checkObjects(deployed, { exceptions: out.exceptions, reportUnusedExceptions: true }).findings.filter((f) => f.check === 'exception').map(formatFinding);
    expect(lines).toEqual([expect.stringMatching(/^dev\/dev-workload-1\/kcp-syncer\/Syncer\/Resource: exception pod-probes for env=dev .*kind=Deployment .* waives nothing: remove it$/)]);
  });
});

describe('collectPolicyExceptions', () => {
  test('rejects a waiver declared outside a component chart', () => {
    const app = testApp();
    const chart = new ComponentChart(app, 'c', { target: 't', component: 'x' });
    const inChart = new k8s.KubeConfigMap(chart, 'Cm', { metadata: { name: 'cm' } });
    declarePolicyException(inChart, { rule: 'standard-labels', reason: 'test: a reason long enough' });
    expect(collectPolicyExceptions(app, 'e')).toEqual([
      { rule: 'standard-labels', reason: 'test: a reason long enough', match: { env: 'e', target: 't', component: 'x', kind: 'ConfigMap', name: 'cm' }, source: 'e/c/Cm' },
    ]);
    const plain = new Chart(app, 'plain');
    declarePolicyException(new ApiObject(plain, 'Obj', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'o' } }), { rule: 'standard-labels', reason: 'r' });
    expect(() => collectPolicyExceptions(app, 'e')).toThrow(SynthError);
    expect(() => collectPolicyExceptions(app, 'e')).toThrow('plain/Obj: declares a policy exception but is not an object of a component chart');
  });

  test('a waiver needs a reason', () => {
    const chart = new ComponentChart(testApp(), 'c', { target: 't', component: 'x' });
    expect(() => declarePolicyException(new k8s.KubeConfigMap(chart, 'Cm', { metadata: { name: 'cm' } }), { rule: 'standard-labels', reason: ' ' })).toThrow(
      'policy exception for standard-labels on ConfigMap cm needs a reason',
    );
  });
});

test('ComponentChart.isComponentChart is false for a plain Chart (cdk8s makes instanceof true for any Chart)', () => {
  const app = testApp();
  expect(ComponentChart.isComponentChart(new Chart(app, 'plain'))).toBe(false);
  expect(ComponentChart.isComponentChart(new ComponentChart(app, 'c', { target: 't', component: 'x' }))).toBe(true);
});
