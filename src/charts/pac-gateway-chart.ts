import { Construct } from 'constructs';
import { KcpConfig, PAC_GATEWAY_LOCATION, PacGatewayConfig, computeWorkspacePath, isUnresolvedIdentityHash, pacGatewayTarget, pacGatewayWorkspacePath } from '../config';
import { PacGateway } from '../constructs/pac-gateway';
import { addWarning } from '../lib/warnings';
import { ComponentChart } from './component-chart';

export interface PacGatewayChartProps {
  readonly gateway: PacGatewayConfig;
  readonly kcp: KcpConfig;
}

/**
 * Component `pac-gateway` of target `kcp-<workspace>`: the PaC gateway, bound to the compute
 * workspace and placed on the Location the compute chart declares for the carrying cluster. The APIBinding to the
 * GLBC export is left out (with a warning) while an identity hash is still unresolved: a
 * binding with a wrong hash would claim nothing GLBC serves.
 */
export class PacGatewayChart extends ComponentChart {
  public static readonly COMPONENT = 'pac-gateway';
  public readonly gateway: PacGateway;

  constructor(scope: Construct, id: string, props: PacGatewayChartProps) {
    const gw = props.gateway;
    // kcp shows the gateway Deployment no status until the carrier's syncer reports one (never while
    // its UID or image is unresolved): no other Application may wait on this one's health.
    super(scope, id, { target: pacGatewayTarget(gw.workspace), component: PacGatewayChart.COMPONENT, terminal: true });
    const unresolved = gw.glbc.permissionClaims.filter((c) => isUnresolvedIdentityHash(c.identityHash));
    if (unresolved.length > 0) {
      addWarning(
        this,
        `pacGateway.glbc.permissionClaims: identityHash of ${unresolved.map((c) => (c.group ? `${c.resource}.${c.group}` : c.resource)).join(', ')} is unresolved, so the APIBinding to the GLBC export is not written and GLBC does not serve the gateway Ingress; set each to the identityHash of the export providing it (kubectl get apiexport <name> -o jsonpath='{.status.identityHash}')`,
      );
    }
    this.gateway = new PacGateway(this, 'PacGateway', {
      namespace: gw.namespace,
      host: gw.host,
      image: gw.image,
      pac: gw.pac,
      cluster: gw.cluster,
      replicas: gw.replicas,
      resources: gw.resources,
      runAsUser: gw.runAsUser,
      compute: {
        workspacePath: pacGatewayWorkspacePath(props.kcp, gw),
        computeWorkspacePath: computeWorkspacePath(props.kcp),
        locationLabels: PAC_GATEWAY_LOCATION.labels,
      },
      glbc:
        unresolved.length > 0
          ? undefined
          : { name: gw.glbc.bindingName, exportPath: gw.glbc.exportPath, exportName: gw.glbc.exportName, permissionClaims: gw.glbc.permissionClaims },
    });
  }
}
