import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { HealthCheck } from './health-checks';

export interface ArgoCdResourcePatchProps {
  /** Name of the ArgoCD resource. */
  readonly name: string;
  readonly namespace: string;
  readonly healthChecks: readonly HealthCheck[];
  /** `resource.exclusions` as Argo CD reads it: a YAML list in one string. */
  readonly resourceExclusions: string;
  /** @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * The settings as a merge patch of OpenShift GitOps' ArgoCD resource: its operator owns
 * argocd-cm and rewrites it from `spec.resourceHealthChecks` (one
 * `resource.customizations.health.<group>_<kind>` key each) and `spec.resourceExclusions`
 * (argoproj-labs/argocd-operator@v0.9.0:controllers/argocd/configmap.go; fields in
 * api/v1beta1/argocd_types.go, the CRD OpenShift GitOps 1.11 ships). A merge patch replaces
 * both fields whole. Applied once at bootstrap:
 * `kubectl patch argocd <name> -n <namespace> --type merge --patch-file argocd.patch.yaml`.
 */
export class ArgoCdResourcePatch extends Construct {
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: ArgoCdResourcePatchProps) {
    super(scope, id);
    this.resource = new ApiObject(this, 'Resource', {
      apiVersion: 'argoproj.io/v1beta1',
      kind: 'ArgoCD',
      metadata: { name: props.name, namespace: props.namespace, labels: { ...props.labels } },
      spec: {
        resourceHealthChecks: props.healthChecks.map((h) => ({ group: h.group, kind: h.kind, check: h.check })),
        resourceExclusions: props.resourceExclusions,
      },
    });
  }
}
