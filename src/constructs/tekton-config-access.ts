import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { SyncWave, setSyncWave } from '../lib/argocd';
import { declareExternalReference } from '../lib/external-references';

export interface TektonConfigAccessProps {
  /** Argo CD's namespace on the cluster. @default 'openshift-gitops' */
  readonly argocdNamespace?: string;
  /** @default 'openshift-gitops-argocd-application-controller' */
  readonly applicationControllerServiceAccount?: string;
  /** Who creates that ServiceAccount, for the external-reference record. @default - OpenShift GitOps */
  readonly createdBy?: string;
  /** ClusterRole and ClusterRoleBinding name. @default 'pipeline-service-argocd-tektonconfigs' */
  readonly name?: string;
}

/**
 * Lets the identity Argo CD uses on this cluster (its application controller in-cluster, the
 * cluster Secret's ServiceAccount on a remote cluster) manage TektonConfig, which OpenShift GitOps may not do
 * by default. Watch feeds Argo CD's cache; create because the operator no longer creates
 * `config` itself (AUTOINSTALL_COMPONENTS=false); no delete, since TektonConfig is never pruned.
 */
export class TektonConfigAccess extends Construct {
  public static readonly VERBS = ['get', 'list', 'watch', 'create', 'patch'] as const;
  public readonly clusterRole: k8s.KubeClusterRole;
  public readonly binding: k8s.KubeClusterRoleBinding;

  constructor(scope: Construct, id: string, props: TektonConfigAccessProps = {}) {
    super(scope, id);
    const name = props.name ?? 'pipeline-service-argocd-tektonconfigs';
    const serviceAccount = props.applicationControllerServiceAccount ?? 'openshift-gitops-argocd-application-controller';
    const argocdNamespace = props.argocdNamespace ?? 'openshift-gitops';
    this.clusterRole = new k8s.KubeClusterRole(this, 'Resource', {
      metadata: { name },
      rules: [{ apiGroups: ['operator.tekton.dev'], resources: ['tektonconfigs'], verbs: [...TektonConfigAccess.VERBS] }],
    });
    this.binding = new k8s.KubeClusterRoleBinding(this, 'Binding', {
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [
        {
          kind: 'ServiceAccount',
          name: serviceAccount,
          namespace: argocdNamespace,
        },
      ],
    });
    declareExternalReference(this, {
      kind: 'ServiceAccount',
      namespace: argocdNamespace,
      name: serviceAccount,
      reason: props.createdBy ?? 'OpenShift GitOps creates its application controller ServiceAccount',
    });
    setSyncWave(this.clusterRole, SyncWave.ACCESS);
    setSyncWave(this.binding, SyncWave.ACCESS);
  }
}
