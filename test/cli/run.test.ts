import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './cli-helpers';

describe('scripts/run.mjs (npm run synth, config, check, diff)', () => {
  test('runs the CLI with its arguments and exit code, without NODE_EXTRA_CA_CERTS', () => {
    // node warns once per process that cannot load the file: here only run.mjs itself.
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: join(ROOT, 'no-such-bundle.pem') };
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/run.mjs'), 'config', 'staging'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown environment "staging" (known: dev, prod, successor)');
    expect(r.stderr.match(/Ignoring extra certs/g)).toHaveLength(1);
  });
});

test('a reader that closes early ends the CLI quietly', async () => {
  const child = spawn(process.execPath, ['--snapshot-blob', join(ROOT, 'build/cli.blob'), 'config', 'dev'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise((done) => child.on('exit', done));
  expect(stderr).toBe('');
  expect(code).toBe(0);
});
