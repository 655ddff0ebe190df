import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import * as precompiled from '../../src/trains/precompiled-validators';
import { AJV_OPTIONS } from '../../src/trains/tekton-config-rules';
import { SPEC_SCHEMAS, precompiledValidatorsCode } from '../../src/trains/tekton-config-validators';

const ROOT = join(__dirname, '../..');

/** The generated module (what scripts/build.mjs bundles into the CLI), loaded as CommonJS. */
function load(code: string): Record<string, ValidateFunction> {
  const module = { exports: {} as Record<string, ValidateFunction> };
  new Function('module', 'exports', 'require', code)(module, module.exports, require);
  return module.exports;
}

const ids = Object.keys(SPEC_SCHEMAS) as (keyof typeof SPEC_SCHEMAS)[];
const generated = load(precompiledValidatorsCode());

// Specs each schema accepts, and variations it must reject: unknown keys (top level, nested),
// wrong types, a negative *uint, a list where a map is due.
const VALID = {
  v0_65: { profile: 'all', targetNamespace: 'openshift-pipelines', pipeline: { 'enable-api-fields': 'stable' }, pruner: { resources: ['taskrun'], keep: 10, schedule: '0 * * * *' }, params: [{ name: 'createRbacResource', value: 'false' }] },
  v0_80: { profile: 'all', targetNamespace: 'openshift-pipelines', pipeline: { 'enable-api-fields': 'beta' }, pruner: { disabled: true }, chain: { disabled: false }, result: { disabled: true, is_external_db: false } },
};
const invalid = (spec: Record<string, unknown>): unknown[] => [
  { ...spec, unknownField: 1 },
  { ...spec, pipeline: { ...(spec.pipeline as object), 'no-such-flag': true, 'enable-api-fields': 7 } },
  { ...spec, targetNamespace: 5, profile: ['all'] },
  { ...spec, pruner: { resources: 'taskrun', keep: -1, extra: {} } },
  { ...spec, params: { name: 'x' } },
  [],
  'spec',
];

describe('precompiled TektonConfig spec validators (ajv standalone code, scripts/build.mjs)', () => {
  test('one per spec schema id, and precompiled-validators.ts declares each', () => {
    expect(ids.length).toBeGreaterThan(0);
    expect(Object.keys(generated).sort()).toEqual([...ids].sort());
    expect(Object.keys(precompiled).sort()).toEqual([...ids].sort());
    // In the sources none is precompiled: the checker compiles with ajv (the path jest runs).
    for (const id of ids) expect(precompiled[id]).toBeUndefined();
  });

  test.each(ids)('%s: the same verdict and errors as ajv.compile, on valid and invalid specs', (id) => {
    const compiled = new Ajv(AJV_OPTIONS).compile(SPEC_SCHEMAS[id]());
    const specs = [VALID[id], ...invalid(VALID[id])];
    let rejected = 0;
    for (const spec of specs) {
      const verdict = compiled(spec);
      expect(generated[id](spec)).toBe(verdict);
      expect(generated[id].errors ?? null).toEqual(compiled.errors ?? null);
      if (!verdict) rejected += 1;
    }
    expect(compiled(VALID[id])).toBe(true);
    expect(rejected).toBe(specs.length - 1);
  });

  test('the CLI is rebuilt when a schema or the generator changes (its stamp lists them)', () => {
    const stamp = JSON.parse(readFileSync(join(ROOT, 'build/cli.stamp.json'), 'utf8')) as { inputs: string[] };
    for (const f of ['src/trains/tekton-config-validators.ts', 'src/trains/operator-v0-65.ts', 'src/trains/operator-v0-80.ts', 'imports/schemas/tekton-config-osp-1-23.json']) expect(stamp.inputs).toContain(f);
  });
});
