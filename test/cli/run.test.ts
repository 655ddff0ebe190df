import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { environmentNames } from '../../src/config';
import { STATE_FILE } from '../../src/synth/output/synth-state';
import { ROOT, readTree, tempDir } from './cli-helpers';

describe('scripts/run.mjs (npm run synth, config, check, diff)', () => {
  test('runs the CLI in its own process, with its arguments and exit code', () => {
    // node warns once per process that cannot load the file: one process, so once.
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: join(ROOT, 'no-such-bundle.pem') };
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/run.mjs'), 'config', 'no-such-environment'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown environment "no-such-environment"');
    expect(r.stderr.match(/Ignoring extra certs/g)).toHaveLength(1);
  });

  test('writes what the bundle writes', () => {
    const [viaRun, viaBundle] = [tempDir(), tempDir()];
    const a = spawnSync(process.execPath, ['--expose-gc', join(ROOT, 'scripts/run.mjs'), 'synth', '--outdir', viaRun], { cwd: ROOT, encoding: 'utf8' });
    const b = spawnSync(process.execPath, [join(ROOT, 'build/cli.js'), 'synth', '--outdir', viaBundle], { cwd: ROOT, encoding: 'utf8' });
    expect([a.status, b.status]).toEqual([0, 0]);
    expect(a.stdout.replaceAll(viaRun, 'OUT')).toBe(b.stdout.replaceAll(viaBundle, 'OUT'));
    // ... plus the state of the run, for the next one's no-op check (test/cli/synth-state.test.ts).
    const { [STATE_FILE]: state, ...written } = readTree(viaRun);
    expect(state).toBeDefined();
    expect(written).toEqual(readTree(viaBundle));
  }, 120_000);
});

test('a reader that closes early ends the CLI quietly', async () => {
  const child = spawn(process.execPath, [join(ROOT, 'scripts/run.mjs'), 'config', environmentNames(join(ROOT, 'environments'))[0]], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise((done) => child.on('exit', done));
  expect(stderr).toBe('');
  expect(code).toBe(0);
}, 60_000);
