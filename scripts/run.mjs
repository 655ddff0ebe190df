#!/usr/bin/env node
// `npm run synth|config|check|diff`: builds the CLI if it is stale (scripts/build.mjs), then runs
// it, synth and config from the start-up snapshot (`node --snapshot-blob build/cli.blob synth`),
// check and diff from the bundle, with NODE_EXTRA_CA_CERTS empty (scripts/cli-env.mjs). Set here
// rather than in package.json, whose scripts also run under cmd.exe.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { buildIfStale } from './build.mjs';
import { CLI_ENV } from './cli-env.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
await buildIfStale();
const entry = args[0] === 'synth' || args[0] === 'config' ? ['--snapshot-blob', join(root, 'build/cli.blob')] : [join(root, 'build/cli.js')];
const child = spawn(process.execPath, [...entry, ...args], { stdio: 'inherit', env: CLI_ENV });
// Ctrl-C reaches the CLI too (same process group): wait for it to finish. A signal sent to this
// process alone is passed on.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else process.exit(code ?? 1);
});
