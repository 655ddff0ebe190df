import { Construct } from 'constructs';
import { OperatorConfig } from '../config';
import { OperatorSubscription } from '../constructs/operator-subscription';
import { TektonConfigAccess, TektonConfigAccessProps } from '../constructs/tekton-config-access';
import { ComponentChart } from './component-chart';

export interface OperatorChartProps {
  readonly target: string;
  readonly operator: OperatorConfig;
  readonly argocd?: TektonConfigAccessProps;
}

/** Component `operator`: the OLM install of OpenShift Pipelines, and Argo CD's access to TektonConfig. */
export class OperatorChart extends ComponentChart {
  public static readonly COMPONENT = 'operator';
  public readonly subscription: OperatorSubscription;
  public readonly access: TektonConfigAccess;

  constructor(scope: Construct, id: string, props: OperatorChartProps) {
    super(scope, id, { target: props.target, component: OperatorChart.COMPONENT });
    const op = props.operator;
    this.subscription = new OperatorSubscription(this, 'Subscription', {
      name: op.subscriptionName,
      namespace: op.namespace,
      packageName: op.packageName,
      channel: op.channel,
      source: op.source,
      sourceNamespace: op.sourceNamespace,
      installPlanApproval: op.installPlanApproval,
      startingCSV: op.startingCSV,
      catalogSource: op.catalogSource,
      operatorGroupName: op.operatorGroup?.name,
    });
    this.access = new TektonConfigAccess(this, 'ArgoCdAccess', props.argocd);
  }
}
