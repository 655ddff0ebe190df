import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { SyncWave, setSyncWave } from '../lib/argocd';

/**
 * The namespace label OpenShift (4.7+, OpenShift SDN and OVN-Kubernetes) gives the traffic of its
 * Ingress Controller (the router), whether the router runs on the pod network or the host network
 * (OCP 4.7 release notes, "Network policy supports selecting host network Ingress Controllers";
 * the older `network.openshift.io/policy-group: ingress` is legacy).
 */
export const OPENSHIFT_ROUTER_NAMESPACE_LABELS = { 'policy-group.network.openshift.io/ingress': '' } as const;

export interface RouterIngressPolicyProps {
  readonly name: string;
  readonly namespace: string;
  /** The pods it isolates (a controller's selector labels). */
  readonly podSelector: Readonly<Record<string, string>>;
  /** The pods' container ports the router may reach (NetworkPolicies see the pod port, not the Service's). */
  readonly ports: readonly number[];
}

/**
 * An ingress NetworkPolicy that lets only OpenShift's router reach the selected pods, and only on
 * `ports`: every other ingress to them (other pods, other ports such as metrics) is refused. Kubelet
 * probes still pass: traffic from the pod's own node is always allowed (Kubernetes "Network
 * Policies"). Egress is left open (the pods reach routes outside the cluster).
 */
export class RouterIngressPolicy extends Construct {
  public readonly resource: k8s.KubeNetworkPolicy;

  constructor(scope: Construct, id: string, props: RouterIngressPolicyProps) {
    super(scope, id);
    if (props.ports.length === 0) throw new Error(`NetworkPolicy "${props.name}": needs at least one port (a rule without ports admits every port)`);
    this.resource = new k8s.KubeNetworkPolicy(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        podSelector: { matchLabels: { ...props.podSelector } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            // podSelector {} as well: a namespaceSelector alone does not match host-network pods,
            // where a HostNetwork router runs (OpenShift "About network policy").
            from: [{ namespaceSelector: { matchLabels: { ...OPENSHIFT_ROUTER_NAMESPACE_LABELS } }, podSelector: {} }],
            ports: props.ports.map((port) => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) })),
          },
        ],
      },
    });
    // With the namespace's other access objects, before the pods it isolates start.
    setSyncWave(this.resource, SyncWave.ACCESS);
  }
}
