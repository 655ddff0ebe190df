import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { SyncWave, setSyncWave } from '../lib/argocd';

/** Where OpenShift's cluster DNS runs: the DNS operator's CoreDNS DaemonSet pods in `openshift-dns`. */
export const OPENSHIFT_DNS = {
  namespace: 'openshift-dns',
  podLabels: { 'dns.operator.openshift.io/daemonset-dns': 'default' },
  /** The `dns-default` Service maps 53 to the pods' 5353; NetworkPolicies see the pod port after DNAT. */
  ports: [53, 5353],
} as const;

export interface KcpDnsEgressProps {
  /** The syncer namespace, where the syncer starts one kcp-dns Deployment per workspace. */
  readonly namespace: string;
  /** The syncer pods' `app` label value (the syncer id): the only other pods there, left unselected. */
  readonly syncerApp: string;
  /** @default 'kcp-dns-openshift-dns' */
  readonly name?: string;
}

/**
 * Lets the syncer's kcp-dns pods reach OpenShift's cluster DNS. kcp v0.11 gives each kcp-dns
 * Deployment a NetworkPolicy whose egress allows DNS only to `kube-system` (or pods labelled
 * `k8s-app: kube-dns` in its own namespace) and the API server
 * (kcp-dev/kcp@v0.11.0:pkg/syncer/spec/dns/networkpolicy_dns.yaml), so on OpenShift every name a
 * synced pod resolves times out (kcp-dev/kcp#2940). NetworkPolicies add up: this one allows the
 * missing egress. The kcp-dns pods are labelled `app: kcp-dns-<synctarget>-<uid hash>-<workspace
 * hash>` (pkg/syncer/spec/dns/resources.go MakeDeployment, shared/helpers.go GetDNSID), one per
 * workspace and not known in advance, so this selects every pod of the namespace with an `app`
 * label except the syncer's: selecting the syncer would cut its egress to kcp and its workload cluster.
 */
export class KcpDnsEgress extends Construct {
  public readonly resource: k8s.KubeNetworkPolicy;

  constructor(scope: Construct, id: string, props: KcpDnsEgressProps) {
    super(scope, id);
    const ports = OPENSHIFT_DNS.ports.flatMap((port) => (['UDP', 'TCP'] as const).map((protocol) => ({ protocol, port: k8s.IntOrString.fromNumber(port) })));
    this.resource = new k8s.KubeNetworkPolicy(this, 'Resource', {
      metadata: { name: props.name ?? 'kcp-dns-openshift-dns', namespace: props.namespace },
      spec: {
        podSelector: {
          matchExpressions: [
            { key: 'app', operator: 'Exists' },
            { key: 'app', operator: 'NotIn', values: [props.syncerApp] },
          ],
        },
        policyTypes: ['Egress'],
        egress: [
          {
            // One peer: namespace AND pod labels.
            to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': OPENSHIFT_DNS.namespace } }, podSelector: { matchLabels: { ...OPENSHIFT_DNS.podLabels } } }],
            ports,
          },
        ],
      },
    });
    // Before the syncer starts kcp-dns.
    setSyncWave(this.resource, SyncWave.ACCESS);
  }
}
