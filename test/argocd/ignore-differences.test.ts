import { spawnSync } from 'node:child_process';
import { IGNORE_RULES, ignoreDifferencesFor, unsetFieldPaths } from '../../src/argocd/ignore-differences';
import { pipelineServiceTektonConfig } from '../../src/environments/shared';
import { only } from '../helpers';
import { buildArgoCd } from './build';

const hasJq = spawnSync('jq', ['--version']).status === 0;

/** What Argo CD does with jqPathExpressions: `del(<expr>)` on the live and desired object. */
function jqDelete(obj: unknown, exprs: readonly string[]): unknown {
  const program = exprs.map((e) => `del(${e})`).join(' | ');
  const r = spawnSync('jq', ['-cS', program], { input: JSON.stringify(obj), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`jq failed on ${program}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe('ignore rules', () => {
  test('each rule says why', () => {
    expect(IGNORE_RULES.length).toBeGreaterThan(0);
    for (const r of IGNORE_RULES) expect(r.reason.length).toBeGreaterThan(40);
  });

  test('unsetFieldPaths: object keys git does not set, and list items with other names', () => {
    const obj = { apiVersion: 'v1', kind: 'X', metadata: { name: 'x' }, spec: { a: 1, b: { c: true }, params: [{ name: 'p', value: 'v' }] } };
    expect(unsetFieldPaths(obj, ['spec'])).toEqual([
      '.spec[(.spec // {} | keys - ["a","b","params"])[]]',
      '.spec.b[(.spec.b // {} | keys - ["c"])[]]',
      '.spec.params[]? | select([.name] | inside(["p"]) | not)',
    ]);
  });

  test('no rule for kinds nobody writes back', () => {
    expect(ignoreDifferencesFor([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'y' } }], 'workload-cluster')).toEqual([]);
  });

  (hasJq ? test : test.skip)('TektonConfig: operator defaults vanish from the diff, a change to a git field does not (jq, as Argo CD evaluates it)', () => {
    const { app, components } = buildArgoCd({ tektonConfig: pipelineServiceTektonConfig });
    const desired = only(components.flatMap((c) => c.objects) as any[], 'TektonConfig');
    const rule = only(app('test-cluster-a-tekton-config').spec.ignoreDifferences, 'TektonConfig');
    const live = structuredClone(desired);
    live.spec.addon = { params: [{ name: 'pipelineTemplates', value: 'true' }] };
    live.spec.pipeline['enable-step-actions'] = false;
    live.spec.pruner['prune-per-resource'] = false;
    live.spec.params.push({ name: 'legacyPipelineRbac', value: 'true' });
    live.spec.platforms.openshift.scc = { default: 'pipelines-scc' };
    expect(jqDelete(live, rule.jqPathExpressions)).toEqual(jqDelete(desired, rule.jqPathExpressions));
    expect(jqDelete(desired, rule.jqPathExpressions)).toEqual(JSON.parse(JSON.stringify(desired)));
    live.spec.pipeline['enable-api-fields'] = 'stable';
    expect(jqDelete(live, rule.jqPathExpressions)).not.toEqual(jqDelete(desired, rule.jqPathExpressions));
  });

  (hasJq ? test : test.skip)('TektonConfig without params in git: the params the operator adds are ignored', () => {
    const { app, components } = buildArgoCd();
    const desired = only(components.flatMap((c) => c.objects) as any[], 'TektonConfig');
    expect(desired.spec.params).toEqual([]);
    const rule = only(app('test-cluster-a-tekton-config').spec.ignoreDifferences, 'TektonConfig');
    const live = structuredClone(desired);
    live.spec.params.push({ name: 'pipelineTemplates', value: 'true' });
    expect(jqDelete(live, rule.jqPathExpressions)).toEqual(jqDelete(desired, rule.jqPathExpressions));
  });

  (hasJq ? test : test.skip)('Ingress on kcp: host, tls and kuadrant.dev/* annotations only', () => {
    const rule = IGNORE_RULES.find((r) => r.kind === 'Ingress')!;
    const live = { metadata: { annotations: { 'kuadrant.dev/host.generated': 'x.glbc.example', keep: 'me' } }, spec: { rules: [{ host: 'x.glbc.example', http: {} }], tls: [{ hosts: ['x'] }] } };
    expect(jqDelete(live, rule.jqPathExpressions!)).toEqual({ metadata: { annotations: { keep: 'me' } }, spec: { rules: [{ http: {} }] } });
  });
});
