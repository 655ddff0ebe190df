/** `sha256:<64 hex>`, or 'unknown' when no upstream source shows the digest (never guessed). */
export type Digest = `sha256:${string}` | 'unknown';

/** An image a train pins, with where the pin comes from (`repo@ref:path`). */
export interface PinnedImage {
  /** Repository and tag, without digest: `registry/repo:tag`. */
  readonly image: string;
  readonly digest: Digest;
  readonly source: string;
}

/** A component version and where that fact comes from (`repo@ref:path`). */
export interface ComponentPin {
  readonly version: string;
  readonly source: string;
}

/** A Kubernetes API (group/version/resource) a component serves or watches. */
export type TektonApi = 'tekton.dev/v1beta1' | 'tekton.dev/v1' | 'tekton.dev/v1beta1/customruns';

/** The first operator release (and OSP channel) that has a TektonConfig field or value. */
export interface FieldOrigin {
  readonly operator: string;
  readonly channel: string;
  readonly source: string;
}

/** One problem of a TektonConfig spec, at its path below `spec` (`pruner.keep`). */
export interface SpecProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** What a train's operator accepts as TektonConfig: its schema and its validating webhook. */
export interface TektonConfigRules {
  /** Operator release whose Go types and webhook these rules are (`v0.65.1`). */
  readonly operator: string;
  /** Every problem the operator's webhook (incl. disallowUnknownFields) reports for `spec`. */
  problems(spec: unknown): SpecProblem[];
  /** `spec.pipeline` keys the operator knows. */
  readonly pipelineKeys: readonly string[];
  /** `spec.pipeline.enable-api-fields` values it accepts (besides unset). */
  readonly enableApiFields: readonly string[];
  /** Whether `spec.pruner.schedule` is required (up to v0.65). */
  readonly prunerScheduleRequired: boolean;
  /** Top-level `spec` keys. */
  readonly specKeys: readonly string[];
  /** `spec.pruner` keys. */
  readonly prunerKeys: readonly string[];
}

export interface ReleaseTrain {
  /** `phase-1`, `current`: what environments name in `train`. */
  readonly name: string;
  readonly description: string;
  /** OSP channels the train covers; the first is the default. */
  readonly channels: readonly [string, ...string[]];
  /** OLM bundle of the operator, when a catalog shows it. */
  readonly operator: ComponentPin & { readonly osp: string; readonly bundle?: PinnedImage };
  readonly pipelines: ComponentPin & {
    /** APIs the Pipelines release serves; the first listed per group is the storage version. */
    readonly servedApis: readonly TektonApi[];
    readonly storageVersion: 'v1beta1' | 'v1';
  };
  readonly pipelinesAsCode: ComponentPin;
  readonly chains: ComponentPin & {
    /** `operator-config`: through TektonConfig `spec.chain`; `operator-cr`: the operator's own TektonChain CR (not configured here). */
    readonly managedBy: 'operator-config' | 'operator-cr';
  };
  readonly results: {
    /** `manifests`: we deploy Results; `operator`: TektonConfig `spec.result`. */
    readonly managedBy: 'manifests' | 'operator';
    /** Results releases the train allows (manifests only); the first is the default. */
    readonly versions: readonly [string, ...string[]];
    readonly source: string;
  };
  /** Kubernetes range of the clusters the train targets (OpenShift versions mapped to Kubernetes). */
  readonly kubernetes: { readonly min: string; readonly max: string; readonly openshift: string; readonly source: string };
  /** kcp release of the era, when the train carries kcp. */
  readonly kcp?: ComponentPin;
  /** Images by digest where a source shows them. */
  readonly images: Readonly<Record<string, PinnedImage>>;
  readonly tektonConfig: TektonConfigRules;
  /**
   * What Pipeline Service configures on this train where an environment leaves it open
   * (src/config/train.ts resolveTrain): the environment's own keys win, key by key.
   */
  readonly defaults: TrainDefaults;
  /** Pruning the train prescribes (ADR): who prunes what. */
  readonly pruning: { readonly operatorPruner: 'taskruns-only' | 'off'; readonly resultsRetention: boolean; readonly source: string };
  /** What the train's decision record prescribes beyond versions. */
  readonly design: {
    /** The decision record, as the README cites it. */
    readonly record: string;
    /** Tekton Triggers: `off` where Pipelines-as-Code is the only event path (ADR-0009); `on`: the operator's default. */
    readonly triggers: 'on' | 'off';
    /** pipelines-as-code ConfigMap keys the record requires set (console links, the GitHub App's name). */
    readonly pacSettings: readonly string[];
    /** OpenShift's ImageDigestMirrorSet (config.openshift.io/v1, OCP 4.13+) exists on every cluster of the train. */
    readonly imageDigestMirrorSet: boolean;
  };
}

/** A train's defaults for the TektonConfig an environment deploys on it. */
export interface TrainDefaults {
  /** `spec.pipeline` keys, under the environment's `tektonConfig.pipeline`. */
  readonly pipeline: Readonly<Record<string, string | boolean>>;
  /** `spec.params`, by name, under the environment's `tektonConfig.params`. */
  readonly params: readonly { readonly name: string; readonly value: string }[];
  /** `spec.chain` settings, under the environment's `tektonConfig.chain.settings` (trains whose operator configures Chains). @default - none */
  readonly chainSettings?: Readonly<Record<string, string>>;
}
