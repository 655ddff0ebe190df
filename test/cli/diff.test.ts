import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { changedFields, diffTrees } from '../../src/cli/diff';
import { ROOT, cli, tempDir } from './cli-helpers';

const CLI = join(ROOT, 'build/cli.js');
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } });
const diffIn = (cwd: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, 'diff', ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const SUB = 'dist/dev/dev-workload-1/operator/subscription_openshift-operators_openshift-pipelines-operator.yaml';
const TC = 'dist/prod/prod-workload-2/tekton-config/tektonconfig_config.yaml';

/** A repository whose committed dist/ and argocd/ are a fresh synth, edited by `edit`. */
function repo(edit: (dir: string) => void = () => {}): string {
  const dir = tempDir();
  expect(cli('synth', '--outdir', dir).code).toBe(0);
  git(dir, 'init', '-q', '-b', 'main');
  edit(dir);
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
    const r = diffIn(plain);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('no changes against HEAD\n');
  });

  test('per Application: added, removed and changed objects with their changed fields', () => {
    const dir = repo((d) => {
      writeFileSync(join(d, SUB), readFileSync(join(d, SUB), 'utf8').replace('channel: latest', 'channel: pipelines-1.9'));
      rmSync(join(d, TC));
      mkdirSync(join(d, 'dist/dev/dev-workload-1/operator'), { recursive: true });
      writeFileSync(join(d, 'dist/dev/dev-workload-1/operator/configmap_x_old.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\n  namespace: x\n');
    });
    const r = diffIn(dir, '--ref', 'main');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'changes against main, 2 applications: 1 added, 1 removed, 1 changed',
        '',
        'dev-dev-workload-1-operator (dist/dev/dev-workload-1/operator)',
        '  - ConfigMap x/old',
        '  ~ Subscription openshift-operators/openshift-pipelines-operator: spec.channel',
        '',
        'prod-prod-workload-2-tekton-config (dist/prod/prod-workload-2/tekton-config)',
        '  + TektonConfig config',
        '',
      ].join('\n'),
    );
    const md = diffIn(dir, '--ref', 'main', '--format', 'markdown');
    expect(md.stdout).toContain('### Manifest changes against `main`');
    expect(md.stdout).toContain('| changed | `Subscription openshift-operators/openshift-pipelines-operator` | `spec.channel` |');
    expect(md.stdout).toContain('**`prod-prod-workload-2-tekton-config`** (`dist/prod/prod-workload-2/tekton-config`)');
  });

  test('an unknown ref or format is a usage error', () => {
    const dir = plain;
    const r = diffIn(dir, '--ref', 'nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown git ref "nope"');
    expect(diffIn(dir, '--format', 'html').stderr).toContain('unknown --format "html": use text or markdown');
  });

  test('prefers origin/main when the clone has it', () => {
    git(plain, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
    expect(diffIn(plain).stdout).toBe('no changes against origin/main\n');
  });
});

describe('diff internals', () => {
  test('changed field paths: deepest key, whole list when its length changes', () => {
    expect(changedFields({ a: { b: 1, 'x.y': [1, 2] }, l: [1] }, { a: { b: 2, 'x.y': [1, 3] }, l: [1, 2] })).toEqual(['a.b', 'a["x.y"][1]', 'l']);
  });

  test('argocd/<env>/apps belongs to the root Application, the rest of argocd/ (root apps, instance settings) to bootstrap', () => {
    const root = 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: e-root\nspec:\n  source:\n    path: argocd/e/apps\n';
    const before = new Map([['argocd/e/root.yaml', root]]);
    const after = new Map([
      ['argocd/e/root.yaml', root],
      ['argocd/e/apps/appproject_ns_p.yaml', 'apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata:\n  name: p\n  namespace: ns\n'],
      ['argocd/_instance/ns/argocd-cm.patch.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: argocd-cm\n'],
    ]);
    expect(diffTrees(before, after).map((g) => [g.application, g.changes.map((c) => `${c.change} ${c.object}`)])).toEqual([
      ['bootstrap (applied by hand)', ['added ConfigMap argocd-cm']],
      ['e-root', ['added AppProject ns/p']],
    ]);
  });
});
