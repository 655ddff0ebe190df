import { z } from 'zod';
import { argocdRetrySchema } from './argocd-sync';
import { clusterSchema } from './clusters';
import { kcpChecks, kcpSchema } from './kcp';
import { operatorSchema } from './operator';
import { pacGatewayChecks, pacGatewaySchema } from './pac-gateway';
import { serviceAccountChecks } from './service-account';
import { crossFieldCheck, dnsLabel, gitRepoUrl, uniqueBy } from './primitives';
import { tektonChainsSchema } from './tekton-chains';
import { tektonConfigSchema } from './tekton-config';
import { tektonResultsSchema } from './tekton-results';

function destinationKey(d: { server?: string; name?: string } | undefined): string | undefined {
  if (d?.server) return `server ${d.server}`;
  if (d?.name) return `cluster ${d.name}`;
  return undefined;
}

export const gitSchema = z.strictObject({
  /** The repository Argo CD reads `dist/` and `argocd/` from. */
  repoURL: gitRepoUrl,
  /** Branch, tag or commit Argo CD follows. */
  revision: z.string().min(1).default('main'),
});

export const argocdSchema = z.strictObject({
  namespace: dnsLabel.default('openshift-gitops'),
  /**
   * Name of the ArgoCD resource (OpenShift GitOps operator) running Argo CD in that namespace: its
   * health checks and exclusions are patched there once, for every environment it deploys.
   * OpenShift GitOps' default instance is openshift-gitops in openshift-gitops.
   */
  instance: dnsLabel.default('openshift-gitops'),
  /** ServiceAccount of Argo CD's application controller on the workload clusters. */
  applicationControllerServiceAccount: dnsLabel.default('openshift-gitops-argocd-application-controller'),
  /** Retry with backoff of every generated Application's automated sync. */
  retry: argocdRetrySchema.prefault({}),
});

export const environmentSchema = z
  .strictObject({
    /** Folder under dist/ and prefix of the Argo CD applications. */
    name: dnsLabel,
    git: gitSchema,
    argocd: argocdSchema.prefault({}),
    operator: operatorSchema.prefault({}),
    tektonConfig: tektonConfigSchema.prefault({}),
    /** Tekton Results as direct manifests on every workload cluster; absent: not installed. */
    tektonResults: tektonResultsSchema.optional(),
    /** Tekton Chains as direct manifests (then tektonConfig.chain.disabled must be true); absent: the operator runs Chains. */
    tektonChains: tektonChainsSchema.optional(),
    /** kcp integration (SyncTargets, syncers, APIExport); absent: no kcp output at all. */
    kcp: kcpSchema.optional(),
    /** Pipelines-as-Code gateway in a kcp workspace (needs kcp); absent: none. */
    pacGateway: pacGatewaySchema.optional(),
    // Checked on the list, so duplicates are reported even while other fields are wrong.
    clusters: z
      .array(clusterSchema)
      .min(1, { message: 'must list at least one workload cluster' })
      .check(
        z.superRefine(
          (clusters, ctx) => {
            uniqueBy(clusters, (c) => c?.name, 'name', ctx, []);
            uniqueBy(clusters, (c) => destinationKey(c?.destination), 'destination', ctx, []);
          },
          { when: (payload) => Array.isArray(payload.value) },
        ),
      ),
  })
  // Cross-section checks read typed values: they run once every field parsed.
  .check(
    crossFieldCheck<{ tektonChains?: unknown; tektonConfig: { chain: { disabled: boolean } } }>((env, ctx) => {
      if (env.tektonChains && !env.tektonConfig.chain.disabled) {
        ctx.addIssue({
          code: 'custom',
          path: ['tektonConfig', 'chain', 'disabled'],
          message: 'must be true when tektonChains is set: Chains runs as direct manifests, and the operator would run a second controller signing every run',
        });
      }
    }),
    crossFieldCheck(kcpChecks),
    crossFieldCheck(pacGatewayChecks),
    crossFieldCheck(serviceAccountChecks),
  );

/** What an environment module or a --config file holds: defaults may be left out. */
export type EnvironmentInput = z.input<typeof environmentSchema>;
/** A validated environment with every default filled in. */
export type EnvironmentConfig = z.output<typeof environmentSchema>;
