import Ajv, { ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Validates objects against the served schema of a pinned CRD (imports/schemas/<prefix>.json).
 * Kept small on purpose: a general validator is built elsewhere. Unknown `x-kubernetes-*`
 * keywords and formats such as int64 are ignored, as the API server's structural schema does.
 */
export function crdValidator(prefix: string): (obj: unknown) => string[] {
  let validator = compiled.get(prefix);
  if (!validator) compiled.set(prefix, (validator = compile(prefix)));
  return validator;
}

// Per test file: compiling a CRD's schemas (Argo CD's Application: ~1 s) once.
const compiled = new Map<string, (obj: unknown) => string[]>();

function compile(prefix: string): (obj: unknown) => string[] {
  const crd = JSON.parse(readFileSync(join(__dirname, '../../imports/schemas', `${prefix}.json`), 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const validators = new Map<string, ValidateFunction>();
  for (const [version, schema] of Object.entries(crd.versions)) validators.set(`${crd.group}/${version}`, ajv.compile(schema as object));
  return (obj: any) => {
    const validate = validators.get(obj?.apiVersion);
    if (!validate || obj.kind !== crd.kind) return [`not a ${crd.kind} of ${[...validators.keys()].join(', ')}: ${obj?.apiVersion} ${obj?.kind}`];
    if (validate(obj)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  };
}
