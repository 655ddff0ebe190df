import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { strictSchema } from './structural';
import { isTrainBound, trainProblems } from './trains';
import { CheckedObject, Finding, KubeObject, apiGroup, objectRef, pointerToPath, str } from './types';

/** A compiled check of one apiVersion/kind: the errors of one object, ajv-style. */
type Validator = (obj: KubeObject) => readonly ErrorObject[];

export { metadataSchema, strictSchema } from './structural';

/** What `scripts/import.mjs` writes to imports/schemas/<prefix>.json from a pinned CRD. */
interface CrdSchemaFile {
  readonly group: string;
  readonly kind: string;
  readonly versions: Record<string, object>;
}

/** Finds imports/schemas from src/validate/ (jest) and from build/ (the bundled CLI). */
export function defaultSchemaDir(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'imports', 'schemas');
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error(`imports/schemas not found above ${__dirname}: run \`npm run import\``);
    dir = up;
  }
}

/**
 * Resolves apiVersion+kind to a validator: custom kinds from the CRD schemas in imports/schemas,
 * built-in kinds from kubernetes-models (the Kubernetes OpenAPI, compiled to ajv code). Each
 * validator is built once and cached, so checking N objects costs N validations, not N compiles.
 */
export class SchemaRegistry {
  private readonly ajv = new Ajv({
    allErrors: true,
    // CRD schemas carry x-kubernetes-* keywords ajv does not know; formats (int32, date-time, ...)
    // are not enforced by us, as kubectl's client-side validation does not enforce them either.
    strict: false,
    validateFormats: false,
  });
  private readonly crds = new Map<string, { file: string; schema: object }>();
  private readonly cache = new Map<string, Validator | null>();

  constructor(schemaDir: string = defaultSchemaDir()) {
    for (const f of readdirSync(schemaDir).filter((n) => n.endsWith('.json')).sort()) {
      const crd = JSON.parse(readFileSync(join(schemaDir, f), 'utf8')) as CrdSchemaFile;
      for (const [version, schema] of Object.entries(crd.versions)) {
        this.crds.set(key(`${crd.group}/${version}`, crd.kind), { file: f, schema });
      }
    }
  }

  /** Custom apiVersion/kind pairs known from imports/schemas. */
  public get customKinds(): string[] {
    return [...this.crds.keys()];
  }

  /** The validator of apiVersion/kind, or undefined when no schema knows the kind. */
  public validatorFor(apiVersion: string, kind: string): Validator | undefined {
    const k = key(apiVersion, kind);
    let v = this.cache.get(k);
    if (v === undefined) {
      v = this.build(apiVersion, kind) ?? null;
      this.cache.set(k, v);
    }
    return v ?? undefined;
  }

  private build(apiVersion: string, kind: string): Validator | undefined {
    const crd = this.crds.get(key(apiVersion, kind));
    if (crd) {
      const fn: ValidateFunction = this.ajv.compile(strictSchema(crd.schema, true));
      return (obj) => {
        const errors = fn(obj) ? [] : [...(fn.errors ?? [])];
        // The CRD schema constrains at most metadata.name/generateName: check the rest as ObjectMeta.
        if (obj.metadata !== undefined) errors.push(...builtinErrors(objectMetaValidate(), obj.metadata, '/metadata'));
        return errors;
      };
    }
    const validate = builtinValidate(apiVersion, kind);
    return validate && ((obj) => builtinErrors(validate, obj, ''));
  }
}

function key(apiVersion: string, kind: string): string {
  return `${apiVersion}|${kind}`;
}


interface ModelClass {
  prototype: { validate(this: unknown): void };
}

/** kubernetes-models sets each model's compiled validator as its prototype's `validate`. */
function builtinErrors(model: ModelClass, data: unknown, prefix: string): ErrorObject[] {
  try {
    model.prototype.validate.call(data);
    return [];
  } catch (e) {
    const errors = (e as { errors?: ErrorObject[] }).errors;
    if (!errors) throw e;
    return errors.map((err) => ({ ...err, instancePath: prefix + err.instancePath }));
  }
}

const NAME = /^[A-Za-z][A-Za-z0-9]*$/;
const GROUP = /^[a-z0-9.-]*$/;
const VERSION = /^v[0-9]+[a-z0-9]*$/;

/** The kubernetes-models class of a built-in kind (`kubernetes-models/<group>/<version>/<Kind>`), if any. */
function builtinValidate(apiVersion: string, kind: string): ModelClass | undefined {
  const group = apiGroup(apiVersion);
  const version = apiVersion.slice(group ? group.length + 1 : 0);
  if (!NAME.test(kind) || !GROUP.test(group) || !VERSION.test(version)) return undefined;
  const specifier = `kubernetes-models/${group ? `${group}/` : ''}${version}/${kind}`;
  let mod: Record<string, ModelClass>;
  try {
    // A computed specifier: the kind's module is loaded on first use only (the package is large).
    mod = require(specifier);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return undefined;
    throw e;
  }
  return mod[kind];
}

let objectMeta: ModelClass | undefined;
function objectMetaValidate(): ModelClass {
  objectMeta ??= (require('@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta') as { ObjectMeta: ModelClass }).ObjectMeta;
  return objectMeta;
}

/** Lines naming each schema problem of each object; objects without apiVersion/kind or schema fail. */
export function validateSchemas(objects: readonly CheckedObject[], registry: SchemaRegistry = new SchemaRegistry()): Finding[] {
  const findings: Finding[] = [];
  for (const { file, object } of objects) {
    const ref = objectRef(object);
    const at = (path: string, message: string) => findings.push({ check: 'schema', file, object: ref, path, message });
    const apiVersion = str(object?.apiVersion);
    const kind = str(object?.kind);
    if (!apiVersion || !kind) {
      at('(root)', `has no ${!apiVersion ? 'apiVersion' : 'kind'}: not a Kubernetes object`);
      continue;
    }
    const validate = registry.validatorFor(apiVersion, kind);
    if (!validate) {
      at('kind', `unknown kind ${kind} in ${apiVersion}: neither a built-in kind nor a CRD in imports/schemas (add it to cdk8s.yaml and run \`npm run import\`)`);
      continue;
    }
    if (!str(object.metadata?.name)) at('metadata.name', 'is required');
    if (isTrainBound(apiVersion, kind)) {
      // The envelope by the CRD schema, the spec by the rules of the train's operator.
      for (const line of describeErrors(validate({ ...object, spec: undefined }))) at(line.path, line.message);
      for (const line of trainProblems(object)) at(line.path, line.message);
      continue;
    }
    for (const line of describeErrors(validate(object))) at(line.path, line.message);
  }
  return findings;
}

/** ajv errors -> one message per field; the branches of a failed oneOf/anyOf are merged into one "or". */
export function describeErrors(errors: readonly ErrorObject[]): { path: string; message: string }[] {
  const byPath = new Map<string, string[]>();
  const add = (path: string, message: string) => {
    const list = byPath.get(path) ?? [];
    if (!list.includes(message)) list.push(message);
    byPath.set(path, list);
  };
  const unions = new Set(errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => pointerToPath(e.instancePath)));
  for (const e of errors) {
    const p = e.params as Record<string, unknown>;
    if (e.keyword === 'additionalProperties') add(pointerToPath(e.instancePath, [String(p.additionalProperty)]), 'unknown field');
    else if (e.keyword === 'required') add(pointerToPath(e.instancePath, [String(p.missingProperty)]), 'is required');
    else if (e.keyword === 'enum') add(pointerToPath(e.instancePath), `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`);
    else if (e.keyword === 'oneOf' || e.keyword === 'anyOf') continue;
    else add(pointerToPath(e.instancePath), e.message ?? e.keyword);
  }
  return [...byPath].map(([path, messages]) => ({
    path,
    message: messages.join(unions.has(path) ? ' or ' : '; '),
  }));
}
