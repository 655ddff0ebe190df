import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync, readdirSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ROOT, cli, cliInProcess, readTree, tempDir, writeTemp } from './cli-helpers';

// What synth does to the output folder when the folder is hostile or busy: a hostile or careless
// user (a planted journal, links, a second synth, a read-only disk), each through the real CLI.

const CLI_BUNDLE = [join(ROOT, 'build/cli.js')];

function environment(clusters: number, options: { revision?: string; keep?: number } = {}): string {
  return stringify({
    name: 'ci',
    train: 'phase-1',
    git: { repoURL: 'https://github.com/example-org/manifests.git', revision: options.revision ?? 'main' },
    tektonConfig: { pruner: { keep: options.keep ?? 3 } },
    clusters: Array.from({ length: clusters }, (_, i) => ({ name: `c${i}`, destination: { name: `c${i}` } })),
  });
}

/** Everything below `dir`: files with their content, links with their target, never followed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, e.name);
      if (e.isDirectory()) {
        out[`${prefix}${e.name}/`] = 'folder';
        walk(path, `${prefix}${e.name}/`);
      } else if (e.isSymbolicLink()) out[`${prefix}${e.name}`] = `link to ${readlinkSync(path)}`;
      else out[`${prefix}${e.name}`] = readFileSync(path, 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

/** stderr as lines, without the empty last one. */
const lines = (stderr: string) => stderr.split('\n').filter((l) => l !== '');

describe('a planted journal cannot make synth touch anything outside the output folder', () => {
  test('a removal outside is refused with one line that says how to recover; nothing changes, inside or out', async () => {
    const base = tempDir();
    const out = join(base, 'repo');
    const config = writeTemp('ci.yaml', environment(1));
    expect((await cliInProcess('synth', '--config', config, '--outdir', out)).code).toBe(0);
    mkdirSync(join(base, 'outside'));
    writeFileSync(join(base, 'outside/victim.txt'), 'victim');
    const staging = join(out, '.synth.staging-1');
    mkdirSync(staging);
    writeFileSync(join(staging, 'journal.json'), JSON.stringify({ version: 2, creates: [], removes: ['dist/ci/c0/operator/x.yaml', '../outside/victim.txt'], prunes: [], puts: [] }));
    const before = snapshot(out);
    const r = cli('synth', '--config', config, '--outdir', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toEqual([
      `error: ${staging}/journal.json: removes[1] "../outside/victim.txt" is not a path below the folder; nothing was changed. This is not a journal synth wrote: look at it, delete the folder ${staging}, then run synth again`,
    ]);
    expect(readFileSync(join(base, 'outside/victim.txt'), 'utf8')).toBe('victim');
    expect(snapshot(out)).toEqual(before);
  });

  test("the writer before's staging folders (the issue's planted .dist.staging-1) are never read", () => {
    const base = tempDir();
    const out = join(base, 'repo');
    mkdirSync(join(base, 'outside'));
    writeFileSync(join(base, 'outside/victim.txt'), 'victim');
    mkdirSync(join(out, '.dist.staging-1/files'), { recursive: true });
    writeFileSync(join(out, '.dist.staging-1/journal.json'), JSON.stringify({ puts: [], removes: ['../../outside/victim.txt'], prunes: [] }));
    const r = cli('synth', '--config', writeTemp('ci.yaml', environment(1)), '--outdir', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/to .*\/dist: 4 new or changed, 0 removed, 0 unchanged\n$/);
    expect(readFileSync(join(base, 'outside/victim.txt'), 'utf8')).toBe('victim');
  });

  test('staging folders, journals, the lock file and the state file are ignored by git', () => {
    const paths = ['.synth.lock', '.synth.lock.stale-12', '.synth.state.json', 'out/.synth.state.json.tmp', '.synth.staging-12/journal.json', '.dist.staging-12/journal.json', '.argocd.new-3/x', '.dist.old-4/x', 'dist/.ci.staging-5/journal.json', 'out/.synth.staging-7/files/dist/x.yaml'];
    const r = spawnSync('git', ['check-ignore', '--no-index', ...paths], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout.split('\n').filter((l) => l !== '')).toEqual(paths);
    // ... and the output itself is not.
    expect(spawnSync('git', ['check-ignore', '--no-index', 'dist/dev/x.yaml', 'argocd/dev/root.yaml'], { cwd: ROOT }).status).toBe(1);
  });
});

describe('symbolic links in the output folder are never written through', () => {
  function linked() {
    const base = tempDir();
    const out = join(base, 'repo');
    const outside = join(base, 'shared-folder');
    mkdirSync(join(outside, 'c0/operator'), { recursive: true });
    writeFileSync(join(outside, 'keep.yaml'), 'keep');
    writeFileSync(join(outside, 'c0/operator/other.yaml'), 'other');
    return { out, outside };
  }

  test('dist/<env> a link to a folder elsewhere: refused, naming it; the folder elsewhere keeps every file', () => {
    const { out, outside } = linked();
    mkdirSync(join(out, 'dist'), { recursive: true });
    symlinkSync(outside, join(out, 'dist/ci'));
    const before = readTree(outside);
    const r = cli('synth', '--config', writeTemp('ci.yaml', environment(1)), '--outdir', out);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([
      `error: ${out}: dist/ci (to ${outside}) is a symbolic link; synth does not write, move or remove through links: replace it with a real folder (or delete it), then run synth again`,
    ]);
    expect(readTree(outside)).toEqual(before);
    expect(readdirSync(out).sort()).toEqual(['dist']);
  });

  test('dist/ itself a link, and links deeper in the tree (full synth): refused; nothing elsewhere changes', async () => {
    const { out, outside } = linked();
    mkdirSync(out, { recursive: true });
    symlinkSync(outside, join(out, 'dist'));
    const before = readTree(outside);
    const r = cli('synth', '--outdir', out);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([expect.stringContaining(`error: ${out}: dist (to ${outside}) is a symbolic link;`)]);
    expect(readTree(outside)).toEqual(before);

    const other = linked();
    expect((await cliInProcess('synth', '--outdir', other.out)).code).toBe(0);
    symlinkSync(other.outside, join(other.out, 'dist/dev/elsewhere'));
    symlinkSync(join(other.outside, 'keep.yaml'), join(other.out, 'dist/dev/x.yaml'));
    const tree = snapshot(other.out);
    const again = cli('synth', '--outdir', other.out);
    expect(again.code).toBe(1);
    expect(lines(again.stderr)).toEqual([
      `error: ${other.out}: dist/dev/elsewhere (to ${other.outside}), dist/dev/x.yaml (to ${join(other.outside, 'keep.yaml')}) are symbolic links; synth does not write, move or remove through links: replace each with a real folder (or delete it), then run synth again`,
    ]);
    expect(readTree(other.outside)).toEqual(before);
    expect(snapshot(other.out)).toEqual(tree);
  });
});

describe('one writer at a time', () => {
  /** Runs synth as a child process; resolves when it exits. */
  function synthChild(args: string[]) {
    const child = spawn(process.execPath, [...CLI_BUNDLE, 'synth', ...args], { cwd: ROOT });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
    return { pid: child.pid!, done, stderr: () => stderr, exited: () => child.exitCode !== null || child.signalCode !== null };
  }

  const pause = () => new Promise((r) => setTimeout(r, 2));

  /** Waits until the lock file names `pid` as its owner. */
  async function lockedBy(out: string, pid: number) {
    for (;;) {
      try {
        if ((JSON.parse(readFileSync(join(out, '.synth.lock'), 'utf8')) as { pid: number }).pid === pid) return;
      } catch {
        // not there yet, or not written yet
      }
      await pause();
    }
  }

  /** Both trees, as one value: a mixed output differs from both expectations. */
  const output = (out: string) => ({ dist: readTree(join(out, 'dist')), argocd: readTree(join(out, 'argocd')) });

  test('two synths into the same output at once never leave a mixed tree, nor leftovers', async () => {
    // Two environments that differ in every TektonConfig (dist/), every Application (argocd/) and
    // the cluster list (files removed).
    const [a, b] = [writeTemp('a.yaml', environment(40, { revision: 'release-a', keep: 3 })), writeTemp('b.yaml', environment(30, { revision: 'release-b', keep: 5 }))];
    const expected: ReturnType<typeof output>[] = [];
    for (const config of [a, b]) {
      const dir = tempDir();
      expect((await cliInProcess('synth', '--config', config, '--outdir', dir)).code).toBe(0);
      expected.push(output(dir));
    }
    expect(expected[0]).not.toEqual(expected[1]);
    const out = tempDir();
    let waited = 0;
    for (let round = 0; round < 3; round++) {
      // Rounds 0 and 2 start both at once (the race of the issue). Round 1 makes the overlap
      // certain: the first is stopped (SIGSTOP) while it holds the lock, the second started, and
      // the first continued only once the second says it waits for it.
      const first = synthChild(['--config', round % 2 ? b : a, '--outdir', out]);
      if (round === 1) {
        await lockedBy(out, first.pid);
        process.kill(first.pid, 'SIGSTOP');
      }
      const second = synthChild(['--config', round % 2 ? a : b, '--outdir', out]);
      if (round === 1) {
        while (!second.stderr().includes(`is being written by pid ${first.pid}`) && !second.exited()) await pause();
        process.kill(first.pid, 'SIGCONT');
      }
      const results = await Promise.all([first.done, second.done]);
      for (const r of results) {
        expect(lines(r.stderr).filter((l) => !l.startsWith('synth: output '))).toEqual([]);
        expect(r.code).toBe(0);
      }
      waited += results.filter((r) => /synth: output .* is being written by pid \d+/.test(r.stderr)).length;
      const now = output(out);
      expect([expected[0], expected[1]]).toContainEqual(now);
      expect(readdirSync(out).sort()).toEqual(['argocd', 'dist']);
    }
    // The lock was contended (so the check above is about concurrent runs, not sequential ones).
    expect(waited).toBeGreaterThan(0);
  }, 120_000);

  test("a live run's lock: the second synth waits, then fails naming its pid; its staging folder is left alone", async () => {
    const out = tempDir();
    const config = writeTemp('ci.yaml', environment(1));
    expect((await cliInProcess('synth', '--config', config, '--outdir', out)).code).toBe(0);
    // This test's own process stands for the live synth.
    writeFileSync(join(out, '.synth.lock'), JSON.stringify({ pid: process.pid, host: hostname(), started: '2026-12-01T10:00:00.000Z' }));
    mkdirSync(join(out, `.synth.staging-${process.pid}/files/dist/ci`), { recursive: true });
    writeFileSync(join(out, `.synth.staging-${process.pid}/files/dist/ci/staged.yaml`), 'staged');
    const before = snapshot(out);
    const r = cli('synth', '--config', writeTemp('ci.yaml', environment(2)), '--outdir', out, '--wait', '0.3');
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([
      `synth: output ${out} is being written by pid ${process.pid} (since 2026-12-01T10:00:00.000Z); waiting up to 0.3 s`,
      `error: output is being written by pid ${process.pid} (since 2026-12-01T10:00:00.000Z): waited 0 s for ${join(out, '.synth.lock')}; try again when it is done (--wait SECONDS waits longer), or, if no synth is running, delete that file`,
    ]);
    expect(snapshot(out)).toEqual(before);
  });

  test("a killed run's lock (its pid gone) is taken over, and its staging dropped", () => {
    const out = tempDir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, '.synth.lock'), JSON.stringify({ pid: dead, host: hostname(), started: '2026-12-01T10:00:00.000Z' }));
    mkdirSync(join(out, `.synth.staging-${dead}/files/dist/ci`), { recursive: true });
    const r = cli('synth', '--config', writeTemp('ci.yaml', environment(1)), '--outdir', out, '--wait', '0');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['argocd', 'dist']);
  });

  test('--wait takes seconds', () => {
    const r = cli('synth', '--wait', 'soon');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: --wait: must be a number of seconds, 0 or more (got "soon")');
  });
});

describe('errors while writing: one line, naming the path and the step', () => {
  test('argocd/<env> a file (the issue\'s "ENOTDIR ... scandir"): refused before either tree changes', async () => {
    const out = tempDir();
    expect((await cliInProcess('synth', '--config', writeTemp('ci.yaml', environment(1)), '--outdir', out)).code).toBe(0);
    require('node:fs').rmSync(join(out, 'argocd/ci'), { recursive: true });
    writeFileSync(join(out, 'argocd/ci'), 'a file');
    const before = snapshot(out);
    const r = cli('synth', '--config', writeTemp('ci.yaml', environment(2)), '--outdir', out);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([`error: ${join(out, 'argocd/ci')}: is a file, not a folder; synth writes a folder here: move the file away, then run synth again`]);
    expect(snapshot(out)).toEqual(before);
  });

  // The runs below need a real read-only file system or a user the permissions apply to: a user
  // and mount namespace (`unshare`, util-linux) for the first, `setpriv` to nobody when root.
  const canUnshare = spawnSync('unshare', ['--map-root-user', '--mount', 'true']).status === 0;
  const asUser = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];

  (canUnshare ? test : test.skip)('a read-only file system: which folder, which step (not "ENOENT mkdir")', () => {
    const dir = tempDir();
    const config = writeTemp('ci.yaml', environment(1));
    const node = [process.execPath, ...CLI_BUNDLE, 'synth', '--config', config].map((a) => `'${a}'`).join(' ');
    // New output folder on a read-only tmpfs; then an existing output remounted read-only.
    const script = `mount -t tmpfs -o ro tmpfs '${dir}' && ${node} --outdir '${dir}/out'; echo "exit $?";
      umount '${dir}' && mount -t tmpfs tmpfs '${dir}' && ${node} --outdir '${dir}/out' >/dev/null && mount -o remount,ro '${dir}' && ${node} --outdir '${dir}/out'; echo "exit $?"`;
    const r = spawnSync('unshare', ['--map-root-user', '--mount', 'sh', '-c', script], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout.split('\n').filter((l) => l.startsWith('exit '))).toEqual(['exit 1', 'exit 1']);
    expect(lines(r.stderr)).toEqual([`error: cannot create the output folder ${dir}/out: read-only file system`, `error: cannot create lock file ${dir}/out/.synth.lock: read-only file system`]);
  });

  test('permission denied while applying argocd/ after dist/: one line; the next run, once allowed, completes the change', () => {
    const out = tempDir();
    chmodSync(out, 0o755);
    // The run's temporary root (jest global setup, mode 0700) must be traversable for that user too.
    chmodSync(join(out, '..'), 0o711);
    const v1 = writeTemp('v1.yaml', environment(2, { revision: 'v1', keep: 3 }));
    const v2 = writeTemp('v2.yaml', environment(2, { revision: 'v2', keep: 5 }));
    for (const f of [v1, v2]) chmodSync(join(f, '..'), 0o755);
    const run = (config: string) => {
      const r = spawnSync(asUser[0] ?? process.execPath, [...asUser.slice(1), ...(asUser.length ? [process.execPath] : []), ...CLI_BUNDLE, 'synth', '--config', config, '--outdir', out], { cwd: ROOT, encoding: 'utf8' });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    if (asUser.length) chownSync(out, 65534, 65534);
    expect(run(v1).code).toBe(0);
    const apps = join(out, 'argocd/ci/apps');
    chmodSync(apps, 0o555);
    const failed = run(v2);
    expect(failed.code).toBe(1);
    expect(lines(failed.stderr)).toEqual([
      expect.stringMatching(
        new RegExp(`^error: cannot move the staged file into ${apps}/application_openshift-gitops_ci-c0-operator\\.yaml: permission denied; the journal stays in ${join(out, '.synth.staging-')}\\d+ and the next synth completes this change$`),
      ),
    ]);
    // dist/ has v2's TektonConfigs, argocd/ still v1's Applications: until the next run.
    expect(readFileSync(join(out, 'dist/ci/c0/tekton-config/tektonconfig_config.yaml'), 'utf8')).toContain('keep: 5');
    expect(readFileSync(join(apps, 'application_openshift-gitops_ci-c0-operator.yaml'), 'utf8')).toContain('targetRevision: v1');
    chmodSync(apps, 0o755);
    const next = run(v2);
    expect(next.code).toBe(0);
    // The journal did it: this run finds nothing left to change.
    expect(next.stdout).toMatch(/to .*\/argocd: 0 new or changed, 0 removed, \d+ unchanged\n/);
    expect(next.stdout).toMatch(/to .*\/dist: 0 new or changed, 0 removed, \d+ unchanged\n$/);
    expect(readFileSync(join(apps, 'application_openshift-gitops_ci-c0-operator.yaml'), 'utf8')).toContain('targetRevision: v2');
    expect(readdirSync(out).sort()).toEqual(['argocd', 'dist']);
  });
});
