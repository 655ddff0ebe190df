import { z } from 'zod';
import tektonConfigCrd from '../../imports/schemas/tekton-config-osp-1-23.json';
import { pacSettingsSchema } from './pipelines-as-code';
import { INT32_MAX, cronSchedule, scalarMap, dnsLabel, int32, int64, text, uniqueBy } from './primitives';

type JsonSchema = { type?: string; format?: string; properties?: Record<string, JsonSchema> };

const specSchema = (tektonConfigCrd.versions.v1alpha1 as JsonSchema).properties!.spec.properties!;

/**
 * The scalar settings of one TektonConfig block, typed as the OSP 1.23 CRD types them: the CRD is
 * the one list of known keys, so a typo is an error here, not a field the operator drops.
 */
function scalarSettings(block: string, omit: readonly string[] = []) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, prop] of Object.entries(specSchema[block].properties ?? {})) {
    if (omit.includes(key)) continue;
    if (prop.type === 'boolean') shape[key] = z.boolean().optional();
    else if (prop.type === 'integer') shape[key] = (prop.format === 'int32' ? int32(-INT32_MAX - 1) : int64).optional();
    else if (prop.type === 'string') shape[key] = text(4096).optional();
  }
  return z.strictObject(shape);
}

export const DEFAULT_PRUNER_KEEP = 10;
export const DEFAULT_PRUNER_SCHEDULE = '0 * * * *';

/**
 * The operator's job-based pruner. Every field is optional: the environment's train fills in
 * what it prescribes (phase-1: TaskRuns, keep 10, hourly; current: disabled, ADR-0009) and
 * rejects fields its operator lacks (see src/config/train.ts).
 */
export const prunerSchema = z
  .strictObject({
    /** Operator v0.67+ only. */
    disabled: z.boolean().optional(),
    resources: z.array(z.enum(['taskrun', 'pipelinerun'])).min(1).optional(),
    /** Runs to keep per namespace. */
    keep: int32(1).optional(),
    /** Keep runs younger than this many minutes (instead of `keep`). */
    keepSinceMinutes: int32(1).optional(),
    schedule: cronSchedule.optional(),
  })
  .superRefine((p, ctx) => {
    if (p.keep !== undefined && p.keepSinceMinutes !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['keepSinceMinutes'], message: 'set either keep or keepSinceMinutes, not both: the pruner takes one' });
    }
  });

/** `spec.chain` settings keys, shared with Tekton Chains run as direct manifests (its `chains-config`). */
export const chainSettingsSchema = scalarSettings('chain', ['disabled', 'generateSigningSecret']);

export const chainSchema = z.strictObject({
  /** false: the operator runs Tekton Chains with `settings`. */
  disabled: z.boolean().default(false),
  settings: chainSettingsSchema.default({}),
});

export const pipelinesAsCodeSchema = z.strictObject({
  enable: z.boolean().default(true),
  /** The pipelines-as-code ConfigMap settings, passed through `platforms.openshift.pipelinesAsCode.settings`; unknown keys are errors. */
  settings: pacSettingsSchema.default({}),
});

/** TektonConfig `spec.trigger`; only `disabled` is configured (operator v0.80+; the train decides when left out). */
export const triggerSchema = z.strictObject({
  /** true: no Tekton Triggers (tektoncd/operator@v0.80.0 pkg/reconciler/shared/tektonconfig/tektonconfig.go). */
  disabled: z.boolean().optional(),
});

export const paramSchema = z.strictObject({ name: text(253, { min: 1 }), value: text(4096) });

export const tektonConfigSchema = z.strictObject({
  /** Default: the train's (`all`; `lite` where Triggers are off: the OpenShift TektonAddon of `all` waits for Triggers). */
  profile: z.enum(['all', 'basic', 'lite']).optional(),
  targetNamespace: dnsLabel.default('openshift-pipelines'),
  /** `spec.pipeline` keys; which keys and values exist is the train's operator's (src/trains/). */
  pipeline: scalarMap.default({}),
  pruner: prunerSchema.prefault({}),
  /** Tekton Chains through TektonConfig (operator v0.67+); absent: the operator's defaults where it has them. */
  chain: chainSchema.optional(),
  trigger: triggerSchema.prefault({}),
  pipelinesAsCode: pipelinesAsCodeSchema.prefault({}),
  params: z
    .array(paramSchema)
    .default([])
    .superRefine((params, ctx) => uniqueBy(params, (p) => p?.name, 'name', ctx, [])),
});

export type TektonConfigSettings = z.output<typeof tektonConfigSchema>;
export type PrunerConfig = z.output<typeof prunerSchema>;
export type TriggerConfig = z.output<typeof triggerSchema>;
