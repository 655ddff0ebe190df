import { Construct } from 'constructs';
import { TektonChainsConfig } from '../config';
import { TektonChains } from '../constructs/tekton-chains';
import { ComponentChart } from './component-chart';

export interface TektonChainsChartProps {
  readonly target: string;
  readonly chains: TektonChainsConfig;
}

/** Component `tekton-chains`: Chains as direct manifests; synced after `tekton-config` (it needs the Tekton CRDs). */
export class TektonChainsChart extends ComponentChart {
  public static readonly COMPONENT = 'tekton-chains';
  public readonly chains: TektonChains;

  constructor(scope: Construct, id: string, props: TektonChainsChartProps) {
    super(scope, id, { target: props.target, component: TektonChainsChart.COMPONENT });
    this.chains = new TektonChains(this, 'TektonChains', props.chains);
  }
}
