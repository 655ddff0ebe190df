import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { SyncWave, addSyncOptions, setSyncWave } from '../lib/argocd';
import { Json, PrunerSpecInput, Scalar, tektonConfigSpec } from '../lib/tekton-config-spec';
import { TRAIN_LABEL } from '../trains';

/** The operator only reconciles a TektonConfig with this name. */
export const TEKTON_CONFIG_NAME = 'config';

export type { Scalar };

export interface TektonConfigProps {
  /** Release train whose operator reads this object; `check` validates it by that train's rules. */
  readonly train: string;
  /** @default 'all' */
  readonly profile?: 'all' | 'basic' | 'lite';
  /** @default 'openshift-pipelines' */
  readonly targetNamespace?: string;
  /** Pipeline feature flags, keyed as in `spec.pipeline` (`enable-api-fields`). @default {} */
  readonly pipeline?: Readonly<Record<string, Scalar>>;
  /** Written as given (`keepSinceMinutes` as `keep-since`): the train decides the defaults. @default {} */
  readonly pruner?: PrunerSpecInput;
  /** Tekton Chains through the operator (v0.67+). @default - no `spec.chain` */
  readonly chain?: {
    readonly disabled: boolean;
    /** Keys as in `spec.chain`. @default {} */
    readonly settings?: Readonly<Record<string, Scalar | undefined>>;
  };
  /** `spec.trigger.disabled` (operator v0.80+; `true` needs profile `lite` or `basic` on OpenShift). @default - not written: Triggers on */
  readonly trigger?: {
    /** @default - not written: Triggers on */
    readonly disabled?: boolean;
  };
  /** @default - enabled with operator defaults */
  readonly pipelinesAsCode?: {
    /** @default true */
    readonly enable?: boolean;
    /** Keys as in `platforms.openshift.pipelinesAsCode.settings`. @default {} */
    readonly settings?: Readonly<Record<string, string | undefined>>;
  };
  /** @default [] */
  readonly params?: readonly { readonly name: string; readonly value: string }[];
  /** `spec.result` (operator v0.75+). @default - none */
  readonly result?: Json;
}

/**
 * The cluster-scoped TektonConfig `config` through which the operator installs Tekton.
 *
 * Written as plain JSON keyed like the operator's Go types: which keys exist depends on the
 * train's operator (src/trains/), and no one generated class knows them all. Its CRD exists only
 * once the operator runs, hence SkipDryRunOnMissingResource and a wave after the Subscription.
 * Prune=false and Delete=false: deleting it (removed from git, or its Application deleted) would
 * make the operator uninstall Tekton, with every run on the cluster.
 * @see https://tekton.dev/docs/operator/tektonconfig/
 */
export class TektonConfig extends Construct {
  public readonly resource: ApiObject;
  public readonly targetNamespace: string;

  constructor(scope: Construct, id: string, props: TektonConfigProps) {
    super(scope, id);
    this.targetNamespace = props.targetNamespace ?? 'openshift-pipelines';
    const pruner = props.pruner ?? {};
    if (pruner.keepSinceMinutes !== undefined && pruner.keep !== undefined) {
      throw new Error('tekton config pruner: set either keep or keepSinceMinutes, not both');
    }
    this.resource = new ApiObject(this, 'Resource', {
      apiVersion: 'operator.tekton.dev/v1alpha1',
      kind: 'TektonConfig',
      metadata: { name: TEKTON_CONFIG_NAME, labels: { [TRAIN_LABEL]: props.train } },
      spec: tektonConfigSpec({
        profile: props.profile ?? 'all',
        targetNamespace: this.targetNamespace,
        pipeline: props.pipeline ?? {},
        pruner,
        chain: props.chain ? { disabled: props.chain.disabled, settings: props.chain.settings ?? {} } : undefined,
        trigger: props.trigger,
        pipelinesAsCode: { enable: props.pipelinesAsCode?.enable ?? true, settings: props.pipelinesAsCode?.settings ?? {} },
        params: props.params ?? [],
        result: props.result,
      }),
    });
    setSyncWave(this.resource, SyncWave.CONFIGURE);
    addSyncOptions(this.resource, 'SkipDryRunOnMissingResource=true', 'Prune=false', 'Delete=false');
  }
}
