import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { TemplateMismatch, renderTemplate, templateOf } from '../../src/argocd/application-set-template';
import { checkConsistency, expandApplicationSet, parseManifests, parseParameterFiles } from '../../src/argocd/consistency';
import { EnvironmentInput, parseEnvironment } from '../../src/config';
import { synthEnvironment } from '../../src/synth/environment';
import { SchemaRegistry, validateSchemas } from '../../src/validate/schema';
import { cliInProcess, readTree, tempDir } from '../cli/cli-helpers';
import { crdValidator } from './crd-schema';
import { fixtureEnvironment } from '../helpers';

const dev = fixtureEnvironment('dev');

/** dev with three copies of its cluster (as `npm run bench` builds its fleets), in one mode. */
function fleetInput(mode: 'app-of-apps' | 'applicationset'): EnvironmentInput {
  const base = structuredClone(dev) as any;
  // Only fleet-a is in dev's Location (its region): single-cluster PaC refuses consumers placeable elsewhere.
  const region = (name: string) => (name === 'fleet-a' ? base.clusters[0].labels : { ...base.clusters[0].labels, 'pipeline-service.openshift.io/region': 'us-west-2' });
  const clusters = ['fleet-a', 'fleet-b', 'fleet-c'].map((name) => ({ ...structuredClone(base.clusters[0]), name, destination: { name: `argocd-${name}` }, labels: region(name) }));
  return { ...base, name: 'fleet', argocd: { ...base.argocd, mode }, clusters, ...(base.pacGateway ? { pacGateway: { ...base.pacGateway, cluster: 'fleet-a' } } : {}) };
}

/** Repository-relative trees of one synthesized environment. */
function synthFleet(mode: 'app-of-apps' | 'applicationset') {
  const out = synthEnvironment(parseEnvironment(fleetInput(mode), 'fleet'));
  const dist = parseManifests(new Map([...out.files].map(([p, t]) => [`dist/${p}`, t])));
  const argocdText = new Map([...out.argocdFiles].map(([p, t]) => [`argocd/${p}`, t]));
  return { out, dist, argocd: parseManifests(argocdText), parameterFiles: parseParameterFiles(argocdText), argocdText };
}

const appOfApps = synthFleet('app-of-apps');
const appSet = synthFleet('applicationset');
// One registry for the file: each kind's schema is compiled once (the CLI's check does the same).
const registry = new SchemaRegistry();
const kinds = (m: Map<string, any>) => [...m.values()].map((o) => o.kind);

/** Every Application a mode deploys: written ones, and those its ApplicationSets generate. */
function applications(trees: ReturnType<typeof synthFleet>): Map<string, any> {
  const out = new Map<string, any>();
  for (const [file, o] of trees.argocd) {
    if (o.kind === 'Application' && !file.endsWith('/root.yaml')) out.set(o.metadata.name, o);
    if (o.kind === 'ApplicationSet') for (const g of expandApplicationSet(o, trees.parameterFiles)) out.set(g.app.metadata.name, g.app);
  }
  return out;
}

describe('argocd.mode: applicationset', () => {
  test('one ApplicationSet per component, one parameter file per (target, component), no child Application files', () => {
    const components = new Set(appOfApps.out.components.map((c) => c.component));
    const sets = [...appSet.argocd.values()].filter((o) => o.kind === 'ApplicationSet');
    expect(sets.map((s) => s.metadata.name).sort()).toEqual([...components].map((c) => `fleet-${c}`).sort());
    expect(kinds(appSet.argocd).filter((k) => k === 'Application')).toHaveLength(1); // the root
    expect([...appSet.parameterFiles.keys()].sort()).toEqual(appOfApps.out.components.map((c) => `argocd/fleet/targets/${c.target}/${c.component}.json`).sort());
    expect(appSet.out.applicationSets).toBe(components.size);
    expect(appSet.out.applications).toBe(appOfApps.out.applications);
  });

  test('the generators expand to exactly the Applications of app-of-apps mode, one per (target, component)', () => {
    const expected = applications(appOfApps);
    const generated = applications(appSet);
    expect(expected.size).toBe(appOfApps.out.components.length);
    expect([...generated.keys()].sort()).toEqual(appOfApps.out.components.map((c) => `fleet-${c.target}-${c.component}`).sort());
    for (const [name, app] of expected) expect({ name, app: generated.get(name) }).toEqual({ name, app });
  });

  test('per-target values are parameters; the rest is the same for all targets', () => {
    const syncer = [...appSet.argocd.values()].find((o) => o.kind === 'ApplicationSet' && o.metadata.name === 'fleet-kcp-syncer') as any;
    expect(syncer.spec.generators).toEqual([{ git: { repoURL: parseEnvironment(dev).git.repoURL, revision: parseEnvironment(dev).git.revision, files: [{ path: 'argocd/fleet/targets/*/kcp-syncer.json' }] } }]);
    expect(syncer.spec.goTemplateOptions).toEqual(['missingkey=error']);
    const t = syncer.spec.template;
    expect(t.metadata.name).toBe('fleet-{{.target}}-kcp-syncer');
    expect(t.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
    expect(t.spec.destination).toEqual({ name: '{{.destination.name}}' });
    expect(t.spec.source.path).toBe('dist/fleet/{{.target}}/kcp-syncer');
    expect(t.spec.syncPolicy.syncOptions).toContain('RespectIgnoreDifferences=true');
    expect(t.spec.ignoreDifferences[0].namespace).toContain('{{.target}}');
    expect(JSON.parse(appSet.argocdText.get('argocd/fleet/targets/fleet-b/kcp-syncer.json')!)).toEqual({ target: 'fleet-b', destination: { name: 'argocd-fleet-b' } });
  });

  test('the root app reads argocd/<env>/apps only: the parameter files are in no Application folder', () => {
    const root = appSet.argocd.get('argocd/fleet/root.yaml') as any;
    expect(root.spec.source.path).toBe('argocd/fleet/apps');
    expect(root.spec.source.directory).toBeUndefined();
    for (const file of appSet.parameterFiles.keys()) expect(file.startsWith('argocd/fleet/apps/')).toBe(false);
  });

  test.each([['app-of-apps', appOfApps], ['applicationset', appSet]] as const)('%s: validates against the pinned Argo CD v2.9 CRDs and passes the consistency check', (_, trees) => {
    const validators: Record<string, (o: unknown) => string[]> = {
      Application: crdValidator('argocd-application'),
      AppProject: crdValidator('argocd-appproject'),
      ApplicationSet: crdValidator('argocd-applicationset'),
    };
    const argo = [...trees.argocd].filter(([, o]) => o.apiVersion === 'argoproj.io/v1alpha1');
    for (const [file, o] of argo) expect({ file, errors: validators[o.kind](o) }).toEqual({ file, errors: [] });
    // The project's strict validator too: fields the CRD does not declare are rejected.
    expect(validateSchemas(argo.map(([file, object]) => ({ file, object: object as any })), registry)).toEqual([]);
    expect(checkConsistency(trees.dist, trees.argocd, trees.parameterFiles)).toEqual([]);
  });

  test('the CRD rejects an Application field in the ApplicationSet template root', () => {
    const set = [...appSet.argocd.values()].find((o) => o.kind === 'ApplicationSet') as any;
    const wrong = { ...set, spec: { ...set.spec, template: { ...set.spec.template, kind: 'Application' } } };
    expect(validateSchemas([{ file: 'x.yaml', object: wrong }], registry).map((f) => f.path)).toEqual(['spec.template.kind']);
  });

  test('the consistency check sees through the generators', () => {
    const files = new Map(appSet.parameterFiles);
    files.delete('argocd/fleet/targets/fleet-b/operator.json');
    expect(checkConsistency(appSet.dist, appSet.argocd, files)).toEqual(['dist/fleet/fleet-b/operator: no Application deploys this folder']);

    const stray = new Map(appSet.parameterFiles).set('argocd/fleet/targets/fleet-z/operator.json', { target: 'fleet-z', destination: { name: 'argocd-fleet-z' } });
    expect(checkConsistency(appSet.dist, appSet.argocd, stray)).toEqual([
      'argocd/fleet/apps/applicationset_openshift-gitops_fleet-operator.yaml (argocd/fleet/targets/fleet-z/operator.json): Application fleet-fleet-z-operator: path dist/fleet/fleet-z/operator does not exist or holds no manifests',
    ]);

    const missing = new Map(appSet.parameterFiles).set('argocd/fleet/targets/fleet-a/operator.json', { target: 'fleet-a' });
    expect(checkConsistency(appSet.dist, appSet.argocd, missing)).toEqual(
      expect.arrayContaining([expect.stringContaining('over argocd/fleet/targets/fleet-a/operator.json: spec.destination.name: map has no entry for key "destination" (missingkey=error)')]),
    );

    const unread = new Map(appSet.parameterFiles).set('argocd/fleet/targets/fleet-a/nothing.json', { target: 'fleet-a', destination: { name: 'argocd-fleet-a' } });
    expect(checkConsistency(appSet.dist, appSet.argocd, unread)).toEqual(['argocd/fleet/targets/fleet-a/nothing.json: parameter file read by no ApplicationSet']);
  });
});

describe('templates', () => {
  const app = (target: string, syncOptions: string[], namespace?: string) => ({
    metadata: { name: `e-${target}-c` },
    spec: { destination: { server: `https://${target}.example.com`, ...(namespace ? { namespace } : {}) }, syncPolicy: { syncOptions } },
  });

  test('strings that differ become parameters; the target name is found inside them', () => {
    const { template, parameters } = templateOf([
      { target: 'a', app: { ...app('a', []), extra: 'ns-a-x', other: 'one' } },
      { target: 'b', app: { ...app('b', []), extra: 'ns-b-x', other: 'two' } },
    ]);
    expect(template).toEqual({ metadata: { name: 'e-{{.target}}-c' }, spec: { destination: { server: '{{.destination.server}}' }, syncPolicy: { syncOptions: [] } }, extra: 'ns-{{.target}}-x', other: '{{.values.other}}' });
    expect(parameters[1]).toEqual({ target: 'b', destination: { server: 'https://b.example.com' }, values: { other: 'two' } });
    expect(renderTemplate(template as any, parameters[1] as any)).toEqual({ ...app('b', []), extra: 'ns-b-x', other: 'two' });
  });

  test('CreateNamespace on some targets of a component only: not expressible, the field is named', () => {
    const run = () => templateOf([{ target: 'a', app: app('a', ['CreateNamespace=true'], 'tekton') }, { target: 'b', app: app('b', []) }]);
    expect(run).toThrow(TemplateMismatch);
    expect(run).toThrow('spec.destination differs between targets a and b');
    expect(() => templateOf([{ target: 'a', app: app('a', ['CreateNamespace=true']) }, { target: 'b', app: app('b', []) }])).toThrow('spec.syncPolicy.syncOptions differs');
  });

  test('rendering: missing keys and other actions fail as with missingkey=error', () => {
    expect(() => renderTemplate({ a: '{{.nope}}' }, {})).toThrow('a: map has no entry for key "nope"');
    expect(() => renderTemplate({ a: '{{ printf "%s" .x }}' }, { x: 'y' })).toThrow('is not a field reference');
    expect(renderTemplate({ a: ['{{.x.y}}-{{ .z }}'] }, { x: { y: '1' }, z: '2' })).toEqual({ a: ['1-2'] });
  });
});

describe('bad input via the CLI', () => {
  const fleetFile = (mutate: (env: any) => void) => {
    const dir = tempDir();
    const env = parse(stringify(fleetInput('applicationset')));
    mutate(env);
    const file = join(dir, 'fleet.yaml');
    writeFileSync(file, stringify(env));
    mkdirSync(join(dir, 'out', 'argocd', 'fleet'), { recursive: true });
    writeFileSync(join(dir, 'out', 'argocd', 'fleet', 'root.yaml'), 'before');
    return { dir, file };
  };

  test('an unknown mode: exit 1, one line naming argocd.mode, nothing written', async () => {
    const { dir, file } = fleetFile((env) => (env.argocd.mode = 'appset'));
    const r = await cliInProcess('synth', '--config', file, '--outdir', join(dir, 'out'));
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('argocd.mode:'))).toEqual(['argocd.mode: Invalid option: expected one of "app-of-apps"|"applicationset"']);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readTree(join(dir, 'out'))).toEqual({ 'argocd/fleet/root.yaml': 'before' });
  });

  test('clusters by server and by name in one ApplicationSet: exit 1, one line per component naming the field, nothing written', async () => {
    const { dir, file } = fleetFile((env) => (env.clusters[1].destination = { server: 'https://api.fleet-b.example.com:6443' }));
    const r = await cliInProcess('synth', '--config', file, '--outdir', join(dir, 'out'));
    expect(r.code).toBe(1);
    const problems = r.stderr.split('\n').filter((l) => l.startsWith('argocd.mode:'));
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p).toMatch(/^argocd\.mode: applicationset cannot express component [a-z-]+: its Applications' spec\.destination differs between targets fleet-a and fleet-b, .*use argocd\.mode app-of-apps$/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readTree(join(dir, 'out'))).toEqual({ 'argocd/fleet/root.yaml': 'before' });
    // The same file in app-of-apps mode synthesizes.
    const ok = fleetFile((env) => {
      env.clusters[1].destination = { server: 'https://api.fleet-b.example.com:6443' };
      env.argocd.mode = 'app-of-apps';
    });
    expect((await cliInProcess('synth', '--config', ok.file, '--outdir', join(ok.dir, 'out'))).code).toBe(0);
    expect(readFileSync(join(ok.dir, 'out', 'argocd', 'fleet', 'root.yaml'), 'utf8')).toContain('argocd/fleet/apps');
    expect(Object.keys(readTree(join(ok.dir, 'out', 'argocd', 'fleet'))).some((f) => f.startsWith('targets/'))).toBe(false);
  });
});
