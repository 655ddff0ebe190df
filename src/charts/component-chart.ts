import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { standardLabels } from '../lib/labels';

export interface ComponentChartProps {
  /** Where the objects go: a workload cluster or kcp workspace name (a folder under dist/<env>/). */
  readonly target: string;
  /** What they are: one Argo CD application each (a folder under dist/<env>/<target>/). */
  readonly component: string;
}

/**
 * One deployable unit: the objects of one component for one target, synthesized into
 * dist/<env>/<target>/<component>/ and synced by one Argo CD application.
 * Ordering between components is declared with `addDependency(otherChart)`.
 */
export class ComponentChart extends Chart {
  public static isComponentChart(x: unknown): x is ComponentChart {
    return x instanceof ComponentChart;
  }

  public readonly target: string;
  public readonly component: string;

  constructor(scope: Construct, id: string, props: ComponentChartProps) {
    // Object names are contracts (config, namespaces): never add cdk8s hash suffixes.
    super(scope, id, { labels: standardLabels(props.component), disableResourceNameHashes: true });
    this.target = props.target;
    this.component = props.component;
  }
}
