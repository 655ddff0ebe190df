import { Construct } from 'constructs';
import * as apis from '../../imports/kcp-apibinding-apis.kcp.io';
import { SyncWave, addSyncOptions, setSyncWave } from '../lib/argocd';

/** A claim an APIBinding accepts. */
export interface PermissionClaim {
  /** '' for core. */
  readonly group: string;
  readonly resource: string;
  /** @default - none (built-in kinds) */
  readonly identityHash?: string;
}

/** The export kcp creates itself in every workspace that holds a SyncTarget (with a local binding of that name). */
export const KCP_COMPUTE_EXPORT = 'kubernetes';

export interface ApiBindingProps {
  /** @default - the export name */
  readonly name?: string;
  /** Workspace path of the export, e.g. root:pipeline-service:compute. */
  readonly exportPath: string;
  readonly exportName: string;
  /**
   * Workspace path this binding is declared in. Required to bind kcp's `kubernetes` export, so
   * that a binding inside the export's own (compute) workspace is refused.
   * @default - unknown
   */
  readonly workspacePath?: string;
  /** Claims of the export, accepted here. @default [] */
  readonly acceptedClaims?: readonly PermissionClaim[];
}

/**
 * A workspace's binding to an APIExport (kcp v0.11 shape: `spec.reference.export.{path,name}`):
 * a consumer's binding to the compute workspace's export, the gateway's to GLBC's, or a workspace's binding to the
 * compute workspace's `kubernetes` export (what `kubectl kcp bind compute` creates).
 * Never kcp's own `kubernetes` binding inside the compute workspace: kcp creates that one
 * wherever a SyncTarget lives, and declaring it in git would fight kcp.
 * Prune=false and Delete=false: deleting a binding makes kcp delete every object of the bound
 * kinds in the workspace (kcp-dev/kcp@v0.11.0:pkg/reconciler/apis/apibindingdeletion), the
 * users' PipelineRuns and Repositories included; removing one is a decision made by hand.
 * @see https://github.com/kcp-dev/kcp/blob/v0.11.0/config/crds/apis.kcp.io_apibindings.yaml
 */
export class ApiBinding extends Construct {
  public readonly name: string;
  public readonly resource: apis.ApiBinding;

  constructor(scope: Construct, id: string, props: ApiBindingProps) {
    super(scope, id);
    if (props.exportName === KCP_COMPUTE_EXPORT) {
      if (!props.exportPath || !props.workspacePath) {
        throw new Error(
          `api binding to "${KCP_COMPUTE_EXPORT}" needs exportPath and workspacePath: kcp creates the local binding to it in the compute workspace itself; bind it only from another workspace, naming both paths`,
        );
      }
      if (props.exportPath === props.workspacePath) {
        throw new Error(
          `api binding to "${KCP_COMPUTE_EXPORT}" declared in its own workspace ${props.workspacePath}: kcp creates that binding itself wherever SyncTargets live; declare it only in a workspace that consumes ${props.exportPath}`,
        );
      }
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
    addSyncOptions(this.resource, 'Prune=false', 'Delete=false');
  }
}
