import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { standardLabels } from '../lib/labels';

const COMPONENT_CHART = Symbol.for('pipeline-service-manifests.ComponentChart');

export interface ComponentChartProps {
  /** Where the objects go: a workload cluster or kcp workspace name (a folder under dist/<env>/). */
  readonly target: string;
  /** What they are: one Argo CD application each (a folder under dist/<env>/<target>/). */
  readonly component: string;
  /**
   * Nothing waits on this component: its Application takes the environment's last sync wave. For
   * objects whose health Argo CD cannot judge yet (a kcp-side Deployment shows no status until a
   * syncer reports one), so that no later wave stalls on them. @default false
   */
  readonly terminal?: boolean;
}

/**
 * One deployable unit: the objects of one component for one target, synthesized into
 * dist/<env>/<target>/<component>/ and synced by one Argo CD application.
 * Ordering between components is declared with `addDependency(otherChart)`.
 */
export class ComponentChart extends Chart {
  /**
   * Not `instanceof`: cdk8s's Chart overrides Symbol.hasInstance with Chart.isChart, which every
   * subclass inherits, so `x instanceof ComponentChart` is true for any Chart.
   */
  public static isComponentChart(x: unknown): x is ComponentChart {
    return typeof x === 'object' && x !== null && (x as { [COMPONENT_CHART]?: boolean })[COMPONENT_CHART] === true;
  }

  public readonly target: string;
  public readonly component: string;
  public readonly terminal: boolean;

  constructor(scope: Construct, id: string, props: ComponentChartProps) {
    // Object names are contracts (config, namespaces): never add cdk8s hash suffixes.
    super(scope, id, { labels: standardLabels(props.component), disableResourceNameHashes: true });
    this.target = props.target;
    this.component = props.component;
    this.terminal = props.terminal ?? false;
    Object.defineProperty(this, COMPONENT_CHART, { value: true });
  }
}
