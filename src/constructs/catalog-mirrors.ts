import { Construct } from 'constructs';
import * as idms from '../../imports/openshift-idms-config.openshift.io';
import { SyncWave, setSyncWave } from '../lib/argocd';

export interface ImageMirror {
  /** Repository (or `*.host`) the images are referenced by. */
  readonly source: string;
  /** Repositories to pull them from instead, in order. */
  readonly mirrors: readonly string[];
  /** @default 'NeverContactSource' */
  readonly mirrorSourcePolicy?: 'AllowContactingSource' | 'NeverContactSource';
}

export interface CatalogMirrorsProps {
  /** Name of the ImageDigestMirrorSet (cluster-scoped): the CatalogSource's. */
  readonly name: string;
  readonly mirrors: readonly ImageMirror[];
}

/**
 * Where a pre-release operator's images are pulled from: its bundle references them at their
 * release location (registry.redhat.io) by digest, and the builds live elsewhere until released.
 * An ImageDigestMirrorSet (config.openshift.io/v1, OpenShift 4.13+) rather than the deprecated
 * ImageContentSourcePolicy. The Machine Config Operator writes it into every node's registries.conf,
 * so it goes in the first wave, before OLM pulls the index and the bundle.
 */
export class CatalogMirrors extends Construct {
  public readonly resource: idms.ImageDigestMirrorSet;

  constructor(scope: Construct, id: string, props: CatalogMirrorsProps) {
    super(scope, id);
    if (props.mirrors.length === 0) throw new Error('catalog mirrors: list at least one source');
    this.resource = new idms.ImageDigestMirrorSet(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        imageDigestMirrors: props.mirrors.map((m) => ({
          source: m.source,
          mirrors: [...m.mirrors],
          mirrorSourcePolicy:
            m.mirrorSourcePolicy === 'AllowContactingSource'
              ? idms.ImageDigestMirrorSetSpecImageDigestMirrorsMirrorSourcePolicy.ALLOW_CONTACTING_SOURCE
              : idms.ImageDigestMirrorSetSpecImageDigestMirrorsMirrorSourcePolicy.NEVER_CONTACT_SOURCE,
        })),
      },
    });
    setSyncWave(this.resource, SyncWave.FOUNDATION);
  }
}
