import { Construct } from 'constructs';
import { KcpConfig, KcpConsumerConfig, computeWorkspacePath, kcpConsumerTarget } from '../config';
import { ApiBinding } from '../constructs/api-binding';
import { ComponentChart } from './component-chart';

export interface KcpBindingChartProps {
  readonly kcp: KcpConfig;
  readonly consumer: KcpConsumerConfig;
}

/** Component `api-binding` of target `kcp-<consumer>`: the consumer workspace's binding to our export. */
export class KcpBindingChart extends ComponentChart {
  public static readonly COMPONENT = 'api-binding';
  public readonly binding: ApiBinding;

  constructor(scope: Construct, id: string, props: KcpBindingChartProps) {
    super(scope, id, { target: kcpConsumerTarget(props.consumer.name), component: KcpBindingChart.COMPONENT });
    this.binding = new ApiBinding(this, 'ApiBinding', {
      exportPath: computeWorkspacePath(props.kcp),
      exportName: props.kcp.export.name,
      workspacePath: props.consumer.workspace,
      acceptedClaims: props.kcp.export.permissionClaims,
    });
  }
}
