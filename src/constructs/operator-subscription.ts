import { Construct } from 'constructs';
import * as olmCatalog from '../../imports/olm-catalogsource-operators.coreos.com';
import * as olmGroup from '../../imports/olm-operatorgroup-operators.coreos.com';
import * as olm from '../../imports/olm-subscription-operators.coreos.com';
import { k8s } from 'cdk8s-plus-27';
import { SyncWave, setSyncWave } from '../lib/argocd';
import { CatalogMirrors, ImageMirror } from './catalog-mirrors';

export interface CatalogSourceProps {
  readonly name: string;
  /** Index image, pinned by digest. */
  readonly image: string;
  readonly displayName: string;
  readonly publisher: string;
  /** How often OLM polls the image for a new index (Go duration). */
  readonly pollInterval: string;
  /** Where the index's pre-release images are pulled from (an ImageDigestMirrorSet named like the catalog). @default - none */
  readonly mirrors?: readonly ImageMirror[];
}

export interface OperatorSubscriptionProps {
  /** Subscription object name. @default 'openshift-pipelines-operator' */
  readonly name?: string;
  /** @default 'openshift-operators' */
  readonly namespace?: string;
  /** OLM package. @default 'openshift-pipelines-operator-rh' */
  readonly packageName?: string;
  /** @default 'latest' */
  readonly channel?: string;
  /** @default 'redhat-operators' */
  readonly source?: string;
  /** @default 'openshift-marketplace' */
  readonly sourceNamespace?: string;
  /** @default 'Automatic' */
  readonly installPlanApproval?: 'Automatic' | 'Manual';
  /** @default - the channel head */
  readonly startingCSV?: string;
  /** A CatalogSource of our own, created in `sourceNamespace`; `source` must name it. @default - none */
  readonly catalogSource?: CatalogSourceProps;
  /**
   * OperatorGroup (and Namespace) to create, for an install outside openshift-operators.
   * @default - none: openshift-operators has OpenShift's global OperatorGroup
   */
  readonly operatorGroupName?: string;
}

/**
 * The OpenShift Pipelines operator installed through OLM.
 *
 * The operator runs with AUTOINSTALL_COMPONENTS=false, so it does not create its own
 * TektonConfig `config`, which would race the one Argo CD applies from git.
 * @see https://olm.operatorframework.io/docs/concepts/crds/subscription/
 */
export class OperatorSubscription extends Construct {
  public readonly name: string;
  public readonly namespace: string;
  public readonly subscription: olm.Subscription;
  public readonly catalogSource?: olmCatalog.CatalogSource;
  /** Present when the catalog names mirrors. */
  public readonly mirrors?: CatalogMirrors;
  public readonly operatorGroup?: olmGroup.OperatorGroup;

  constructor(scope: Construct, id: string, props: OperatorSubscriptionProps = {}) {
    super(scope, id);
    this.name = props.name ?? 'openshift-pipelines-operator';
    this.namespace = props.namespace ?? 'openshift-operators';
    const source = props.source ?? 'redhat-operators';
    const sourceNamespace = props.sourceNamespace ?? 'openshift-marketplace';

    if (props.catalogSource && props.catalogSource.name !== source) {
      throw new Error(`operator subscription source "${source}" must name the custom CatalogSource "${props.catalogSource.name}"`);
    }

    if (props.catalogSource) {
      const cs = props.catalogSource;
      this.catalogSource = new olmCatalog.CatalogSource(this, 'CatalogSource', {
        metadata: { name: cs.name, namespace: sourceNamespace },
        spec: {
          sourceType: 'grpc',
          image: cs.image,
          displayName: cs.displayName,
          publisher: cs.publisher,
          updateStrategy: { registryPoll: { interval: cs.pollInterval } },
          grpcPodConfig: { securityContextConfig: olmCatalog.CatalogSourceSpecGrpcPodConfigSecurityContextConfig.RESTRICTED },
        },
      });
      setSyncWave(this.catalogSource, SyncWave.FOUNDATION);
      if (cs.mirrors) this.mirrors = new CatalogMirrors(this, 'Mirrors', { name: cs.name, mirrors: cs.mirrors });
    }

    if (props.operatorGroupName) {
      const ns = new k8s.KubeNamespace(this, 'Namespace', { metadata: { name: this.namespace } });
      setSyncWave(ns, SyncWave.FOUNDATION);
      this.operatorGroup = new olmGroup.OperatorGroup(this, 'OperatorGroup', {
        metadata: { name: props.operatorGroupName, namespace: this.namespace },
        // No targetNamespaces: the operator supports the AllNamespaces install mode only.
        spec: { upgradeStrategy: olmGroup.OperatorGroupSpecUpgradeStrategy.DEFAULT },
      });
      setSyncWave(this.operatorGroup, SyncWave.ACCESS);
    }

    this.subscription = new olm.Subscription(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace },
      spec: {
        name: props.packageName ?? 'openshift-pipelines-operator-rh',
        channel: props.channel ?? 'latest',
        source,
        sourceNamespace,
        installPlanApproval: props.installPlanApproval ?? 'Automatic',
        startingCsv: props.startingCSV,
        config: { env: [{ name: 'AUTOINSTALL_COMPONENTS', value: 'false' }] },
      },
    });
    setSyncWave(this.subscription, SyncWave.INSTALL);
  }
}
