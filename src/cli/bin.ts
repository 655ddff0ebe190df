#!/usr/bin/env node
// The package's `bin` (compiled to lib/src/cli/bin.js): the CLI from the installed package. It runs
// from the compiled modules (shipped environments included), not from the esbuild bundle in
// build/ that `npm run synth` uses in a checkout, so it writes in-process, without the output thread.
import { main } from './main';

void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
