import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { HealthCheck, healthKey } from './health-checks';

export interface ArgoCdConfigMapPatchProps {
  /** Argo CD's namespace. */
  readonly namespace: string;
  readonly healthChecks: readonly HealthCheck[];
  /** `resource.exclusions`: a YAML list in one string. */
  readonly resourceExclusions: string;
  /** @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * The same settings as an `argocd-cm` merge patch, for Argo CD installed without the operator
 * (`kubectl patch configmap argocd-cm -n <namespace> --type merge --patch-file argocd-cm.patch.yaml`):
 * argocd-cm belongs to the Argo CD install, not to git. Under OpenShift GitOps use the ArgoCD
 * resource patch instead: its operator would overwrite these keys.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/health/#custom-health-checks
 */
export class ArgoCdConfigMapPatch extends Construct {
  public readonly resource: k8s.KubeConfigMap;

  constructor(scope: Construct, id: string, props: ArgoCdConfigMapPatchProps) {
    super(scope, id);
    this.resource = new k8s.KubeConfigMap(this, 'Resource', {
      metadata: { name: 'argocd-cm', namespace: props.namespace, labels: { ...props.labels } },
      data: {
        ...Object.fromEntries(props.healthChecks.map((h) => [healthKey(h.group, h.kind), h.check])),
        'resource.exclusions': props.resourceExclusions,
      },
    });
  }
}
