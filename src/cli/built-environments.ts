import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';
import * as config from '../config';
import type { EnvironmentInput } from '../config';

// In the bundled CLI (build/cli.js), `../environments` is this module (scripts/build.mjs): the
// shipped environments are bundled apart into build/environments.js, so that editing one
// rebuilds only that small file, and are loaded here at start. What they import from src/config
// is this bundle's own module. Sources and tests import src/environments directly.

declare const PS_CONFIG_MODULE: string;

function load(): Readonly<Record<string, EnvironmentInput>> {
  const file = join(__dirname, 'environments.js');
  // The CommonJS wrapper node gives a module, with our config module for PS_CONFIG_MODULE.
  const run = runInThisContext(`(function (exports, require, module) {${readFileSync(file, 'utf8')}\n})`, { filename: file }) as (
    exports: object,
    require: (id: string) => unknown,
    module: { exports: { ENVIRONMENTS?: Record<string, EnvironmentInput> } },
  ) => void;
  const module = { exports: {} as { ENVIRONMENTS?: Record<string, EnvironmentInput> } };
  run(module.exports, (id) => (id === PS_CONFIG_MODULE ? config : require(id)), module);
  if (!module.exports.ENVIRONMENTS) throw new Error(`${file}: exports no ENVIRONMENTS (run \`npm run bundle\`)`);
  return module.exports.ENVIRONMENTS;
}

/** The environments `npm run synth` writes into dist/, by name. */
export const ENVIRONMENTS: Readonly<Record<string, EnvironmentInput>> = load();
