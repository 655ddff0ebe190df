import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { SyncWave, setSyncWave } from '../lib/argocd';

export interface SyncerIdentityProps {
  /** The SyncTarget this identity may sync. */
  readonly syncTargetName: string;
  /** Name of the ServiceAccount, ClusterRole and ClusterRoleBinding. @default `kcp-syncer-<synctarget>` */
  readonly name?: string;
  /** kcp namespace of the ServiceAccount. @default 'default' */
  readonly namespace?: string;
}

/**
 * The syncer's identity in the compute workspace: a ServiceAccount, its token Secret (the token in
 * the syncer's kubeconfig comes from it) and what the syncer may do on its own SyncTarget.
 *
 * Named after the SyncTarget, not the UID-derived syncer id the plugin uses: these objects must
 * exist before kcp assigns the UID, and the token must not change when the UID becomes known.
 */
export class SyncerIdentity extends Construct {
  public readonly name: string;
  public readonly namespace: string;
  public readonly tokenSecretName: string;
  public readonly clusterRole: k8s.KubeClusterRole;

  constructor(scope: Construct, id: string, props: SyncerIdentityProps) {
    super(scope, id);
    const st = props.syncTargetName;
    this.name = props.name ?? `kcp-syncer-${st}`;
    this.namespace = props.namespace ?? 'default';
    this.tokenSecretName = `${this.name}-token`;
    const group = 'workload.kcp.io';
    const sa = new k8s.KubeServiceAccount(this, 'Resource', { metadata: { name: this.name, namespace: this.namespace } });
    const token = new k8s.KubeSecret(this, 'Token', {
      metadata: { name: this.tokenSecretName, namespace: this.namespace, annotations: { 'kubernetes.io/service-account.name': this.name } },
      type: 'kubernetes.io/service-account-token',
    });
    this.clusterRole = new k8s.KubeClusterRole(this, 'ClusterRole', {
      metadata: { name: this.name },
      rules: [
        { apiGroups: [group], resources: ['synctargets'], resourceNames: [st], verbs: ['sync'] },
        { apiGroups: [group], resources: ['synctargets'], resourceNames: [st], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [group], resources: ['synctargets/tunnel'], resourceNames: [st], verbs: ['get'] },
        { apiGroups: [group], resources: ['synctargets/status'], resourceNames: [st], verbs: ['update', 'patch'] },
        { apiGroups: ['apiresource.kcp.io'], resources: ['apiresourceimports'], verbs: ['get', 'create', 'update', 'delete', 'list', 'watch'] },
      ],
    });
    const binding = new k8s.KubeClusterRoleBinding(this, 'ClusterRoleBinding', {
      metadata: { name: this.name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: this.name },
      subjects: [{ kind: 'ServiceAccount', name: this.name, namespace: this.namespace }],
    });
    for (const o of [sa, token, this.clusterRole, binding]) setSyncWave(o, SyncWave.ACCESS);
  }
}
