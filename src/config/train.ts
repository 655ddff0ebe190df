import type { z } from 'zod';
import type { KcpConfig, ParsedKcpConfig } from './kcp';
import { operatorResultSpec } from '../lib/tekton-results-spec';
import { tektonConfigSpec } from '../lib/tekton-config-spec';
import { RESULTS_RELEASES, ReleaseTrain, ResultsRelease, TRAINS, TRAIN_NAMES, imageRef } from '../trains';
import type { GitHubAppConfig } from './github-app';
import { parseGoDuration } from './grammar/go-duration';
import { quote } from './grammar/text';
import { pacKeyProblem } from './pipelines-as-code';
import type { TektonChainsConfig } from './tekton-chains';
import { DEFAULT_PRUNER_KEEP, DEFAULT_PRUNER_SCHEDULE, PrunerConfig, TektonConfigSettings, chainSettingsSchema, tektonConfigSchema } from './tekton-config';
import type { TektonResultsConfig } from './tekton-results';

type Path = (string | number)[];

/** What the train checks read of a parsed environment. */
export interface TrainedEnvironment {
  readonly train: string;
  readonly operator: { readonly channel?: string };
  readonly tektonConfig: TektonConfigSettings;
  readonly tektonResults?: TektonResultsConfig;
  readonly tektonChains?: TektonChainsConfig;
  readonly githubApp?: GitHubAppConfig;
}

export function trainOf(name: string): ReleaseTrain {
  const train = TRAINS[name];
  if (!train) throw new Error(`unknown train "${name}"`);
  return train;
}

export const unknownTrainMessage = (name: unknown) => `unknown train ${JSON.stringify(name)}: use one of ${TRAIN_NAMES.join(', ')} (src/trains/)`;

/** The pruner the train prescribes where the config leaves it open. */
function resolvePruner(train: ReleaseTrain, p: PrunerConfig): PrunerConfig {
  if (train.pruning.operatorPruner === 'off') return p.disabled === undefined && !p.resources && !p.keep && !p.keepSinceMinutes && !p.schedule ? { disabled: true } : p;
  if (p.disabled) return p;
  return {
    ...p,
    resources: p.resources ?? ['taskrun'],
    keep: p.keep ?? (p.keepSinceMinutes === undefined ? DEFAULT_PRUNER_KEEP : undefined),
    schedule: p.schedule ?? DEFAULT_PRUNER_SCHEDULE,
  };
}

/** What Pipeline Service ran (redhat-appstudio/infra-deployments components/pipeline-service: `-completed_run_grace_period 10m`). */
export const DEFAULT_COMPLETED_RUN_GRACE_PERIOD = '10m';

function resultsRelease(train: ReleaseTrain, r: TektonResultsConfig): ResultsRelease | undefined {
  return RESULTS_RELEASES[r.version ?? train.results.versions[0]];
}

/** The train's params by name under the environment's (same name: the environment's value), then the environment's others. */
function resolveParams(train: ReleaseTrain, params: TektonConfigSettings['params']): TektonConfigSettings['params'] {
  const own = new Map(params.map((p) => [p.name, p]));
  const defaults = train.defaults.params.map((d) => own.get(d.name) ?? d);
  return [...defaults, ...params.filter((p) => !train.defaults.params.some((d) => d.name === p.name))];
}

/** Chains through TektonConfig: the train's settings under the environment's while it runs; none where the train's operator has no `chain`. */
function resolveChain(train: ReleaseTrain, chain: TektonConfigSettings['chain']): TektonConfigSettings['chain'] {
  if (train.chains.managedBy !== 'operator-config') return chain;
  const c = chain ?? { disabled: false, settings: {} };
  // Parsed again: the keys in the schema's order, whichever side they come from.
  return c.disabled ? c : { ...c, settings: chainSettingsSchema.parse({ ...train.defaults.chainSettings, ...c.settings }) };
}

/**
 * The TektonConfig the train completes: its pipeline keys and params under the environment's,
 * its pruner and chain, Triggers and profile, PaC's application name (the GitHub App's).
 */
function resolveTektonConfig(train: ReleaseTrain, tc: TektonConfigSettings, githubApp: GitHubAppConfig | undefined): TektonConfigSettings {
  const trigger = tc.trigger.disabled === undefined && train.design.triggers === 'off' ? { disabled: true } : tc.trigger;
  const pacSettings = tc.pipelinesAsCode.settings;
  const appName = githubApp && pacSettings['application-name'] === undefined ? { 'application-name': githubApp.name } : {};
  const resolved: Record<string, unknown> = {
    ...tc,
    // Profile all on OpenShift waits for Triggers in its TektonAddon: without them, lite (see trainChecks).
    profile: tc.profile ?? (trigger.disabled ? 'lite' : 'all'),
    pipeline: { ...train.defaults.pipeline, ...tc.pipeline },
    pruner: resolvePruner(train, tc.pruner),
    chain: resolveChain(train, tc.chain),
    trigger,
    pipelinesAsCode: { ...tc.pipelinesAsCode, settings: { ...pacSettings, ...appName } },
    params: resolveParams(train, tc.params),
  };
  // In the schema's key order, whether the environment wrote the section or the train added it (`npm run config`).
  return Object.fromEntries(Object.keys(tektonConfigSchema.shape).flatMap((k) => (resolved[k] === undefined ? [] : [[k, resolved[k]]]))) as TektonConfigSettings;
}

/**
 * Fills in what the train decides: channel, TektonConfig (pipeline, params, pruner, chain,
 * Triggers and profile, PaC's application name), the Results release and its images.
 */
export function resolveTrain<T extends TrainedEnvironment>(env: T): T {
  const train = trainOf(env.train);
  let results = env.tektonResults;
  const release = results && resultsRelease(train, results);
  if (results && release) {
    const grace = results.watcher.completedRunGracePeriod ?? (train.pruning.resultsRetention ? DEFAULT_COMPLETED_RUN_GRACE_PERIOD : undefined);
    results = {
      ...results,
      watcher: { ...results.watcher, completedRunGracePeriod: grace },
      version: release.version,
      images:
        train.results.managedBy === 'manifests' ? (results.images ?? { api: imageRef(release.images.api), watcher: imageRef(release.images.watcher) }) : results.images,
    };
  }
  return {
    ...env,
    operator: { ...env.operator, channel: env.operator.channel ?? train.channels[0] },
    tektonConfig: resolveTektonConfig(train, env.tektonConfig, env.githubApp),
    tektonResults: results,
  };
}

/** kcp.syncer.image where the environment leaves it open: the train's `kcp-syncer` image (phase-1: kcp v0.11.0's). */
export function resolveKcpSyncerImage<E extends { readonly train: string; readonly kcp?: ParsedKcpConfig }>(env: E): Omit<E, 'kcp'> & { readonly kcp?: KcpConfig } {
  const kcp = env.kcp;
  if (!kcp) return env as Omit<E, 'kcp'>;
  const { image, ...syncer } = kcp.syncer;
  const pinned = trainOf(env.train).images['kcp-syncer'];
  // trainChecks refuses kcp on a train without it; a train with kcp pins its syncer.
  if (!image && !pinned) throw new Error(`train ${env.train} pins no kcp-syncer image`);
  return { ...env, kcp: { ...kcp, syncer: { image: image ?? imageRef(pinned), ...syncer } } };
}

/** What an environment's TektonConfig is built from (after resolveTrain): one mapping for the construct and the config check. */
export function environmentTektonConfigInput(env: TrainedEnvironment) {
  const train = trainOf(env.train);
  const tc = env.tektonConfig;
  return {
    profile: tc.profile ?? 'all',
    targetNamespace: tc.targetNamespace,
    pipeline: tc.pipeline,
    pruner: tc.pruner,
    chain: tc.chain as { disabled: boolean; settings: Record<string, string | number | boolean | undefined> } | undefined,
    trigger: tc.trigger,
    pipelinesAsCode: tc.pipelinesAsCode,
    params: tc.params,
    // Where the train's operator manages Results, they are configured here (spec.result).
    result: train.results.managedBy === 'operator' ? operatorResultSpec(env.tektonResults) : undefined,
  };
}

/** The TektonConfig spec an environment deploys (after resolveTrain). */
export function environmentTektonConfigSpec(env: TrainedEnvironment): Record<string, unknown> {
  return tektonConfigSpec(environmentTektonConfigInput(env));
}

/** A spec path of the TektonConfig as the config field that sets it. */
function configPath(path: readonly (string | number)[]): Path {
  const [head, ...rest] = path;
  switch (head) {
    case 'pruner':
      return ['tektonConfig', 'pruner', ...rest.map((k) => (k === 'keep-since' ? 'keepSinceMinutes' : k))];
    case 'chain':
      return rest.length === 0 || rest[0] === 'disabled' ? ['tektonConfig', 'chain', ...rest] : ['tektonConfig', 'chain', 'settings', ...rest];
    case 'platforms':
      return rest[0] === 'openshift' && rest[1] === 'pipelinesAsCode' ? ['tektonConfig', 'pipelinesAsCode', ...rest.slice(2)] : ['tektonConfig', ...path];
    case 'result':
      return ['tektonResults'];
    default:
      return ['tektonConfig', ...path];
  }
}

const SSL_NEEDS_CA = ['require', 'verify-ca', 'verify-full'];

/**
 * Everything the environment's train rules out, one issue per problem at the config field:
 * the channel, the TektonConfig its operator would reject, the Results release and its setup.
 */
export function trainChecks(env: TrainedEnvironment, ctx: z.RefinementCtx): void {
  const train = TRAINS[env.train];
  if (!train) return; // reported on `train` itself
  const add = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message });
  const tag = `train ${train.name}`;

  const channel = env.operator.channel;
  if (channel !== undefined && !train.channels.includes(channel)) {
    const other = Object.values(TRAINS).find((t) => t.channels.includes(channel));
    add(
      ['operator', 'channel'],
      `"${channel}" is outside ${tag}, which covers ${train.channels.join(', ')}: remove operator.channel${other ? ` or set train: ${other.name}` : ''}`,
    );
  }

  const resolved = resolveTrain(env);
  const tc = resolved.tektonConfig;
  if (train.pruning.operatorPruner === 'taskruns-only' && !tc.pruner.disabled) {
    (tc.pruner.resources ?? []).forEach((r, i) => {
      if (r !== 'taskrun') {
        add(['tektonConfig', 'pruner', 'resources', i], `${tag} prunes TaskRuns only (ADR phase 1): a PipelineRun deleted on a workload cluster is recreated by the kcp syncer`);
      }
    });
  }
  if (train.pruning.operatorPruner === 'off' && tc.pruner.disabled !== true) {
    add(['tektonConfig', 'pruner', 'disabled'], `must be true on ${tag}: the operator pruner is off and Results retention prunes records (ADR-0009)`);
  }
  triggerChecks(train, tc, add);
  pacChecks(train, env, tc.pipelinesAsCode, add);
  if (env.tektonChains && tc.chain && !tc.chain.disabled) {
    add(['tektonConfig', 'chain', 'disabled'], 'must be true when tektonChains is set: Chains runs as direct manifests, and the operator would run a second controller signing every run');
  }

  // What the train's operator would reject, at the field that sets it.
  const release = env.tektonResults ? resultsRelease(train, env.tektonResults) : undefined;
  const resultsValid = !env.tektonResults || release !== undefined;
  if (resultsValid) {
    for (const p of train.tektonConfig.problems(environmentTektonConfigSpec(resolved))) add(configPath(p.path), `${tag}: ${p.message}`);
  }

  if (env.tektonResults) resultsChecks(train, env.tektonResults, release, add);
}

/**
 * Triggers off where the record says so (ADR-0009: Pipelines-as-Code is the event path), and a
 * profile the operator can finish without them. An error, like the pruner: the train is the
 * design, and a deliberate exception is a new train, not a config that quietly differs.
 */
function triggerChecks(train: ReleaseTrain, tc: TektonConfigSettings, add: (path: Path, message: string) => void): void {
  const tag = `train ${train.name}`;
  if (train.design.triggers === 'off' && tc.trigger.disabled === false) {
    add(['tektonConfig', 'trigger', 'disabled'], `must be true on ${tag}: Pipelines-as-Code is the event path and Tekton Triggers are off (${train.design.record})`);
  }
  if (tc.trigger.disabled === true && tc.profile === 'all') {
    add(
      ['tektonConfig', 'profile'],
      '"all" with Triggers disabled never becomes Ready on OpenShift: its TektonAddon waits for TektonTrigger (tektoncd/operator@v0.80.0 pkg/reconciler/openshift/tektonaddon/tektonaddon.go); use lite (basic without Triggers is the same)',
    );
  }
}

const PAC_REQUIRED_WHY: Readonly<Record<string, string>> = {
  'application-name': "the checks on pull requests should carry the GitHub App's name: set githubApp.name (or this key)",
};

/**
 * The PaC settings the train's record prescribes that the environment leaves unset, one line each
 * naming the field (after resolveTrain). Warnings, not errors: PaC works without them (it links to
 * the cluster's own console), the service just is not what the record describes.
 */
export function designWarnings(env: TrainedEnvironment): string[] {
  const train = trainOf(env.train);
  const pac = env.tektonConfig.pipelinesAsCode;
  if (!pac.enable) return [];
  return train.design.pacSettings
    .filter((key) => !pac.settings[key as keyof typeof pac.settings])
    .map((key) => {
      const why = PAC_REQUIRED_WHY[key] ?? 'Pipelines-as-Code links runs to the cluster, which users of the service cannot reach; link them to the console';
      return `tektonConfig.pipelinesAsCode.settings.${key}: unset on train ${train.name}: ${why} (${train.design.record})`;
    });
}

/** Keys the train's PaC lacks, and the application name against the GitHub App's. */
function pacChecks(train: ReleaseTrain, env: TrainedEnvironment, pac: TektonConfigSettings['pipelinesAsCode'], add: (path: Path, message: string) => void): void {
  const tag = `train ${train.name}`;
  const at = (key: string): Path => ['tektonConfig', 'pipelinesAsCode', 'settings', key];
  for (const key of Object.keys(pac.settings)) {
    const problem = pacKeyProblem(key, train.pipelinesAsCode.version);
    if (problem) add(at(key), `${tag}: ${problem}`);
  }
  const name = pac.settings['application-name'];
  if (env.githubApp && name !== undefined && name !== env.githubApp.name) {
    add(at('application-name'), `must be the GitHub App's name ${quote(env.githubApp.name)} (githubApp.name), got ${quote(name)}: users find the checks by the app's name (ADR-0009); or leave it out`);
  }
}

/** Why `release` cannot watch the runs of the train's Pipelines (an API it lists that Pipelines does not serve), if so. */
export function resultsWatchProblem(train: ReleaseTrain, release: ResultsRelease): string | undefined {
  const unserved = release.watches.filter((api) => !train.pipelines.servedApis.includes(api));
  if (unserved.length === 0) return undefined;
  return `Results ${release.version} watches ${unserved.join(', ')}, which Pipelines ${train.pipelines.version} of train ${train.name} does not serve: use Results ${train.results.versions.join(' or ')}`;
}

function resultsChecks(train: ReleaseTrain, r: TektonResultsConfig, release: ResultsRelease | undefined, add: (path: Path, message: string) => void): void {
  const tag = `train ${train.name}`;
  const version = r.version ?? train.results.versions[0];
  if (!release) {
    add(['tektonResults', 'version'], `unknown Results release "${version}": known ${Object.keys(RESULTS_RELEASES).join(', ')} (src/trains/results-releases.ts)`);
    return;
  }
  const unwatchable = resultsWatchProblem(train, release);
  if (unwatchable) {
    add(['tektonResults', 'version'], unwatchable);
  } else if (!train.results.versions.includes(version)) {
    add(['tektonResults', 'version'], `Results ${version} is outside ${tag}, which ${train.results.managedBy === 'operator' ? 'installs' : 'allows'} ${train.results.versions.join(', ')}: remove tektonResults.version`);
  }
  const db = r.database;
  if (SSL_NEEDS_CA.includes(db.sslMode) && !db.caSecret && release.databaseCa === 'env') {
    add(
      ['tektonResults', 'database', 'caSecret'],
      `is required with sslMode ${db.sslMode}: Results ${version} exits at start-up without DB_SSLROOTCERT (tektoncd/results@v0.9.0:cmd/api/main.go); reference the CA Secret, or set sslMode disable`,
    );
  }
  const grace = r.watcher.completedRunGracePeriod;
  if (grace !== undefined && train.pruning.operatorPruner === 'taskruns-only') {
    add(
      ['tektonResults', 'watcher', 'completedRunGracePeriod'],
      `${tag} prunes with the operator pruner, TaskRuns only (ADR phase 1): the watcher would delete PipelineRuns, which the kcp syncer recreates; remove it`,
    );
  } else if (grace !== undefined && train.pruning.resultsRetention && parseGoDuration(grace) === 0n) {
    add(['tektonResults', 'watcher', 'completedRunGracePeriod'], `must be above 0 on ${tag}: the operator pruner is off, so the watcher is what deletes finished runs from the cluster (ADR-0009)`);
  }
  if (r.retention && !release.retentionAgent) {
    add(['tektonResults', 'retention'], `Results ${version} has no retention policy agent (first in v0.12): remove tektonResults.retention`);
  }
  if (train.results.managedBy === 'operator') {
    if (r.images) add(['tektonResults', 'images'], `${tag}: the operator installs the Results images of OSP ${train.operator.osp}: remove tektonResults.images`);
    if (!db.host) add(['tektonResults', 'database', 'host'], `is required on ${tag}: the operator takes the database host from TektonConfig spec.result.db_host`);
    if (!db.name) add(['tektonResults', 'database', 'name'], `is required on ${tag}: the operator takes the database name from TektonConfig spec.result.db_name`);
    if (train.pruning.resultsRetention && !r.retention) add(['tektonResults', 'retention'], `is required on ${tag}: Results keeps and prunes the records (ADR-0009)`);
  } else if (db.host || db.name) {
    add(['tektonResults', 'database', db.host ? 'host' : 'name'], `${tag} deploys Results as manifests, which read the database host and name from the Secret (hostKey, nameKey): remove it`);
  }
}
