#!/usr/bin/env node
// Bundles the CLI into build/cli.js: plain `node` on one file starts far faster than ts-node,
// and no type-checking happens on the synth path (that is `npm test` / `npm run build`).
import { build } from 'esbuild';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
await build({
  entryPoints: [resolve(root, 'src/cli/main.ts')],
  outfile: resolve(root, 'build/cli.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Loaded per kind at run time (src/validate/schema.ts): bundling all of it would add ~20 MB.
  external: ['kubernetes-models', '@kubernetes-models/*'],
});
