import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ROOT, cli, cliInProcessAt, fixtureProject, tempDir } from './cli-helpers';

const CLI = join(ROOT, 'build/cli.js');
const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: GIT_ENV });
/** `diff` in `cwd`, in this process (cliInProcessAt); `diffProcess`: the bundle as a process. */
const diffIn = (cwd: string, ...args: string[]) => cliInProcessAt(cwd, 'diff', ...args);
const diffProcess = (cwd: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, 'diff', ...args], { cwd, encoding: 'utf8', env: GIT_ENV });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const SUB = 'dist/dev/dev-workload-1/operator/subscription_openshift-operators_openshift-pipelines-operator.yaml';
const TC = 'dist/prod/prod-workload-2/tekton-config/tektonconfig_config.yaml';
const PROD_SUBS = [1, 2, 3].map((i) => `dist/prod/prod-workload-${i}/operator/subscription_openshift-operators_openshift-pipelines-operator.yaml`);
const edit = (dir: string, file: string, from: string, to: string) => {
  const text = readFileSync(join(dir, file), 'utf8');
  expect(text).toContain(from);
  writeFileSync(join(dir, file), text.replace(from, to));
};

/** The tests' own environments (test/fixtures/environments) synthesized once: each repository starts as a copy. */
let fixture: string | undefined;

/** A repository whose committed dist/ and argocd/ are a fresh synth, edited by `edit`. */
function repo(change: (dir: string) => void = () => {}): string {
  fixture ??= fixtureProject();
  const dir = tempDir();
  cpSync(fixture, dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  change(dir);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  return dir;
}

describe('npm run diff', () => {
  // One unedited repository for the tests that only read it (each repository costs a synth).
  let plain: string;
  beforeAll(() => {
    plain = repo();
  });

  test('no changes when the ref holds what synth produces; HEAD without origin/main', () => {
    const r = diffProcess(plain);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('no changes against HEAD\n');
  });

  test('per Application: added, removed and changed objects, each changed field with old and new value', async () => {
    const dir = repo((d) => {
      edit(d, SUB, 'channel: pipelines-1.10', 'channel: pipelines-1.9');
      rmSync(join(d, TC));
      mkdirSync(join(d, 'dist/dev/dev-workload-1/operator'), { recursive: true });
      writeFileSync(join(d, 'dist/dev/dev-workload-1/operator/configmap_x_old.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\n  namespace: x\n');
    });
    const r = await diffIn(dir, '--ref', 'main');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'changes against main, 2 applications: 1 added, 1 removed, 1 changed',
        '',
        'dev-dev-workload-1-operator (dist/dev/dev-workload-1/operator)',
        '  - ConfigMap x/old',
        '  ~ Subscription openshift-operators/openshift-pipelines-operator',
        '      spec.channel: pipelines-1.9 -> pipelines-1.10',
        '',
        'prod-prod-workload-2-tekton-config (dist/prod/prod-workload-2/tekton-config)',
        '  + TektonConfig config',
        '',
      ].join('\n'),
    );
    const md = (await diffIn(dir, 'main', '--format', 'markdown')).stdout;
    expect(md).toContain('### Manifest changes against `main`');
    expect(md).toContain('| `dev-dev-workload-1-operator` | dev-workload-1 | - `ConfigMap x/old`<br>~ `Subscription openshift-operators/openshift-pipelines-operator`: `spec.channel` |');
    expect(md).toContain('  - `spec.channel`: `pipelines-1.9` -> `pipelines-1.10`');
    expect(md).toContain('#### `prod-prod-workload-2-tekton-config` (`dist/prod/prod-workload-2/tekton-config`)');
    // The summary comes before the folded values.
    expect(md.indexOf('| application |')).toBeLessThan(md.indexOf('<details>'));
    expect(md.trimEnd().endsWith('</details>')).toBe(true);
  });

  test('the same change on several targets is one entry naming them; a change on some of them says how many of how many', async () => {
    const dir = repo((d) => {
      for (const f of PROD_SUBS) edit(d, f, 'channel: pipelines-1.10', 'channel: pipelines-1.9');
      edit(d, PROD_SUBS[0], 'installPlanApproval: Automatic', 'installPlanApproval: Manual');
    });
    const r = await diffIn(dir, 'main');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'changes against main, 3 applications: 0 added, 0 removed, 3 changed, in 2 entries',
        '',
        'prod-<target>-operator (dist/prod/<target>/operator) on 3 of 3 targets: prod-workload-1, prod-workload-2, prod-workload-3',
        '  ~ Subscription openshift-operators/openshift-pipelines-operator',
        '      spec.channel: pipelines-1.9 -> pipelines-1.10',
        '',
        'prod-prod-workload-1-operator (dist/prod/prod-workload-1/operator)',
        '  ~ Subscription openshift-operators/openshift-pipelines-operator',
        '      spec.installPlanApproval: Manual -> Automatic',
        '',
      ].join('\n'),
    );
  });

  test('REF as a positional argument, as git users type it; --ref and a positional REF together are refused', async () => {
    git(plain, 'tag', 'v1');
    expect((await diffIn(plain, 'v1')).stdout).toBe('no changes against v1\n');
    expect((await diffIn(plain, '--ref', 'v1')).stdout).toBe('no changes against v1\n');
    const both = await diffIn(plain, 'v1', '--ref', 'main');
    expect(both.code).toBe(2);
    expect(both.stderr.split('\n')[0]).toBe('error: diff got two refs: v1 and --ref main; give one');
    expect((await diffIn(plain, 'a', 'b')).stderr.split('\n')[0]).toBe('error: diff takes at most one REF (got a b)');
  });

  test('bad input: an unknown ref, no clone, no git: one line, exit 1, no --output written', async () => {
    const out = join(tempDir(), 'full.md');
    for (const ref of ['nope', '--end-of-options', 'main~5']) {
      const r = await diffIn(plain, '--output', out, `--ref=${ref}`);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`error: unknown git ref "${ref}": name a branch, tag or commit of this clone (nothing is fetched)\n`);
      expect(r.stdout).toBe('');
    }
    const notClone = await diffIn(tempDir(), '--to', 'HEAD');
    expect([notClone.code, notClone.stderr]).toEqual([1, 'error: diff needs a git clone: this folder is not inside one\n']);
    const r = spawnSync(process.execPath, [CLI, 'diff', '--output', out], { cwd: plain, encoding: 'utf8', env: { ...process.env, PATH: tempDir() } });
    expect([r.status, r.stderr]).toEqual([1, 'error: diff needs git, and git is not installed (or not on PATH)\n']);
    expect(existsSync(out)).toBe(false);
    expect((await diffIn(plain, '--format', 'html')).stderr).toContain('unknown --format "html": use text or markdown');
  });

  test('--to REF2 compares two commits without synthesizing; --output writes the full diff', async () => {
    const dir = repo();
    for (const f of PROD_SUBS) edit(dir, f, 'channel: pipelines-1.10', 'channel: pipelines-1.11');
    git(dir, 'commit', '-qam', 'bump');
    const out = join(tempDir(), 'full.txt');
    const r = await diffIn(dir, 'main~1', '--to', 'main', '--output', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('spec.channel: pipelines-1.10 -> pipelines-1.11');
    expect(readFileSync(out, 'utf8')).toBe(r.stdout);
    expect((await diffIn(dir, '--to', 'main', '--config', 'x.yaml')).stderr).toContain('--to compares two commits, --config a synth with a commit: give one of them');
  });

  test('prefers origin/main when the clone has it', async () => {
    git(plain, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
    expect((await diffIn(plain)).stdout).toBe('no changes against origin/main\n');
  });
});

// Train phase-1 covers one channel, so the fleet-wide Subscription change is a catalog source switch.
describe('a catalog source switch over 1,000 clusters (--config)', () => {
  let dir: string;
  let env: any;
  beforeAll(async () => {
    // 1,000 clusters with what every cluster has (operator, TektonConfig, their Applications): the
    // number of targets is the point (one entry for all, the comment budget), not what each runs.
    // (The bench's clusters, with every per-cluster feature, write 6x the files: 39,000.)
    const clusters = Array.from({ length: 1000 }, (_, i) => ({ name: `bench-${String(i).padStart(4, '0')}`, destination: { name: `bench-${String(i).padStart(4, '0')}` } }));
    env = { name: 'bench', train: 'phase-1', git: { repoURL: 'https://github.com/example-org/manifests.git' }, clusters };
    dir = tempDir();
    writeFileSync(join(dir, 'env.yaml'), stringify(env));
    // Bad config input stops before git is asked anything (this folder is no clone yet).
    writeFileSync(join(dir, 'bad.yaml'), stringify({ ...env, clusters: [{ ...env.clusters[0], name: 'Bad_Name' }] }));
    const bad = await diffIn(dir, '--config', 'bad.yaml');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: bad\.yaml: invalid configuration \(\d+ problems?\), nothing written:\nclusters\[0\]\.name: /);
    expect(cli('synth', '--config', join(dir, 'env.yaml'), '--outdir', dir).code).toBe(0);
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', 'dist', 'argocd');
    git(dir, 'commit', '-qm', 'base');
  }, 180_000);

  test('is one collapsed entry, and the markdown fits the comment budget', async () => {
    writeFileSync(join(dir, 'env.yaml'), stringify({ ...env, operator: { ...env.operator, source: 'redhat-operators-next' } }));
    const out = join(dir, 'full.md');
    const r = await diffIn(dir, 'main', '--config', 'env.yaml', '--format', 'markdown', '--output', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeLessThan(60_000);
    expect(r.stdout).toContain('1,000 applications: 0 added, 0 removed, 1,000 changed, in 1 entry');
    expect(r.stdout).toContain('| `bench-<target>-operator` | 1,000 of 1,000 | ~ `Subscription openshift-operators/openshift-pipelines-operator`: `spec.source` |');
    expect(r.stdout).toContain('on 1,000 of 1,000 targets: `bench-0000`, `bench-0001`, `bench-0002`, ... and 997 more');
    expect(r.stdout).toContain('  - `spec.source`: `redhat-operators` -> `redhat-operators-next`');
    expect(r.stdout.match(/^#### /gm)).toHaveLength(1);
    // The full output names every target.
    const full = readFileSync(out, 'utf8');
    expect(full).toContain('`bench-0999`');
    expect(full).not.toContain('more');
  }, 180_000);

});

test('--config compares only that environment: other folders of the ref are not reported as removed', async () => {
  const script = `import('${join(ROOT, 'scripts/bench-environment.mjs')}').then((m) => process.stdout.write(m.benchEnvironment(m.baseConfig('${ROOT}'), 2)))`;
  const dir = tempDir();
  writeFileSync(join(dir, 'env.yaml'), execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
  expect(cli('synth', '--config', join(dir, 'env.yaml'), '--outdir', dir).code).toBe(0);
  mkdirSync(join(dir, 'dist/other/c/operator'), { recursive: true });
  writeFileSync(join(dir, 'dist/other/c/operator/configmap_x_y.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\n');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', 'dist', 'argocd');
  git(dir, 'commit', '-qm', 'base');
  expect((await diffIn(dir, '--config', 'env.yaml', '--ref', 'main')).stdout).toBe('no changes against main\n');
  // From a subfolder too: the ref's tree is read from the top of the clone.
  const r = spawnSync(process.execPath, [CLI, 'diff', '--config', '../env.yaml', 'main'], { cwd: join(dir, 'dist'), encoding: 'utf8' });
  expect([r.stderr, r.stdout]).toEqual(['', 'no changes against main\n']);
});
