import { Construct } from 'constructs';
import * as es from '../../imports/external-secrets-external-secrets.io';
import { SyncWave, addSyncOptions, setSyncWave } from '../lib/argocd';
import { StoreSecret, StoreSecretProps } from './store-secret';

/** The Secret Pipelines-as-Code reads (tektoncd/pipelines-as-code@v0.48.1: pkg/params/info/controller_info.go). */
export const PAC_SECRET_NAME = 'pipelines-as-code-secret';
/** Its keys: pkg/apis/pipelinesascode/keys/keys.go (app id, private key), pkg/secrets/secret.go (webhook secret). */
export const PAC_SECRET_KEYS = { applicationId: 'github-application-id', privateKey: 'github-private-key', webhookSecret: 'webhook.secret' } as const;

export interface PacGitHubAppSecretProps {
  /** Where PaC runs: TektonConfig's target namespace. */
  readonly namespace: string;
  /** The external-secrets store. */
  readonly storeRef: StoreSecretProps['storeRef'];
  /** Key of the app's credentials in the store. */
  readonly remoteKey: string;
  /** Property of `remoteKey` per value. @default - PaC's key names */
  readonly properties?: {
    /** @default 'github-application-id' */
    readonly applicationId?: string;
    /** @default 'github-private-key' */
    readonly privateKey?: string;
    /** @default 'webhook.secret' */
    readonly webhookSecret?: string;
  };
  /** @default '1h' */
  readonly refreshInterval?: string;
}

/**
 * The GitHub App credentials of Pipelines-as-Code as a StoreSecret (an ExternalSecret). The target namespace is created by the operator from
 * TektonConfig, hence the wave after it; external-secrets must run on the cluster (its CRD is
 * not ours to install, so the dry run is skipped until it exists).
 */
export class PacGitHubAppSecret extends Construct {
  public readonly resource: es.ExternalSecretV1Beta1;

  constructor(scope: Construct, id: string, props: PacGitHubAppSecretProps) {
    super(scope, id);
    this.resource = new StoreSecret(this, 'Resource', {
      name: PAC_SECRET_NAME,
      namespace: props.namespace,
      storeRef: props.storeRef,
      refreshInterval: props.refreshInterval,
      data: (Object.keys(PAC_SECRET_KEYS) as (keyof typeof PAC_SECRET_KEYS)[]).map((k) => ({
        secretKey: PAC_SECRET_KEYS[k],
        remoteKey: props.remoteKey,
        property: props.properties?.[k] ?? PAC_SECRET_KEYS[k],
      })),
    }).resource;
    setSyncWave(this.resource, SyncWave.CONFIGURED);
    addSyncOptions(this.resource, 'SkipDryRunOnMissingResource=true');
  }
}
