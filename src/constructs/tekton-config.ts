import { Construct } from 'constructs';
import * as operator from '../../imports/tekton-config-operator.tekton.dev';
import { SyncWave, addSyncOptions, setSyncWave } from '../lib/argocd';

/** The operator only reconciles a TektonConfig with this name. */
export const TEKTON_CONFIG_NAME = 'config';

export type Scalar = string | number | boolean;

export interface PrunerProps {
  /** @default false */
  readonly disabled?: boolean;
  /** Kinds to prune; phase 1 prunes TaskRuns only. @default ['taskrun'] */
  readonly resources?: readonly string[];
  /** Runs to keep per namespace. @default 10, unless keepSinceMinutes is set */
  readonly keep?: number;
  /** Keep runs younger than this many minutes. @default - use keep */
  readonly keepSinceMinutes?: number;
  /** Cron schedule of the pruner job. @default '0 * * * *' */
  readonly schedule?: string;
}

export interface TektonConfigProps {
  /** @default 'all' */
  readonly profile?: 'all' | 'basic' | 'lite';
  /** @default 'openshift-pipelines' */
  readonly targetNamespace?: string;
  /** Pipeline feature flags, keyed as in `spec.pipeline` (`enable-api-fields`). @default {} */
  readonly pipeline?: Readonly<Record<string, Scalar | undefined>>;
  readonly pruner?: PrunerProps;
  /** Tekton Chains through the operator; keys as in `spec.chain`. @default - enabled with operator defaults */
  readonly chain?: { readonly disabled?: boolean; readonly settings?: Readonly<Record<string, Scalar | undefined>> };
  /** @default - enabled with operator defaults */
  readonly pipelinesAsCode?: { readonly enable?: boolean; readonly settings?: Readonly<Record<string, string | undefined>> };
  /** @default [] */
  readonly params?: readonly { readonly name: string; readonly value: string }[];
}

/**
 * `spec.pipeline` keys such as `metrics.pipelinerun.duration-type` become the generated
 * property `metricsPipelinerunDurationType` (cdk8s import's camel-casing).
 */
export function crdKeyToProperty(key: string): string {
  return key
    .split(/[.-]/)
    .map((part, i) => (i === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('');
}

function toProperties(settings: Readonly<Record<string, Scalar | undefined>>): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (value !== undefined) out[crdKeyToProperty(key)] = value;
  }
  return out;
}

/** The set entries only; undefined when none is set, so the operator keeps its defaults. */
function definedStrings(settings: Readonly<Record<string, string | undefined>>): Record<string, string> | undefined {
  const entries = Object.entries(settings).filter((e): e is [string, string] => e[1] !== undefined);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/**
 * The cluster-scoped TektonConfig `config` through which the operator installs Tekton.
 *
 * Its CRD exists only once the operator runs, hence SkipDryRunOnMissingResource and a wave
 * after the Subscription. Prune=false and Delete=false: deleting it (removed from git, or its
 * Application deleted) would make the operator uninstall Tekton, with every run on the cluster.
 * @see https://tekton.dev/docs/operator/tektonconfig/
 */
export class TektonConfig extends Construct {
  public readonly resource: operator.TektonConfig;
  public readonly targetNamespace: string;

  constructor(scope: Construct, id: string, props: TektonConfigProps = {}) {
    super(scope, id);
    this.targetNamespace = props.targetNamespace ?? 'openshift-pipelines';
    const pruner = props.pruner ?? {};
    const keepSince = pruner.keepSinceMinutes;
    if (keepSince !== undefined && pruner.keep !== undefined) {
      throw new Error('tekton config pruner: set either keep or keepSinceMinutes, not both');
    }

    this.resource = new operator.TektonConfig(this, 'Resource', {
      metadata: { name: TEKTON_CONFIG_NAME },
      spec: {
        profile: props.profile ?? 'all',
        targetNamespace: this.targetNamespace,
        pipeline: toProperties(props.pipeline ?? {}),
        pruner: {
          disabled: pruner.disabled ?? false,
          resources: [...(pruner.resources ?? ['taskrun'])],
          keep: keepSince === undefined ? (pruner.keep ?? 10) : undefined,
          keepSince,
          schedule: pruner.schedule ?? '0 * * * *',
        },
        chain: { ...toProperties(props.chain?.settings ?? {}), disabled: props.chain?.disabled ?? false },
        platforms: {
          openshift: {
            pipelinesAsCode: {
              enable: props.pipelinesAsCode?.enable ?? true,
              settings: definedStrings(props.pipelinesAsCode?.settings ?? {}),
            },
          },
        },
        params: props.params?.map((p) => ({ name: p.name, value: p.value })),
      } as operator.TektonConfigSpec,
    });
    setSyncWave(this.resource, SyncWave.CONFIGURE);
    addSyncOptions(this.resource, 'SkipDryRunOnMissingResource=true', 'Prune=false', 'Delete=false');
  }
}
