import { Construct } from 'constructs';
import { EnvironmentConfig, trainOf } from '../config';
import { TektonConfig } from '../constructs/tekton-config';
import { operatorResultSpec } from '../lib/tekton-results-spec';
import { ComponentChart } from './component-chart';

export interface TektonConfigChartProps {
  readonly target: string;
  /** The environment (its train decides which fields the TektonConfig has). */
  readonly environment: EnvironmentConfig;
}

/** Component `tekton-config`: the TektonConfig the operator reconciles; synced after `operator`. */
export class TektonConfigChart extends ComponentChart {
  public static readonly COMPONENT = 'tekton-config';
  public readonly tektonConfig: TektonConfig;

  constructor(scope: Construct, id: string, props: TektonConfigChartProps) {
    super(scope, id, { target: props.target, component: TektonConfigChart.COMPONENT });
    const env = props.environment;
    const s = env.tektonConfig;
    const train = trainOf(env.train);
    this.tektonConfig = new TektonConfig(this, 'TektonConfig', {
      train: train.name,
      profile: s.profile,
      targetNamespace: s.targetNamespace,
      pipeline: s.pipeline,
      pruner: s.pruner,
      chain: s.chain as { disabled: boolean; settings: Record<string, string | number | boolean | undefined> } | undefined,
      pipelinesAsCode: s.pipelinesAsCode,
      params: s.params,
      // Where the train's operator manages Results, they are configured here (spec.result).
      result: train.results.managedBy === 'operator' ? operatorResultSpec(env.tektonResults) : undefined,
    });
  }
}
