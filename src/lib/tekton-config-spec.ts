/**
 * TektonConfig `spec` as plain JSON, keyed exactly as the operator's Go types tag them. One pure
 * function serves the construct (what is written) and the config check (what the train's
 * operator would say about it), so both always see the same object.
 */

export type Scalar = string | number | boolean;
export type Json = Record<string, unknown>;

/** TektonConfig `spec.pruner`; a field left out is not written, and the operator's default applies. */
export interface PrunerSpecInput {
  /** @default - not written */
  readonly disabled?: boolean;
  /** Kinds to prune (`taskrun`, `pipelinerun`). @default - not written */
  readonly resources?: readonly string[];
  /** Runs to keep per namespace. @default - not written */
  readonly keep?: number;
  /** Keep runs younger than this many minutes (`keep-since`); not with `keep`. @default - not written */
  readonly keepSinceMinutes?: number;
  /** Cron schedule of the pruner job. @default - not written */
  readonly schedule?: string;
}

export interface TektonConfigSpecInput {
  readonly profile: string;
  readonly targetNamespace: string;
  readonly pipeline: Readonly<Record<string, Scalar>>;
  readonly pruner: PrunerSpecInput;
  /** Absent: no `spec.chain` (operators before v0.67 have none). */
  readonly chain?: { readonly disabled: boolean; readonly settings: Readonly<Record<string, Scalar | undefined>> };
  /** `spec.trigger`; absent or without `disabled`: not written (the operator's default, Triggers on). */
  readonly trigger?: { readonly disabled?: boolean };
  readonly pipelinesAsCode: { readonly enable: boolean; readonly settings: Readonly<Record<string, string | undefined>> };
  readonly params: readonly { readonly name: string; readonly value: string }[];
  /** `spec.result` (operator v0.75+); absent: none. */
  readonly result?: Json;
}

/** The defined entries only, in key order, so output is byte-stable. */
function defined<T>(o: Readonly<Record<string, T | undefined>>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, T] => e[1] !== undefined));
}

export function tektonConfigSpec(input: TektonConfigSpecInput): Json {
  const p = input.pruner;
  const pruner = defined<unknown>({
    disabled: p.disabled,
    resources: p.resources ? [...p.resources] : undefined,
    keep: p.keep,
    'keep-since': p.keepSinceMinutes,
    schedule: p.schedule,
  });
  const pacSettings = defined(input.pipelinesAsCode.settings);
  return defined<unknown>({
    profile: input.profile,
    targetNamespace: input.targetNamespace,
    pipeline: { ...input.pipeline },
    pruner,
    chain: input.chain ? { ...defined(input.chain.settings), disabled: input.chain.disabled } : undefined,
    trigger: input.trigger?.disabled === undefined ? undefined : { disabled: input.trigger.disabled },
    result: input.result,
    platforms: {
      openshift: {
        pipelinesAsCode: defined<unknown>({ enable: input.pipelinesAsCode.enable, settings: Object.keys(pacSettings).length > 0 ? pacSettings : undefined }),
      },
    },
    params: input.params.map((x) => ({ name: x.name, value: x.value })),
  });
}
