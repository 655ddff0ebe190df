import { Construct } from 'constructs';
import * as apis from '../../imports/kcp-apibinding-apis.kcp.io';
import { SyncWave, setSyncWave } from '../lib/argocd';
import type { PermissionClaim } from './api-export';

export interface ApiBindingProps {
  /** @default - the export name */
  readonly name?: string;
  /** Workspace path of the export, e.g. root:pipeline-service:compute. */
  readonly exportPath: string;
  readonly exportName: string;
  /** Claims of the export, accepted here. @default [] */
  readonly acceptedClaims?: readonly PermissionClaim[];
}

/**
 * A consumer workspace's binding to our export (kcp v0.11 shape: `spec.reference.export.{path,name}`).
 * @see https://github.com/kcp-dev/kcp/blob/v0.11.0/config/crds/apis.kcp.io_apibindings.yaml
 */
export class ApiBinding extends Construct {
  public readonly name: string;
  public readonly resource: apis.ApiBinding;

  constructor(scope: Construct, id: string, props: ApiBindingProps) {
    super(scope, id);
    if (props.exportName === 'kubernetes') {
      throw new Error('api binding to "kubernetes": kcp creates that binding itself; bind our own export instead');
    }
    this.name = props.name ?? props.exportName;
    const claims = props.acceptedClaims ?? [];
    this.resource = new apis.ApiBinding(this, 'Resource', {
      metadata: { name: this.name },
      spec: {
        reference: { export: { path: props.exportPath, name: props.exportName } },
        permissionClaims:
          claims.length === 0
            ? undefined
            : claims.map((c) => ({ group: c.group, resource: c.resource, identityHash: c.identityHash, all: true, state: apis.ApiBindingSpecPermissionClaimsState.ACCEPTED })),
      },
    });
    setSyncWave(this.resource, SyncWave.INSTALL);
  }
}
