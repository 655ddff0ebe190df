import Ajv, { ErrorObject, Options, ValidateFunction } from 'ajv';
import { fieldOrigin } from './field-origins';
import * as precompiled from './precompiled-validators';
import type { SpecProblem } from './types';

type Path = (string | number)[];
type Json = Record<string, unknown>;

/** How the spec schemas are compiled, at run time and for the precompiled validators (scripts/build.mjs). */
export const AJV_OPTIONS: Options = { allErrors: true, strict: false, validateFormats: false };
let ajv: Ajv | undefined;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `/pruner/keep-since` -> ['pruner', 'keep-since']. */
function pointer(p: string): Path {
  return p
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((k) => (/^\d+$/.test(k) ? Number(k) : k));
}

/** The ids of the spec schemas (src/trains/tekton-config-validators.ts lists their schemas). */
export type SpecSchemaId = keyof typeof precompiled;

/**
 * A spec schema as the operator's webhook applies it: knative's admission controller decodes with
 * disallowUnknownFields (tektoncd/operator@<tag>:pkg/webhook/webhook.go), so an unknown key at any
 * level is rejected; the message names the first operator release and channel that know it.
 * The built CLI has it precompiled (ajv standalone code, by scripts/build.mjs): compiling the
 * schemas took ~150 ms of every synth. Without (jest, ts-node), compiled with ajv on first use.
 */
export function schemaChecker(id: SpecSchemaId, schema: () => object, operator: string): (spec: unknown) => SpecProblem[] {
  let validate: ValidateFunction | undefined;
  return (spec) => {
    validate ??= (precompiled[id] as ValidateFunction | undefined) ?? (ajv ??= new Ajv(AJV_OPTIONS)).compile(schema());
    if (validate(spec)) return [];
    const out: SpecProblem[] = [];
    for (const e of validate.errors as ErrorObject[]) {
      const at = pointer(e.instancePath);
      const p = e.params as Record<string, unknown>;
      if (e.keyword === 'additionalProperties') {
        const path = [...at, String(p.additionalProperty)];
        const origin = fieldOrigin(path);
        out.push({
          path,
          message: origin
            ? `unknown to operator ${operator}, whose webhook rejects unknown fields: first in operator ${origin.operator} (${origin.channel}, ${origin.source}); remove it or use a train with that operator`
            : `unknown to operator ${operator}, whose webhook rejects unknown fields: remove it`,
        });
      } else if (e.keyword === 'required') {
        out.push({ path: [...at, String(p.missingProperty)], message: 'is required' });
      } else if (e.keyword === 'enum') {
        out.push({ path: at, message: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` });
      } else {
        out.push({ path: at, message: e.message ?? e.keyword });
      }
    }
    return out;
  };
}

/** The operator's pruner rules (tektonconfig_validation.go `Prune.validate`), per release. */
export function prunerProblems(pruner: unknown, opts: { scheduleRequired: boolean; hasDisabled: boolean; source: string }): SpecProblem[] {
  if (!isObject(pruner) || Object.keys(pruner).length === 0) return []; // `if !tc.Spec.Pruner.IsEmpty()` (v0.65)
  if (opts.hasDisabled && pruner.disabled === true) return []; // v0.67+: "if pruner job disable no validation required"
  const out: SpecProblem[] = [];
  const resources = Array.isArray(pruner.resources) ? pruner.resources : [];
  if (resources.length === 0) out.push({ path: ['pruner', 'resources'], message: `is required (${opts.source})` });
  resources.forEach((r, i) => {
    if (r !== 'taskrun' && r !== 'pipelinerun') out.push({ path: ['pruner', 'resources', i], message: `must be "taskrun" or "pipelinerun" (const.go PruningResource)` });
  });
  const keep = pruner.keep;
  const since = pruner['keep-since'];
  if (keep === undefined && since === undefined) out.push({ path: ['pruner'], message: `needs exactly one of keep or keep-since (${opts.source})` });
  // Both: ErrMultipleOneOf on release-v0.65.x after the v0.65.1 tag and in every later release.
  if (keep !== undefined && since !== undefined) out.push({ path: ['pruner', 'keep-since'], message: `set either keep or keep-since, not both (${opts.source})` });
  if (keep === 0) out.push({ path: ['pruner', 'keep'], message: `must not be 0 (${opts.source})` });
  if (since === 0) out.push({ path: ['pruner', 'keep-since'], message: `must not be 0 (${opts.source})` });
  if (opts.scheduleRequired && (typeof pruner.schedule !== 'string' || pruner.schedule === '')) {
    out.push({ path: ['pruner', 'schedule'], message: `is required by operator v0.65 and older (${opts.source}); optional from v0.67` });
  }
  return out;
}

/** A string field that must hold one of `allowed` when set (the `sets.NewString("", ...)` checks). */
export function enumProblem(block: unknown, blockPath: Path, key: string, allowed: readonly string[], note: string): SpecProblem[] {
  if (!isObject(block)) return [];
  const v = block[key];
  // A value of the wrong type is the schema's to report.
  if (typeof v !== 'string' || v === '' || allowed.includes(v)) return [];
  return [{ path: [...blockPath, key], message: `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${JSON.stringify(v)} (${note})` }];
}

/** The common webhook checks of every release: targetNamespace, profile. */
export function commonProblems(spec: Json, source: string): SpecProblem[] {
  const out: SpecProblem[] = [];
  if (typeof spec.targetNamespace !== 'string' || spec.targetNamespace === '') out.push({ path: ['targetNamespace'], message: `is required (${source})` });
  if (spec.profile !== undefined && !['lite', 'basic', 'all'].includes(spec.profile as string)) {
    out.push({ path: ['profile'], message: 'must be one of "lite", "basic", "all" (const.go Profiles)' });
  }
  return out;
}

export { isObject };
