import { Construct } from 'constructs';
import { TektonResultsConfig } from '../config';
import { TektonResults } from '../constructs/tekton-results';
import { ComponentChart } from './component-chart';

export interface TektonResultsChartProps {
  readonly target: string;
  readonly results: TektonResultsConfig;
}

/** Component `tekton-results`: the Results API server and watcher; synced after `tekton-config` (it needs the Tekton CRDs). */
export class TektonResultsChart extends ComponentChart {
  public static readonly COMPONENT = 'tekton-results';
  public readonly results: TektonResults;

  constructor(scope: Construct, id: string, props: TektonResultsChartProps) {
    super(scope, id, { target: props.target, component: TektonResultsChart.COMPONENT });
    this.results = new TektonResults(this, 'TektonResults', props.results);
  }
}
