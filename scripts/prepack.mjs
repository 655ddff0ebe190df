#!/usr/bin/env node
// `npm pack` / `npm publish` ("prepack"): compiles the package into lib/ from the sources with tsc
// (tsconfig.build.json: JavaScript and declarations of src/index.ts, the CLI and what they import,
// the generated L1 classes of imports/ included), from an empty lib/ so no stale module ships.
// The CRD schemas go beside them (lib/imports/schemas/): `check` reads them at run time
// (src/validate/schema.ts finds the nearest imports/schemas above it).
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CLI_ENV } from './cli-env.mjs';

const root = resolve(import.meta.dirname, '..');
const lib = join(root, 'lib');
rmSync(lib, { recursive: true, force: true });
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit', env: CLI_ENV });
cpSync(join(root, 'imports/schemas'), join(lib, 'imports/schemas'), { recursive: true });
