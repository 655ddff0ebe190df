import { Construct } from 'constructs';
import * as scheduling from '../../imports/kcp-location-scheduling.kcp.io';
import { SyncWave, setSyncWave } from '../lib/argocd';
import type { MatchLabels } from '../lib/label-selector';

/** kcp creates a Location of this name (selecting every SyncTarget) in each workspace holding SyncTargets. */
export const KCP_DEFAULT_LOCATION = 'default';

export interface LocationProps {
  /** Never `default`: kcp owns that one. */
  readonly name: string;
  /** The Location's own labels, which Placements select it by. Not the SyncTargets' labels. */
  readonly labels: MatchLabels;
  /** SyncTarget labels that make a cluster part of this Location; at least one, so it never means "every cluster". */
  readonly instanceSelector: MatchLabels;
  /** @default - none */
  readonly description?: string;
}

/**
 * A set of SyncTargets in the compute workspace (scheduling.kcp.io/v1alpha1, kcp v0.11), chosen
 * by their labels, which Placements in other workspaces select by the Location's own labels.
 * @see https://github.com/kcp-dev/kcp/blob/v0.11.0/config/crds/scheduling.kcp.io_locations.yaml
 */
export class Location extends Construct {
  public readonly name: string;
  public readonly labels: MatchLabels;
  public readonly instanceSelector: MatchLabels;
  public readonly resource: scheduling.Location;

  constructor(scope: Construct, id: string, props: LocationProps) {
    super(scope, id);
    if (props.name === KCP_DEFAULT_LOCATION) {
      throw new Error(`location name "${KCP_DEFAULT_LOCATION}" is kcp's own Location (every SyncTarget of the workspace): choose another name`);
    }
    if (Object.keys(props.labels).length === 0) {
      throw new Error(`location "${props.name}" needs at least one label: Placements select Locations by label`);
    }
    if (Object.keys(props.instanceSelector).length === 0) {
      throw new Error(`location "${props.name}" needs an instanceSelector with at least one label: an empty one selects every SyncTarget`);
    }
    this.name = props.name;
    this.labels = { ...props.labels };
    this.instanceSelector = { ...props.instanceSelector };
    this.resource = new scheduling.Location(this, 'Resource', {
      metadata: { name: props.name, labels: { ...props.labels } },
      spec: {
        resource: {
          group: scheduling.LocationSpecResourceGroup.WORKLOAD_PERIOD_KCP_PERIOD_IO,
          resource: scheduling.LocationSpecResourceResource.SYNCTARGETS,
          version: scheduling.LocationSpecResourceVersion.V1ALPHA1,
        },
        instanceSelector: { matchLabels: { ...props.instanceSelector } },
        description: props.description,
      },
    });
    setSyncWave(this.resource, SyncWave.INSTALL);
  }
}
