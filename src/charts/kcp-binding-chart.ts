import { Construct } from 'constructs';
import { KCP_OWNED_EXPORT, KcpConfig, KcpConsumerConfig, computeWorkspacePath, kcpConsumerTarget, selectorString } from '../config';
import { ApiBinding } from '../constructs/api-binding';
import { Placement } from '../constructs/placement';
import { formatSelector } from '../lib/label-selector';
import { pluginApiBindingName, pluginPlacementName } from '../lib/kcp-names';
import { SyncWave, setSyncWave } from '../lib/argocd';
import { ComponentChart } from './component-chart';

export interface KcpBindingChartProps {
  readonly kcp: KcpConfig;
  readonly consumer: KcpConsumerConfig;
}

/**
 * Component `api-binding` of target `kcp-<consumer>`: what
 * `kubectl kcp bind compute <compute> --location-selectors=<sel> --namespace-selector=<sel>` creates
 * (kcp-dev/kcp@v0.11.0:pkg/cliplugins/bind/plugin/bind_compute.go): an APIBinding to the compute
 * workspace's `kubernetes` export and a Placement on its Locations, under the names the plugin
 * gives them, so objects the plugin created before are adopted, not duplicated.
 */
export class KcpBindingChart extends ComponentChart {
  public static readonly COMPONENT = 'api-binding';
  public readonly binding: ApiBinding;
  public readonly placement: Placement;
  /** The equivalent plugin command, for the README and messages. */
  public readonly command: string;

  constructor(scope: Construct, id: string, props: KcpBindingChartProps) {
    super(scope, id, { target: kcpConsumerTarget(props.consumer.name), component: KcpBindingChart.COMPONENT });
    const compute = computeWorkspacePath(props.kcp);
    const { consumer } = props;
    this.binding = new ApiBinding(this, 'ApiBinding', {
      name: pluginApiBindingName(compute, KCP_OWNED_EXPORT),
      exportPath: compute,
      exportName: KCP_OWNED_EXPORT,
      workspacePath: consumer.workspace,
    });
    // The plugin binds first and places once the binding is ready.
    setSyncWave(this.binding.resource, SyncWave.ACCESS);
    const nsSelector = selectorString(consumer.namespaceSelector);
    const locSelector = formatSelector(consumer.locationSelector);
    this.placement = new Placement(this, 'Placement', {
      name: pluginPlacementName(nsSelector, [locSelector], compute),
      locationWorkspace: compute,
      locationSelectors: [consumer.locationSelector],
      namespaceSelector: consumer.namespaceSelector.matchLabels,
      namespaceExpressions: consumer.namespaceSelector.matchExpressions,
    });
    setSyncWave(this.placement.resource, SyncWave.INSTALL);
    this.command = `kubectl kcp bind compute ${compute} --apiexports=${compute}:${KCP_OWNED_EXPORT} --location-selectors='${locSelector}' --namespace-selector='${nsSelector}'`;
  }
}
