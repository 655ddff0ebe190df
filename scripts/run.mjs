#!/usr/bin/env node
// `npm run synth|config|check|diff`: builds the CLI if it is stale (scripts/build.mjs), then runs
// it in this process: one node start-up per command, not two.
// synth first asks build/synth-state.js (src/synth/output/synth-state.ts) whether the output
// folder is up to date: same inputs as the synth that recorded it, output untouched since. Then it
// prints what that synth printed, and a line saying so, without loading the CLI; --force
// synthesizes anyway.
import { createRequire } from 'node:module';
import { CLI, SYNTH_STATE, buildIfStale } from './build.mjs';

const argv = process.argv.slice(2);
// Only a synth into this repository (no --outdir) rewrites schemas/environment.schema.json: check
// (whose own synth writes to a temporary folder) must see the committed one.
const intoRepository = argv[0] === 'synth' && !argv.some((a) => a === '--outdir' || a.startsWith('--outdir='));
await buildIfStale({ schema: intoRepository });
const require = createRequire(import.meta.url);
let code;
let synthState;
if (argv[0] === 'synth') {
  const { key, recorded } = require(SYNTH_STATE).upToDate(argv.slice(1), CLI);
  if (recorded) {
    process.stderr.write(recorded.stderr);
    process.stdout.write(`${recorded.stdout}synth: up to date, nothing written: same inputs as the synth that printed the above, output untouched since (--force synthesizes anyway)\n`);
    code = 0;
  } else if (key !== undefined) synthState = { key, cliFile: CLI };
}
code ??= await require(CLI).main(argv, { synthState });
// Once main is done (output committed), exiting skips tearing the heap down; only when nothing is
// left to write to stdout or stderr (writes to pipes are asynchronous on some systems).
if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
process.exitCode = code;
