import { Construct } from 'constructs';
import * as es from '../../imports/external-secrets-external-secrets.io';

/** A value in an external-secrets.io store. */
export interface ExternalSecretSourceProps {
  readonly storeRef: { readonly name: string; readonly kind: 'SecretStore' | 'ClusterSecretStore' };
  readonly remoteKey: string;
  /** @default - the whole value at remoteKey */
  readonly property?: string;
  /** @default '1h' */
  readonly refreshInterval?: string;
}

export interface StoreSecretProps {
  /** Name of the ExternalSecret and of the Secret it materializes. */
  readonly name: string;
  readonly namespace: string;
  readonly storeRef: ExternalSecretSourceProps['storeRef'];
  /** One entry per key of the Secret: where its value is in the store. */
  readonly data: readonly { readonly secretKey: string; readonly remoteKey: string; readonly property?: string }[];
  /** @default '1h' */
  readonly refreshInterval?: string;
}

/**
 * A Secret materialized from an external-secrets.io store by an ExternalSecret: git holds the
 * store reference and the keys, never a value. The ExternalSecret owns the Secret (creation
 * policy Owner), so the Secret goes with it.
 */
export class StoreSecret extends Construct {
  public readonly resource: es.ExternalSecretV1Beta1;

  constructor(scope: Construct, id: string, props: StoreSecretProps) {
    super(scope, id);
    this.resource = new es.ExternalSecretV1Beta1(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        refreshInterval: props.refreshInterval ?? '1h',
        secretStoreRef: { name: props.storeRef.name, kind: props.storeRef.kind },
        target: { name: props.name, creationPolicy: es.ExternalSecretV1Beta1SpecTargetCreationPolicy.OWNER },
        data: props.data.map((d) => ({ secretKey: d.secretKey, remoteRef: { key: d.remoteKey, property: d.property } })),
      },
    });
  }
}
