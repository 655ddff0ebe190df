import { Construct } from 'constructs';
import { TektonConfigSettings } from '../config';
import { TektonConfig } from '../constructs/tekton-config';
import { ComponentChart } from './component-chart';

export interface TektonConfigChartProps {
  readonly target: string;
  readonly settings: TektonConfigSettings;
}

/** Component `tekton-config`: the TektonConfig the operator reconciles; synced after `operator`. */
export class TektonConfigChart extends ComponentChart {
  public static readonly COMPONENT = 'tekton-config';
  public readonly tektonConfig: TektonConfig;

  constructor(scope: Construct, id: string, props: TektonConfigChartProps) {
    super(scope, id, { target: props.target, component: TektonConfigChart.COMPONENT });
    const s = props.settings;
    this.tektonConfig = new TektonConfig(this, 'TektonConfig', {
      profile: s.profile,
      targetNamespace: s.targetNamespace,
      pipeline: s.pipeline as Record<string, string | number | boolean | undefined>,
      pruner: s.pruner,
      chain: { disabled: s.chain.disabled, settings: s.chain.settings as Record<string, string | boolean | undefined> },
      pipelinesAsCode: s.pipelinesAsCode,
      params: s.params,
    });
  }
}
