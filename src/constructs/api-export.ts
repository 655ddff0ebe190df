import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import * as apis from '../../imports/kcp-apiexport-apis.kcp.io';
import { SyncWave, setSyncWave } from '../lib/argocd';

/** kcp creates this export itself wherever a SyncTarget lives. */
const KCP_OWNED_EXPORT = 'kubernetes';

export interface PermissionClaim {
  /** '' for core. */
  readonly group: string;
  readonly resource: string;
  /** @default - none (built-in kinds) */
  readonly identityHash?: string;
}

export interface ApiExportProps {
  /** Never `kubernetes`: kcp owns that one. */
  readonly name: string;
  /** APIResourceSchema names (`<prefix>.<plural>.<group>`). */
  readonly latestResourceSchemas: readonly string[];
  /** @default [] */
  readonly permissionClaims?: readonly PermissionClaim[];
  /** Groups that may bind the export. @default ['system:authenticated'] */
  readonly bindGroups?: readonly string[];
}

/**
 * Our APIExport (apis.kcp.io/v1alpha1), through which consumer workspaces get the Tekton API,
 * and the RBAC that lets the configured groups bind it (`bind` on this export only).
 * @see https://github.com/kcp-dev/kcp/blob/v0.11.0/config/crds/apis.kcp.io_apiexports.yaml
 */
export class ApiExport extends Construct {
  public readonly name: string;
  public readonly resource: apis.ApiExport;
  public readonly bindRole: k8s.KubeClusterRole;

  constructor(scope: Construct, id: string, props: ApiExportProps) {
    super(scope, id);
    if (props.name === KCP_OWNED_EXPORT) {
      throw new Error(`api export name "${KCP_OWNED_EXPORT}" is kcp's own export: choose another name`);
    }
    if (props.latestResourceSchemas.length === 0) throw new Error(`api export "${props.name}" must list at least one resource schema`);
    this.name = props.name;
    const claims = props.permissionClaims ?? [];
    this.resource = new apis.ApiExport(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        latestResourceSchemas: [...props.latestResourceSchemas],
        permissionClaims: claims.length === 0 ? undefined : claims.map((c) => ({ group: c.group, resource: c.resource, identityHash: c.identityHash, all: true })),
      },
    });
    setSyncWave(this.resource, SyncWave.ACCESS);

    const roleName = `apibinding:${props.name}`;
    this.bindRole = new k8s.KubeClusterRole(this, 'BindRole', {
      metadata: { name: roleName },
      rules: [{ apiGroups: ['apis.kcp.io'], resources: ['apiexports'], resourceNames: [props.name], verbs: ['bind'] }],
    });
    const binding = new k8s.KubeClusterRoleBinding(this, 'BindRoleBinding', {
      metadata: { name: roleName },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
      subjects: (props.bindGroups ?? ['system:authenticated']).map((g) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: g })),
    });
    setSyncWave(this.bindRole, SyncWave.ACCESS);
    setSyncWave(binding, SyncWave.ACCESS);
  }
}
