import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { SPEC_SCHEMA_V0_65 } from './operator-v0-65';
import { specSchemaV0_80 } from './operator-v0-80';
import { AJV_OPTIONS, SpecSchemaId } from './tekton-config-rules';

/** Every TektonConfig spec schema a train checks, by id (src/trains/precompiled-validators.ts). */
export const SPEC_SCHEMAS: Readonly<Record<SpecSchemaId, () => object>> = {
  v0_65: () => SPEC_SCHEMA_V0_65,
  v0_80: specSchemaV0_80,
};

/**
 * The module that replaces precompiled-validators.ts in the built CLI (scripts/build.mjs): ajv's
 * standalone code (ajv.js.org/standalone.html, ajv@8 `ajv/dist/standalone`), CommonJS, one export
 * per id, compiled with the options the run-time fallback uses.
 */
export function precompiledValidatorsCode(): string {
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
  const ids = Object.keys(SPEC_SCHEMAS) as SpecSchemaId[];
  for (const id of ids) ajv.addSchema(SPEC_SCHEMAS[id](), id);
  return standaloneCode(ajv, Object.fromEntries(ids.map((id) => [id, id])));
}
