#!/usr/bin/env node
// `npm run synth|config|check|diff`: builds the CLI if it is stale (scripts/build.mjs), then runs
// it in this process: one node start-up per command, not two.
import { createRequire } from 'node:module';
import { CLI, buildIfStale } from './build.mjs';

const argv = process.argv.slice(2);
// Only a synth into this repository (no --outdir) rewrites schemas/environment.schema.json: check
// (whose own synth writes to a temporary folder) must see the committed one.
const intoRepository = argv[0] === 'synth' && !argv.some((a) => a === '--outdir' || a.startsWith('--outdir='));
await buildIfStale({ schema: intoRepository });
const { main } = createRequire(import.meta.url)(CLI);
const code = await main(argv);
// Once main is done (output committed), exiting skips tearing the heap down; only when nothing is
// left to write to stdout or stderr (writes to pipes are asynchronous on some systems).
if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
process.exitCode = code;
