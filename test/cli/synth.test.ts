import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { environmentNames } from '../../src/config';
import { ROOT, cli, cliInProcess, readTree, tempDir, writeTemp } from './cli-helpers';

const SHIPPED = environmentNames(join(ROOT, 'environments'));

const minimal = (clusters: string[]) =>
  stringify({
    name: 'ci',
    train: 'phase-1',
    git: { repoURL: 'https://github.com/example-org/manifests.git' },
    clusters: clusters.map((name) => ({ name, destination: { name } })),
  });

/** One synth of the shipped environments (a process, as `npm run synth`), read by several tests. */
let shipped: string | undefined;
function shippedSynth(): string {
  if (shipped) return shipped;
  const out = tempDir();
  const r = cli('synth', '--outdir', out);
  // The shipped environments warn (SyncTarget UIDs, syncer digest); nothing else may reach stderr.
  expect(r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('warning: '))).toEqual([]);
  expect(r.code).toBe(0);
  return (shipped = out);
}

describe('npm run synth', () => {
  test('the committed dist/ is exactly what synth produces', () => {
    const out = shippedSynth();
    const fresh = readTree(join(out, 'dist'));
    expect(Object.keys(fresh).length).toBeGreaterThan(0);
    expect(readTree(join(ROOT, 'dist'))).toEqual(fresh);
  });

  test('the committed argocd/ is exactly what synth produces', () => {
    const out = shippedSynth();
    const fresh = readTree(join(out, 'argocd'));
    expect(Object.keys(fresh)).toEqual(
      expect.arrayContaining([...SHIPPED.map((e) => `${e}/root.yaml`), '_instance/openshift-gitops/argocd.patch.yaml', '_instance/openshift-gitops/argocd-cm.patch.yaml']),
    );
    // Once per Argo CD instance, never per environment.
    expect(Object.keys(fresh).filter((f) => f.endsWith('.patch.yaml') && !f.startsWith('_instance/'))).toEqual([]);
    expect(readTree(join(ROOT, 'argocd'))).toEqual(fresh);
  });

  test('output is byte-identical across runs and holds only YAML manifests', () => {
    const a = shippedSynth();
    const b = tempDir();
    expect(cli('synth', '--outdir', b).code).toBe(0);
    const tree = readTree(join(a, 'dist'));
    expect(readTree(join(b, 'dist'))).toEqual(tree);
    const files = Object.keys(tree);
    expect(files.filter((f) => !f.endsWith('.yaml'))).toEqual([]);
    expect(files.every((f) => f.split('/').length === 4)).toBe(true);
    expect(Object.values(tree).every((y) => /^---\napiVersion: \S+\nkind: \S+\n/.test(y))).toBe(true);
  });

  test('ends with a summary per environment and target, and what changed on disk', async () => {
    const out = tempDir();
    const config = writeTemp('ci.yaml', minimal(['a', 'b']));
    const r = await cliInProcess('synth', '--config', config, '--outdir', out);
    expect(r.stdout).toContain('ci: 2 targets, 8 objects, 8 files\n  a: 2 components, 4 objects\n  b: 2 components, 4 objects\n');
    expect(r.stdout).toMatch(/\n  argocd: root application, 4 applications, \d+ files\n/);
    expect(r.stdout).toMatch(/wrote (\d+) files to .*\/argocd: \1 new or changed, 0 removed, 0 unchanged\n/);
    expect(r.stdout).toMatch(/wrote 8 files \(8 objects\) to .*\/dist: 8 new or changed, 0 removed, 0 unchanged\n$/);
    // Again, with one file edited and one stray file: only those two are touched.
    writeFileSync(join(out, 'dist/ci/a/operator/subscription_openshift-operators_openshift-pipelines-operator.yaml'), 'edited');
    writeFileSync(join(out, 'dist/ci/stray.yaml'), 'stray');
    const again = await cliInProcess('synth', '--config', config, '--outdir', out);
    expect(again.stdout).toMatch(/wrote (\d+) files to .*\/argocd: 0 new or changed, 0 removed, \1 unchanged\n/);
    expect(again.stdout).toMatch(/to .*\/dist: 1 new or changed, 1 removed, 7 unchanged\n$/);
  });

  test('--config: one environment into DIR/dist/<env>/', async () => {
    const out = tempDir();
    const r = await cliInProcess('synth', '--config', writeTemp('ci.yaml', minimal(['a', 'b'])), '--outdir', out);
    expect(r.code).toBe(0);
    expect(Object.keys(readTree(join(out, 'dist'))).sort()).toEqual([
      'ci/a/operator/clusterrole_pipeline-service-argocd-tektonconfigs.yaml',
      'ci/a/operator/clusterrolebinding_pipeline-service-argocd-tektonconfigs.yaml',
      'ci/a/operator/subscription_openshift-operators_openshift-pipelines-operator.yaml',
      'ci/a/tekton-config/tektonconfig_config.yaml',
      'ci/b/operator/clusterrole_pipeline-service-argocd-tektonconfigs.yaml',
      'ci/b/operator/clusterrolebinding_pipeline-service-argocd-tektonconfigs.yaml',
      'ci/b/operator/subscription_openshift-operators_openshift-pipelines-operator.yaml',
      'ci/b/tekton-config/tektonconfig_config.yaml',
    ]);
    expect(Object.keys(readTree(join(out, 'argocd'))).sort()).toEqual([
      '_instance/openshift-gitops/argocd-cm.patch.yaml',
      '_instance/openshift-gitops/argocd.patch.yaml',
      'ci/apps/application_openshift-gitops_ci-a-operator.yaml',
      'ci/apps/application_openshift-gitops_ci-a-tekton-config.yaml',
      'ci/apps/application_openshift-gitops_ci-b-operator.yaml',
      'ci/apps/application_openshift-gitops_ci-b-tekton-config.yaml',
      'ci/apps/appproject_openshift-gitops_ci-pipeline-service.yaml',
      'ci/root.yaml',
    ]);
  });

  test('--config accepts JSON', async () => {
    const out = tempDir();
    const json = JSON.stringify({ name: 'json', train: 'phase-1', git: { repoURL: 'https://github.com/example-org/m.git' }, clusters: [{ name: 'a', destination: { name: 'a' } }] });
    expect((await cliInProcess('synth', '--config', writeTemp('env.json', json), '--outdir', out)).code).toBe(0);
    expect(Object.keys(readTree(join(out, 'dist/json/a')))).toHaveLength(4);
  });

  test('a removed cluster disappears, other environments stay', async () => {
    const out = tempDir();
    mkdirSync(join(out, 'dist/other'), { recursive: true });
    writeFileSync(join(out, 'dist/other/keep.yaml'), 'kept');
    expect((await cliInProcess('synth', '--config', writeTemp('ci.yaml', minimal(['a', 'b'])), '--outdir', out)).code).toBe(0);
    expect((await cliInProcess('synth', '--config', writeTemp('ci.yaml', minimal(['a'])), '--outdir', out)).code).toBe(0);
    const tree = readTree(join(out, 'dist'));
    expect(Object.keys(tree).filter((f) => f.startsWith('ci/b/'))).toEqual([]);
    expect(Object.keys(tree).filter((f) => f.startsWith('ci/a/'))).toHaveLength(4);
    expect(tree['other/keep.yaml']).toBe('kept');
    const apps = Object.keys(readTree(join(out, 'argocd/ci/apps')));
    expect(apps.filter((f) => f.includes('ci-b-'))).toEqual([]);
    expect(apps.filter((f) => f.includes('ci-a-'))).toHaveLength(2);
  });

  test('the effective config of an environment synthesizes to the same output', async () => {
    for (const env of SHIPPED) {
      const printed = await cliInProcess('config', env);
      expect(printed.code).toBe(0);
      const out = tempDir();
      expect((await cliInProcess('synth', '--config', writeTemp(`${env}.yaml`, printed.stdout), '--outdir', out)).code).toBe(0);
      const fromFile = readTree(join(out, 'dist', env));
      expect(Object.keys(fromFile).length).toBeGreaterThan(0);
      expect(readTree(join(ROOT, 'dist', env))).toEqual(fromFile);
      expect(readTree(join(ROOT, 'argocd', env))).toEqual(readTree(join(out, 'argocd', env)));
    }
  });
});

describe('bad input: clear error, non-zero exit, output untouched', () => {
  // In this process (cliInProcess), but for the first: the same lines from a process.
  async function expectRejected(configText: string | undefined, expectedLines: string[], file = 'bad.yaml', run = cliInProcess) {
    const out = tempDir();
    mkdirSync(join(out, 'dist/ci/a'), { recursive: true });
    writeFileSync(join(out, 'dist/ci/a/existing.yaml'), 'before');
    mkdirSync(join(out, 'argocd/ci'), { recursive: true });
    writeFileSync(join(out, 'argocd/ci/root.yaml'), 'before');
    const before = readTree(out);
    const path = configText === undefined ? join(out, 'missing.yaml') : writeTemp(file, configText);
    const r = await run('synth', '--config', path, '--outdir', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`error: ${path}: invalid configuration (${expectedLines.length} problem${expectedLines.length === 1 ? '' : 's'}), nothing written:`);
    expect(lines.slice(1)).toEqual(expectedLines);
    expect(readTree(out)).toEqual(before);
  }

  test('unknown key', () => expectRejected(minimal(['a']) + 'colour: blue\n', ['colour: unknown field'], 'bad.yaml', async (...args) => cli(...args)));

  test('wrong type', () =>
    expectRejected(minimal(['a']) + 'tektonConfig: { pruner: { keep: "ten" } }\n', ['tektonConfig.pruner.keep: Invalid input: expected number, received string']));

  test('name that is not a DNS-1123 label', () =>
    expectRejected(minimal(['a', 'b', 'Not_Valid']), ["clusters[2].name: must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit"]));

  test('duplicate cluster names', () =>
    expectRejected(minimal(['a', 'a']), ['clusters[1].name: duplicate name "a" (also at index 0)', 'clusters[1].destination: duplicate destination "cluster a" (also at index 0)']));

  test('bad cron expression', () =>
    expectRejected(minimal(['a']) + 'tektonConfig: { pruner: { schedule: "every hour" } }\n', [
      'tektonConfig.pruner.schedule: is not a Kubernetes CronJob schedule: must have exactly 5 fields (minute hour day-of-month month day-of-week), found 2',
    ]));

  test('unknown profile', () => expectRejected(minimal(['a']) + 'tektonConfig: { profile: full }\n', ['tektonConfig.profile: Invalid option: expected one of "all"|"basic"|"lite"']));

  test('missing required sections (no crash in the cross-section checks)', () =>
    expectRejected('name: only-a-name\n', ['train: is required (string)', 'clusters: is required (array)']));

  test('empty cluster list', () => expectRejected(minimal([]), ['clusters: must list at least one workload cluster']));

  test('unreadable file', () => expectRejected(undefined, ['cannot be read: it does not exist (or is a dangling link)']));

  test('unparsable file', () => expectRejected('name: [unclosed\n', [expect.stringMatching(/^cannot parse \(line \d+\): /) as unknown as string]));

  test('many problems: the count, the first 50 lines, then one line for the rest', async () => {
    const keys = Array.from({ length: 60 }, (_, i) => `extra-${i}: 1\n`).join('');
    const path = writeTemp('many.yaml', minimal(['a']) + keys);
    const r = await cliInProcess('synth', '--config', path, '--outdir', tempDir());
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`error: ${path}: invalid configuration (60 problems), nothing written:`);
    expect(lines.slice(1, 51)).toEqual(Array.from({ length: 50 }, (_, i) => `extra-${i}: unknown field`));
    expect(lines.slice(51)).toEqual(['(and 10 more problems)']);
  });

  test('a YAML list instead of an environment', () => expectRejected('- a\n- b\n', ['must hold one environment object (a YAML mapping or JSON object)']));

  test('usage errors exit 2 with the usage', async () => {
    const r = cli('synth', '--bogus');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--bogus'");
    expect(r.stderr).toContain('usage:');
    expect(cli('frobnicate').code).toBe(2);
    expect((await cliInProcess('config', 'no-such-environment')).stderr).toMatch(/^error: unknown environment "no-such-environment" \(known: [a-z0-9-]+(, [a-z0-9-]+)*\)\n/);
  });
});
