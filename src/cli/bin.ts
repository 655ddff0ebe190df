#!/usr/bin/env node
// The package's `bin` (compiled to lib/src/cli/bin.js): the CLI from the installed package. It runs
// from compiled modules, without the start-up snapshot and the output thread of the bundled
// build/ CLI that `npm run synth` uses in a checkout (both are build products, not shipped).
import { main } from './main';

void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
