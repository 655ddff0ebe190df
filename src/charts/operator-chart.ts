import { Construct } from 'constructs';
import { OperatorConfig } from '../config';
import { InstallPlanApprover } from '../constructs/install-plan-approver';
import { OperatorSubscription } from '../constructs/operator-subscription';
import { TektonConfigAccess, TektonConfigAccessProps } from '../constructs/tekton-config-access';
import { ComponentChart } from './component-chart';

export interface OperatorChartProps {
  readonly target: string;
  readonly operator: OperatorConfig;
  /** Argo CD's access to TektonConfig. @default - OpenShift GitOps' namespace and application controller */
  readonly argocd?: TektonConfigAccessProps;
}

/** Component `operator`: the OLM install of OpenShift Pipelines, and Argo CD's access to TektonConfig. */
export class OperatorChart extends ComponentChart {
  public static readonly COMPONENT = 'operator';
  public readonly subscription: OperatorSubscription;
  public readonly access: TektonConfigAccess;
  /** Present only with Manual approval and `operator.installPlanApprover.enabled`. */
  public readonly approver?: InstallPlanApprover;

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
    // Config guarantees Manual approval, startingCSV and image whenever the approver is enabled.
    if (op.installPlanApprover.enabled && op.installPlanApproval === 'Manual' && op.startingCSV && op.installPlanApprover.image) {
      this.approver = new InstallPlanApprover(this, 'InstallPlanApprover', {
        namespace: op.namespace,
        subscriptionName: op.subscriptionName,
        csv: op.startingCSV,
        image: op.installPlanApprover.image,
      });
    }
  }
}
