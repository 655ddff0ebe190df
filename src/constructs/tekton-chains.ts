import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { TektonChainsConfig } from '../config';
import { SyncWave, setSyncWave } from '../lib/argocd';
import { Controller } from './controller';
import { RestrictedNamespace } from './restricted-namespace';

const NAME = 'tekton-chains-controller';
/** Chains reads its settings from this ConfigMap in its own namespace. */
export const CHAINS_CONFIG_NAME = 'chains-config';
const SIGNING_SECRETS_PATH = '/etc/signing-secrets';

export type TektonChainsProps = TektonChainsConfig;

/**
 * Tekton Chains run as direct manifests (when the operator does not run it): the controller
 * that signs finished TaskRuns and PipelineRuns and their images, its `chains-config`, and a
 * reference to the signing-key Secret, which is provided out of band, never created here.
 * @see https://github.com/tektoncd/chains/tree/main/config
 */
export class TektonChains extends Construct {
  public readonly namespace: RestrictedNamespace;
  public readonly controller: Controller;
  public readonly config: k8s.KubeConfigMap;

  constructor(scope: Construct, id: string, props: TektonChainsProps) {
    super(scope, id);
    const ns = props.namespace;
    this.namespace = new RestrictedNamespace(this, 'Namespace', { name: ns });
    const data: Record<string, string> = {};
    for (const [key, value] of Object.entries(props.settings)) if (value !== undefined) data[key] = String(value);
    this.config = new k8s.KubeConfigMap(this, 'Config', { metadata: { name: CHAINS_CONFIG_NAME, namespace: ns }, data });
    setSyncWave(this.config, SyncWave.ACCESS);

    this.controller = new Controller(this, 'Resource', {
      name: NAME,
      namespace: ns,
      image: props.image,
      replicas: props.replicas,
      resources: props.resources,
      env: [
        { name: 'SYSTEM_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
        { name: 'METRICS_DOMAIN', value: 'tekton.dev/chains' },
      ],
      ports: [{ name: 'metrics', containerPort: 9090 }],
      // Chains serves no health endpoint: the metrics listener shows the process is up.
      probes: { liveness: { port: 'metrics' }, readiness: { port: 'metrics' } },
      secretMounts: [{ name: 'signing-secrets', secretName: props.signingSecretName, mountPath: SIGNING_SECRETS_PATH }],
      clusterRules: [
        // Watch runs, and mark them signed through annotations.
        { apiGroups: ['tekton.dev'], resources: ['taskruns', 'pipelineruns'], verbs: ['get', 'list', 'watch', 'patch', 'update'] },
        // Registry credentials of the run's ServiceAccount, to push signatures and attestations.
        { apiGroups: [''], resources: ['serviceaccounts', 'secrets'], verbs: ['get'] },
        { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
      ],
      namespaceRules: [
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
      ],
    });
  }
}
