#!/usr/bin/env node
// `npm run synth|config|check|diff`: builds the CLI if it is stale (scripts/build.mjs), then runs
// it in this process: one node start-up per command, not two.
import { createRequire } from 'node:module';
import { CLI, buildIfStale } from './build.mjs';

await buildIfStale();
const { main } = createRequire(import.meta.url)(CLI);
const code = await main(process.argv.slice(2));
// Once main is done (output committed), exiting skips tearing the heap down; only when nothing is
// left to write to stdout or stderr (writes to pipes are asynchronous on some systems).
if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
process.exitCode = code;
