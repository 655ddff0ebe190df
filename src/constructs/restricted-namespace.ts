import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { SyncWave, setSyncWave } from '../lib/argocd';

export interface RestrictedNamespaceProps {
  readonly name: string;
  /** Extra labels. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/** A Namespace whose pods must meet the `restricted` Pod Security Standard. */
export class RestrictedNamespace extends Construct {
  public readonly name: string;
  public readonly resource: k8s.KubeNamespace;

  constructor(scope: Construct, id: string, props: RestrictedNamespaceProps) {
    super(scope, id);
    this.name = props.name;
    this.resource = new k8s.KubeNamespace(this, 'Resource', {
      metadata: { name: props.name, labels: { ...props.labels, 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted' } },
    });
    setSyncWave(this.resource, SyncWave.FOUNDATION);
  }
}
