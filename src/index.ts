/**
 * pipeline-service-manifests: cdk8s constructs for the Pipeline Service (OpenShift Pipelines
 * operator, TektonConfig, Tekton Chains and Results, kcp syncer and workspaces, the
 * Pipelines-as-Code gateway), the charts that compose them per workload cluster, and the
 * environment config types they take.
 *
 * @packageDocumentation
 */

// L2 constructs: one Kubernetes/kcp concern each.
export * from './constructs/api-binding';
export * from './constructs/catalog-mirrors';
export * from './constructs/controller';
export * from './constructs/install-plan-approver';
export * from './constructs/kcp-dns-egress';
export * from './constructs/kcp-syncer';
export * from './constructs/location';
export * from './constructs/operator-subscription';
export * from './constructs/pac-github-app-secret';
export * from './constructs/pac-gateway';
export * from './constructs/placement';
export * from './constructs/restricted-namespace';
export * from './constructs/router-ingress-policy';
export * from './constructs/store-secret';
export * from './constructs/sync-target';
export * from './constructs/syncer-identity';
export * from './constructs/tekton-chains';
export * from './constructs/tekton-config';
export * from './constructs/tekton-config-access';
export * from './constructs/tekton-results';
export * from './constructs/tekton-results-roles';
export * from './constructs/webhook-proxy';
export type { PrunerSpecInput } from './lib/tekton-config-spec';

// L3: the charts (one Argo CD application each) and the cluster/environment compositions.
export * from './charts/component-chart';
export * from './charts/environment-app';
export * from './charts/kcp-binding-chart';
export * from './charts/kcp-compute-chart';
export * from './charts/kcp-syncer-chart';
export * from './charts/kcp-workspaces';
export * from './charts/operator-chart';
export * from './charts/pac-gateway-chart';
export * from './charts/tekton-chains-chart';
export * from './charts/tekton-config-chart';
export * from './charts/tekton-results-chart';
export * from './charts/webhook-proxy-chart';
export * from './charts/workload-cluster';

// The environment config: schemas (zod), their types and the file loader.
export * from './config';
