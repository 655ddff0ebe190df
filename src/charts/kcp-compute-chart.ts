import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  ClusterConfig,
  GLBC_SYNC_TARGET_LABEL,
  KCP_COMPUTE_TARGET,
  KCP_OWNED_EXPORT,
  KcpConfig,
  PAC_GATEWAY_LOCATION,
  computeWorkspacePath,
  isUnresolvedImage,
  locationLabels,
  syncTargetLabels,
} from '../config';
import { Location } from '../constructs/location';
import { SyncTarget } from '../constructs/sync-target';
import { SyncerIdentity } from '../constructs/syncer-identity';
import { SyncWave, setSyncWave } from '../lib/argocd';
import { syncTargetNameFor } from '../lib/kcp-names';
import { addWarning } from '../lib/warnings';
import { ComponentChart } from './component-chart';

export { GLBC_SYNC_TARGET_LABEL };

export interface KcpComputeChartProps {
  readonly kcp: KcpConfig;
  readonly clusters: readonly ClusterConfig[];
  /**
   * The cluster carrying the PaC gateway: its SyncTarget gets the label kcp-glbc looks for, and a
   * Location selecting exactly that SyncTarget is declared for the gateway's Placement. @default - none
   */
  readonly gatewayCluster?: string;
}

/**
 * Component `compute` of target `kcp-compute`: the compute workspace, holding one SyncTarget and
 * one syncer identity per workload cluster, the Locations consumers are placed on, and the RBAC
 * that lets the configured groups bind kcp's own `kubernetes` export. Never kcp's own objects
 * (the `kubernetes` APIExport and its local APIBinding, the `default` Location): kcp creates them
 * as soon as a SyncTarget exists (kcp-dev/kcp@v0.11.0:pkg/reconciler/workload/apiexportcreate).
 */
export class KcpComputeChart extends ComponentChart {
  public static readonly COMPONENT = 'compute';
  public readonly workspacePath: string;
  /** By cluster name. */
  public readonly syncTargets = new Map<string, SyncTarget>();
  public readonly identities = new Map<string, SyncerIdentity>();
  /** kcp.locations, by name. */
  public readonly locations = new Map<string, Location>();
  /** The Location of the PaC gateway's carrying cluster; undefined without a gateway. */
  public readonly gatewayLocation?: Location;
  public readonly bindRole: k8s.KubeClusterRole;

  constructor(scope: Construct, id: string, props: KcpComputeChartProps) {
    super(scope, id, { target: KCP_COMPUTE_TARGET, component: KcpComputeChart.COMPONENT });
    const { kcp } = props;
    this.workspacePath = computeWorkspacePath(kcp);

    for (const image of new Set([kcp.syncer.image, kcp.syncer.dnsImage ?? kcp.syncer.image])) {
      if (isUnresolvedImage(image)) {
        addWarning(this, `syncer image "${image}" carries the unresolved digest placeholder: every syncer stays at 0 replicas; set kcp.syncer.image (and dnsImage) to the release pinned by its real digest`);
      }
    }

    const kcpNamespace = kcp.syncer.kcpNamespace;
    // kcp creates `default` in every workspace; any other namespace is ours to create.
    if (kcpNamespace !== 'default') {
      setSyncWave(new k8s.KubeNamespace(this, 'SyncerNamespace', { metadata: { name: kcpNamespace } }), SyncWave.FOUNDATION);
    }
    // What `kubectl kcp workload sync` sets by default: the compute workspace's own `kubernetes` export
    // (kcp-dev/kcp@v0.11.0:pkg/cliplugins/workload/plugin/sync.go applySyncTarget).
    const supportedAPIExports = [{ path: this.workspacePath, export: KCP_OWNED_EXPORT }];
    for (const cluster of props.clusters) {
      const name = syncTargetNameFor(cluster.name);
      const c = new Construct(this, cluster.name);
      this.syncTargets.set(cluster.name, new SyncTarget(c, 'SyncTarget', { name, labels: syncTargetLabels(cluster, cluster.name === props.gatewayCluster), supportedAPIExports }));
      this.identities.set(cluster.name, new SyncerIdentity(c, 'SyncerIdentity', { syncTargetName: name, namespace: kcpNamespace }));
    }

    for (const l of kcp.locations) {
      this.locations.set(l.name, new Location(this, `Location-${l.name}`, { name: l.name, labels: locationLabels(l), instanceSelector: l.instanceSelector, description: l.description }));
    }

    // Consumers bind kcp's export from their own workspaces: `bind` on it, and on nothing else.
    const roleName = `apibinding:${KCP_OWNED_EXPORT}`;
    this.bindRole = new k8s.KubeClusterRole(this, 'BindRole', {
      metadata: { name: roleName },
      rules: [{ apiGroups: ['apis.kcp.io'], resources: ['apiexports'], resourceNames: [KCP_OWNED_EXPORT], verbs: ['bind'] }],
    });
    const bindBinding = new k8s.KubeClusterRoleBinding(this, 'BindRoleBinding', {
      metadata: { name: roleName },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
      subjects: kcp.bindGroups.map((g) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: g })),
    });
    setSyncWave(this.bindRole, SyncWave.ACCESS);
    setSyncWave(bindBinding, SyncWave.ACCESS);

    const carrier = props.gatewayCluster === undefined ? undefined : this.syncTargets.get(props.gatewayCluster);
    if (carrier) {
      // kcp's own Location `default` holds every SyncTarget: the gateway gets one holding only its cluster.
      this.gatewayLocation = new Location(this, 'PacGatewayLocation', {
        name: PAC_GATEWAY_LOCATION.name,
        labels: PAC_GATEWAY_LOCATION.labels,
        instanceSelector: { [GLBC_SYNC_TARGET_LABEL]: carrier.name },
        description: `the workload cluster that carries the Pipelines-as-Code gateway (${props.gatewayCluster})`,
      });
    }
  }
}
