import { Construct } from 'constructs';
import { EnvironmentConfig, environmentTektonConfigInput, trainOf } from '../config';
import { TektonConfig } from '../constructs/tekton-config';
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
    this.tektonConfig = new TektonConfig(this, 'TektonConfig', { train: trainOf(env.train).name, ...environmentTektonConfigInput(env) });
  }
}
