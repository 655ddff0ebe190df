import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { ROOT, readTree, tempDir } from './cli-helpers';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

/** A fresh copy of the repository as a clone would be (tracked and new files, no build/), node_modules hard-linked. */
function freshCopy(): string {
  const dir = tempDir();
  const files = git(ROOT, 'ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0').filter((f) => f !== '' && statSync(join(ROOT, f), { throwIfNoEntry: false })?.isFile());
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(ROOT, f), join(dir, f));
  }
  execFileSync('cp', ['-al', join(ROOT, 'node_modules'), join(dir, 'node_modules')]);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-qm', 'copy');
  return dir;
}

/** `npx cdk8s ...` in `cwd`, without the CLI's upgrade check (it needs the network). */
function cdk8s(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(cwd, 'node_modules/cdk8s-cli/bin/cdk8s'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' }, maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function mtimes(dir: string): Record<string, number> {
  return Object.fromEntries(Object.keys(readTree(dir)).map((f) => [f, statSync(join(dir, f)).mtimeMs]));
}

describe('npx cdk8s synth (cdk8s.yaml)', () => {
  test("its output is a scratch folder inside build/, the one scripts/cdk8s-app.mjs expects", () => {
    const config = parse(readFileSync(join(ROOT, 'cdk8s.yaml'), 'utf8')) as { app: string; output: string };
    expect(config.output).toBe('build/cdk8s.out');
    expect(config.app).toBe('node --expose-gc scripts/cdk8s-app.mjs');
    expect(readFileSync(join(ROOT, 'scripts/cdk8s-app.mjs'), 'utf8')).toContain(`export const CDK8S_OUTPUT = '${config.output}';`);
  });

  test('on a fresh clone: builds, writes what npm run synth writes, leaves git status clean and unchanged files untouched; --stdout prints every manifest', () => {
    const dir = freshCopy();
    const before = { dist: mtimes(join(dir, 'dist')), argocd: mtimes(join(dir, 'argocd')) };
    const r = cdk8s(dir, 'synth');
    expect(r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('warning: '))).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('build/cdk8s.out/manifests.yaml');
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect({ dist: mtimes(join(dir, 'dist')), argocd: mtimes(join(dir, 'argocd')) }).toEqual(before);

    const printed = cdk8s(dir, 'synth', '--stdout');
    expect(printed.code).toBe(0);
    const docs = parseAllDocuments(printed.stdout).map((d) => d.toJS() as { apiVersion?: string; kind?: string });
    const files = [...Object.keys(readTree(join(dir, 'dist'))), ...Object.keys(readTree(join(dir, 'argocd')))];
    expect(docs.length).toBe(files.length);
    expect(docs.every((d) => typeof d.apiVersion === 'string' && typeof d.kind === 'string')).toBe(true);
    // Each document is its committed file, in order.
    const expected = ['dist', 'argocd'].flatMap((t) => Object.entries(readTree(join(dir, t))).sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, c]) => `# ${t}/${p}\n${c}`));
    expect(printed.stdout).toBe(expected.join(''));
    expect(git(dir, 'status', '--porcelain')).toBe('');
  }, 240_000);
});
