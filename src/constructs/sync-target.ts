import { Construct } from 'constructs';
import * as workload from '../../imports/kcp-synctarget-workload.kcp.io';
import { SyncWave, setSyncWave } from '../lib/argocd';
import { MAX_SYNC_TARGET_NAME } from '../lib/kcp-names';

export interface ExportReference {
  /** Workspace path of the APIExport. @default - the SyncTarget's own workspace */
  readonly path?: string;
  readonly export: string;
}

export interface SyncTargetProps {
  /** At most 37 characters, so that the kcp-dns id and syncer namespace fit 63 (see syncTargetNameFor). */
  readonly name: string;
  /** @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** APIExports whose schemas this cluster must serve: ours, and kcp's own `kubernetes`. */
  readonly supportedAPIExports: readonly ExportReference[];
}

/**
 * A workload cluster as kcp sees it (workload.kcp.io/v1alpha1). kcp gives it its UID, which
 * the syncer must be started with.
 * @see https://github.com/kcp-dev/kcp/blob/v0.11.0/config/crds/workload.kcp.io_synctargets.yaml
 */
export class SyncTarget extends Construct {
  public readonly name: string;
  public readonly resource: workload.SyncTarget;

  constructor(scope: Construct, id: string, props: SyncTargetProps) {
    super(scope, id);
    if (props.name.length > MAX_SYNC_TARGET_NAME) {
      throw new Error(`sync target name "${props.name}" has ${props.name.length} characters, more than ${MAX_SYNC_TARGET_NAME}: derive it with syncTargetNameFor(clusterName)`);
    }
    this.name = props.name;
    this.resource = new workload.SyncTarget(this, 'Resource', {
      metadata: { name: props.name, labels: { ...props.labels } },
      spec: { supportedApiExports: props.supportedAPIExports.map((e) => ({ path: e.path, export: e.export })) },
    });
    setSyncWave(this.resource, SyncWave.INSTALL);
  }
}
