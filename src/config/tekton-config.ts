import { z } from 'zod';
import tektonConfigCrd from '../../imports/schemas/tekton-config.json';
import { quote } from './grammar/text';
import { pacSettingsSchema } from './pipelines-as-code';
import { INT32_MAX, cronSchedule, dnsLabel, int32, int64, text, uniqueBy } from './primitives';

type JsonSchema = { type?: string; format?: string; properties?: Record<string, JsonSchema> };

const specSchema = (tektonConfigCrd.versions.v1alpha1 as JsonSchema).properties!.spec.properties!;

/**
 * The scalar settings of one TektonConfig block (`spec.pipeline`, `spec.chain`), typed as the
 * pinned CRD types them: the CRD is the one list of known flags, so a typo is an error here,
 * not a field the operator silently drops.
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

export const PRUNABLE_RESOURCES = ['taskrun'] as const;
export const DEFAULT_PRUNER_KEEP = 10;

export const prunerSchema = z
  .strictObject({
    disabled: z.boolean().default(false),
    /**
     * Phase 1 prunes TaskRuns only: a PipelineRun deleted on the workload cluster is recreated
     * by the kcp syncer from its kcp copy.
     */
    resources: z
      .array(text(32))
      .min(1)
      .default(['taskrun'])
      .superRefine((resources, ctx) => {
        resources.forEach((r, i) => {
          if (!(PRUNABLE_RESOURCES as readonly string[]).includes(r)) {
            ctx.addIssue({
              code: 'custom',
              path: [i],
              message: `${quote(r)} cannot be pruned in phase 1: only TaskRuns are pruned, since PipelineRuns deleted on a workload cluster are recreated by the kcp syncer`,
            });
          }
        });
      }),
    /** Number of TaskRuns to keep per namespace. */
    keep: int32(1).optional(),
    /** Keep TaskRuns younger than this many minutes (instead of `keep`). */
    keepSinceMinutes: int32(1).optional(),
    schedule: cronSchedule.default('0 * * * *'),
  })
  .superRefine((p, ctx) => {
    if (p.keep !== undefined && p.keepSinceMinutes !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['keepSinceMinutes'], message: 'set either keep or keepSinceMinutes, not both: the pruner takes one' });
    }
  })
  // Neither given: keep the last DEFAULT_PRUNER_KEEP, as Pipeline Service did.
  .transform((p) => (p.keep === undefined && p.keepSinceMinutes === undefined ? { ...p, keep: DEFAULT_PRUNER_KEEP } : p));

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

export const paramSchema = z.strictObject({ name: text(253, { min: 1 }), value: text(4096) });

export const tektonConfigSchema = z.strictObject({
  profile: z.enum(['all', 'basic', 'lite']).default('all'),
  targetNamespace: dnsLabel.default('openshift-pipelines'),
  /** Pipeline feature flags, as `spec.pipeline` of the TektonConfig CRD types them. */
  pipeline: scalarSettings('pipeline').default({}),
  pruner: prunerSchema.prefault({}),
  chain: chainSchema.prefault({}),
  pipelinesAsCode: pipelinesAsCodeSchema.prefault({}),
  params: z
    .array(paramSchema)
    .default([])
    .superRefine((params, ctx) => uniqueBy(params, (p) => p?.name, 'name', ctx, [])),
});

export type TektonConfigSettings = z.output<typeof tektonConfigSchema>;
export type PrunerConfig = z.output<typeof prunerSchema>;
