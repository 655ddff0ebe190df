import { Construct } from 'constructs';
import * as scheduling from '../../imports/kcp-placement-scheduling.kcp.io';
import { SyncWave, setSyncWave } from '../lib/argocd';
import type { MatchLabels } from '../lib/label-selector';

export interface PlacementProps {
  readonly name: string;
  /** Absolute path of the workspace holding the Locations (the compute workspace). */
  readonly locationWorkspace: string;
  /** Label selectors on Locations, ORed; each needs at least one label, so kcp never picks a random Location. */
  readonly locationSelectors: readonly MatchLabels[];
  /** Namespaces placed by this Placement. @default {} (every namespace of the workspace) */
  readonly namespaceSelector?: MatchLabels;
  /** Set-based requirements on namespace labels, ANDed with namespaceSelector. @default [] */
  readonly namespaceExpressions?: readonly NamespaceExpression[];
}

export interface NamespaceExpression {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  /** @default [] */
  readonly values?: readonly string[];
}

/**
 * Binds namespaces of this workspace to ONE Location of the compute workspace (scheduling.kcp.io/v1alpha1,
 * kcp v0.11): kcp then labels the namespace and its objects `state.workload.kcp.io/<synctarget key>=Sync`
 * for one SyncTarget of that Location, and that cluster's syncer carries them. What `kubectl kcp bind compute`
 * creates (kcp-dev/kcp@v0.11.0:pkg/cliplugins/bind/plugin/bind_compute.go applyPlacement), with selectors
 * instead of "any Location". Without one, no namespace of the workspace is scheduled
 * (pkg/reconciler/workload/namespace). Once Bound, kcp ignores spec changes.
 * @see https://github.com/kcp-dev/kcp/blob/v0.11.0/config/crds/scheduling.kcp.io_placements.yaml
 */
export class Placement extends Construct {
  public readonly name: string;
  public readonly locationSelectors: readonly MatchLabels[];
  public readonly namespaceSelector: MatchLabels;
  public readonly namespaceExpressions: readonly NamespaceExpression[];
  public readonly resource: scheduling.Placement;

  constructor(scope: Construct, id: string, props: PlacementProps) {
    super(scope, id);
    if (props.locationSelectors.length === 0 || props.locationSelectors.some((s) => Object.keys(s).length === 0)) {
      throw new Error(`placement "${props.name}": every location selector needs at least one label; an empty one lets kcp pick any Location of ${props.locationWorkspace}`);
    }
    this.name = props.name;
    this.locationSelectors = props.locationSelectors.map((s) => ({ ...s }));
    this.namespaceSelector = { ...props.namespaceSelector };
    this.namespaceExpressions = (props.namespaceExpressions ?? []).map((e) => ({ ...e, values: [...(e.values ?? [])] }));
    const hasLabels = Object.keys(this.namespaceSelector).length > 0;
    const hasExpressions = this.namespaceExpressions.length > 0;
    this.resource = new scheduling.Placement(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        locationWorkspace: props.locationWorkspace,
        locationResource: {
          group: scheduling.PlacementSpecLocationResourceGroup.WORKLOAD_PERIOD_KCP_PERIOD_IO,
          resource: scheduling.PlacementSpecLocationResourceResource.SYNCTARGETS,
          version: scheduling.PlacementSpecLocationResourceVersion.V1ALPHA1,
        },
        locationSelectors: this.locationSelectors.map((s) => ({ matchLabels: { ...s } })),
        // As metav1.ParseToLabelSelector gives it to bind_compute.go: empty fields left out ({} = every namespace).
        namespaceSelector: {
          matchLabels: hasLabels ? { ...this.namespaceSelector } : undefined,
          matchExpressions: hasExpressions
            ? this.namespaceExpressions.map((e) => ({ key: e.key, operator: e.operator, values: e.values && e.values.length > 0 ? [...e.values] : undefined }))
            : undefined,
        },
      },
    });
    // Before the namespace's workloads, so they are scheduled from their first sync.
    setSyncWave(this.resource, SyncWave.FOUNDATION);
  }
}
