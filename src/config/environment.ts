import { z } from 'zod';
import { argocdRetrySchema } from './argocd-sync';
import { clusterSchema, destinationKey } from './clusters';
import { designChecks, kcpDesign } from './design';
import { githubAppSchema } from './github-app';
import { KcpConfig, kcpChecks, kcpSchema } from './kcp';
import { operatorSchema } from './operator';
import { pacGatewayChecks, pacGatewaySchema } from './pac-gateway';
import { webhookProxyChecks, webhookProxySchema } from './webhook-proxy';
import { applicationNameChecks } from './argocd-names';
import { serviceAccountChecks } from './service-account';
import { crossFieldCheck, dnsLabel, gitRepoUrl, gitRevision, text, uniqueBy } from './primitives';
import { tektonChainsSchema } from './tekton-chains';
import { tektonConfigSchema } from './tekton-config';
import { tektonResultsSchema } from './tekton-results';
import { resolveKcpSyncerImage, resolveTrain, trainChecks, unknownTrainMessage } from './train';
import { TRAIN_NAMES } from '../trains';

/** This project's repository: where the shipped environments' `dist/` and `argocd/` live. */
export const DEFAULT_REPO_URL = 'https://github.com/openshift-pipelines/pipeline-service-manifests.git';

export const gitSchema = z.strictObject({
  /** The repository Argo CD reads `dist/` and `argocd/` from. @default DEFAULT_REPO_URL */
  repoURL: gitRepoUrl.default(DEFAULT_REPO_URL),
  /** Branch, tag or commit Argo CD follows. */
  revision: gitRevision.default('main'),
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
  /**
   * `app-of-apps`: one child Application per (target, component) in argocd/<env>/apps/.
   * `applicationset`: one ApplicationSet per component, its git files generator reading one
   * parameter file per target from argocd/<env>/targets/ (README "Argo CD at fleet scale").
   */
  mode: z.enum(['app-of-apps', 'applicationset']).default('app-of-apps'),
});

/** The fields and their checks, before the train fills in what the file leaves open. */
const environmentFields = z
  .strictObject({
    /** Folder under dist/ and prefix of the Argo CD applications. */
    name: dnsLabel,
    /** Release train (src/trains/): the version set this environment deploys. */
    train: text(63)
      .refine((t) => TRAIN_NAMES.includes(t), { error: (iss) => unknownTrainMessage(iss.input) })
      .meta({ enum: TRAIN_NAMES }),
    git: gitSchema.prefault({}),
    argocd: argocdSchema.prefault({}),
    operator: operatorSchema.prefault({}),
    tektonConfig: tektonConfigSchema.prefault({}),
    /** Tekton Results as direct manifests on every workload cluster; absent: not installed. */
    tektonResults: tektonResultsSchema.optional(),
    /** Tekton Chains as direct manifests (then tektonConfig.chain.disabled must be true where the train has it); absent: the operator's. */
    tektonChains: tektonChainsSchema.optional(),
    /** kcp integration (SyncTargets, syncers, APIExport); absent: no kcp output at all. */
    kcp: kcpSchema.optional(),
    /** Pipelines-as-Code gateway in a kcp workspace (needs kcp); absent: none. */
    pacGateway: pacGatewaySchema.optional(),
    /** SprayProxy fanning each PaC webhook out to every cluster (successor design, no kcp; README "Webhook fan-out"); absent: none. */
    webhookProxy: webhookProxySchema.optional(),
    /** The GitHub App PaC acts as, its Secret from an external store (successor design); absent: none. */
    githubApp: githubAppSchema.optional(),
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
    crossFieldCheck(designChecks),
    crossFieldCheck(trainChecks),
    crossFieldCheck(kcpDesign(kcpChecks)),
    crossFieldCheck(kcpDesign(pacGatewayChecks)),
    crossFieldCheck(webhookProxyChecks),
    crossFieldCheck(applicationNameChecks),
    crossFieldCheck(serviceAccountChecks),
  );

/** A validated environment with every default filled in, the train's included. */
export interface EnvironmentConfig extends Omit<z.output<typeof environmentFields>, 'kcp'> {
  /** kcp integration (SyncTargets, syncers, APIExport); absent: no kcp output at all. */
  readonly kcp?: KcpConfig;
}

export const environmentSchema = environmentFields
  // The train decides what the config leaves open (channel, TektonConfig defaults, Results release, syncer image).
  .transform((env): EnvironmentConfig => resolveKcpSyncerImage(resolveTrain(env)));

/** What an environment file (environments/<name>.yaml, or a --config file) holds: defaults may be left out. */
export type EnvironmentInput = z.input<typeof environmentSchema>;
