import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import pacRepository from '../../imports/schemas/pac-repository.json';
import tektonPipeline from '../../imports/schemas/tekton-pipeline.json';
import tektonPipelineRun from '../../imports/schemas/tekton-pipelinerun.json';
import tektonTask from '../../imports/schemas/tekton-task.json';
import { ClusterConfig, EXPORTABLE_SCHEMAS, ExportableSchema, KCP_COMPUTE_TARGET, KCP_OWNED_EXPORT, KcpConfig, PAC_GATEWAY_LOCATION, computeWorkspacePath, exportedResources, isUnresolvedImage } from '../config';
import { ApiExport } from '../constructs/api-export';
import { ApiResourceSchema, CrdSchemaFile } from '../constructs/api-resource-schema';
import { Location } from '../constructs/location';
import { SyncTarget } from '../constructs/sync-target';
import { SyncerIdentity } from '../constructs/syncer-identity';
import { SyncWave, setSyncWave } from '../lib/argocd';
import { syncTargetNameFor } from '../lib/kcp-names';
import { addWarning } from '../lib/warnings';
import { ComponentChart } from './component-chart';

/** kcp-glbc finds the SyncTargets that may carry Ingress workloads by this label (value: the SyncTarget name). */
export const GLBC_SYNC_TARGET_LABEL = 'kuadrant.dev/synctarget';

/** The pinned CRD behind each exportable schema. */
const CRDS: Record<ExportableSchema, CrdSchemaFile> = {
  pipelineruns: tektonPipelineRun as unknown as CrdSchemaFile,
  pipelines: tektonPipeline as unknown as CrdSchemaFile,
  tasks: tektonTask as unknown as CrdSchemaFile,
  repositories: pacRepository as unknown as CrdSchemaFile,
};

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
 * one syncer identity per workload cluster, our APIExport with its schemas, and the bind RBAC.
 * Never kcp's own `kubernetes` APIExport / APIBinding or `default` Location.
 */
export class KcpComputeChart extends ComponentChart {
  public static readonly COMPONENT = 'compute';
  public readonly workspacePath: string;
  public readonly apiExport: ApiExport;
  public readonly schemas: readonly ApiResourceSchema[];
  /** By cluster name. */
  public readonly syncTargets = new Map<string, SyncTarget>();
  public readonly identities = new Map<string, SyncerIdentity>();
  /** The Location of the PaC gateway's carrying cluster; undefined without a gateway. */
  public readonly gatewayLocation?: Location;

  constructor(scope: Construct, id: string, props: KcpComputeChartProps) {
    super(scope, id, { target: KCP_COMPUTE_TARGET, component: KcpComputeChart.COMPONENT });
    const { kcp } = props;
    this.workspacePath = computeWorkspacePath(kcp);

    const exported = exportedResources(kcp.export.schemas);
    this.schemas = (Object.keys(EXPORTABLE_SCHEMAS) as ExportableSchema[])
      .filter((key) => exported.has(EXPORTABLE_SCHEMAS[key]))
      .map((key) => new ApiResourceSchema(this, `Schema-${key}`, { crd: CRDS[key] }));
    this.apiExport = new ApiExport(this, 'ApiExport', {
      name: kcp.export.name,
      latestResourceSchemas: this.schemas.map((s) => s.name),
      permissionClaims: kcp.export.permissionClaims,
      bindGroups: kcp.export.bindGroups,
    });

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
    const supportedAPIExports = [
      { path: this.workspacePath, export: kcp.export.name },
      { path: this.workspacePath, export: KCP_OWNED_EXPORT },
    ];
    for (const cluster of props.clusters) {
      const name = syncTargetNameFor(cluster.name);
      const c = new Construct(this, cluster.name);
      this.syncTargets.set(
        cluster.name,
        new SyncTarget(c, 'SyncTarget', {
          name,
          labels: { ...cluster.labels, ...cluster.kcp?.labels, ...(cluster.name === props.gatewayCluster ? { [GLBC_SYNC_TARGET_LABEL]: name } : {}) },
          supportedAPIExports,
        }),
      );
      this.identities.set(cluster.name, new SyncerIdentity(c, 'SyncerIdentity', { syncTargetName: name, namespace: kcpNamespace }));
    }

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
