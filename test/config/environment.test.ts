import { DEFAULT_REPO_URL, GLBC_DEFAULT_EXPORT, environmentSchema, parseEnvironment } from '../../src/config';
import { TRAINS, imageRef } from '../../src/trains';
import { MINIMAL_ENVIRONMENT, configProblems } from '../helpers';

const valid = MINIMAL_ENVIRONMENT;

const problems = configProblems;

describe('environment config defaults', () => {
  test('fills in what Pipeline Service ran', () => {
    const env = parseEnvironment(valid);
    expect(env.git.revision).toBe('main');
    expect(env.operator).toEqual({
      packageName: 'openshift-pipelines-operator-rh',
      subscriptionName: 'openshift-pipelines-operator',
      namespace: 'openshift-operators',
      channel: 'pipelines-1.10',
      source: 'redhat-operators',
      sourceNamespace: 'openshift-marketplace',
      installPlanApproval: 'Automatic',
      installPlanApprover: { enabled: false },
    });
    expect(env.argocd.retry).toEqual({ limit: -1, backoff: { duration: '5s', factor: 2, maxDuration: '3m' } });
    expect(env.tektonConfig.profile).toBe('all');
    expect(env.tektonConfig.targetNamespace).toBe('openshift-pipelines');
    expect(env.tektonConfig.pruner).toEqual({ resources: ['taskrun'], keep: 10, schedule: '0 * * * *' });
    expect(env.tektonConfig.pipelinesAsCode.enable).toBe(true);
    expect(env.argocd.applicationControllerServiceAccount).toBe('openshift-gitops-argocd-application-controller');
    expect(env.clusters[0].labels).toEqual({});
  });

  test('keepSinceMinutes replaces the default keep', () => {
    const env = parseEnvironment({ ...valid, tektonConfig: { pruner: { keepSinceMinutes: 60 } } });
    expect(env.tektonConfig.pruner.keep).toBeUndefined();
    expect(env.tektonConfig.pruner.keepSinceMinutes).toBe(60);
  });

  test('the effective config is itself a valid input that parses to the same value', () => {
    const env = parseEnvironment(valid);
    expect(environmentSchema.parse(env)).toEqual(env);
  });

  test('git.repoURL: this project\'s repository unless set', () => {
    const { git: _git, ...noGit } = valid;
    expect(parseEnvironment(noGit).git).toEqual({ repoURL: DEFAULT_REPO_URL, revision: 'main' });
    expect(parseEnvironment(valid).git.repoURL).toBe(valid.git.repoURL);
  });
});

describe('what the train fills in (src/trains/ defaults)', () => {
  const phase1 = TRAINS['phase-1'].defaults;
  const current = TRAINS.current.defaults;
  const onCurrent = { ...valid, train: 'current', tektonResults: { database: { host: 'db.example.com', name: 'results', sslMode: 'disable' }, retention: {} } };

  test('TektonConfig pipeline keys and params: the train\'s, when the environment sets none', () => {
    const env = parseEnvironment(valid);
    expect(env.tektonConfig.pipeline).toEqual(phase1.pipeline);
    expect(env.tektonConfig.pipeline['enable-api-fields']).toBe('stable');
    expect(env.tektonConfig.params).toEqual([{ name: 'createRbacResource', value: 'true' }]);
    expect(parseEnvironment(onCurrent).tektonConfig.pipeline['enable-api-fields']).toBe('beta');
  });

  test('the environment\'s own pipeline keys win, key by key; the train\'s others stay', () => {
    const env = parseEnvironment({ ...valid, tektonConfig: { pipeline: { 'enable-api-fields': 'alpha', 'running-in-environment-with-injected-sidecars': false } } });
    expect(env.tektonConfig.pipeline).toEqual({ ...phase1.pipeline, 'enable-api-fields': 'alpha', 'running-in-environment-with-injected-sidecars': false });
    // In the train's order: the overridden key keeps its place (npm run config prints it so).
    expect(Object.keys(env.tektonConfig.pipeline).slice(0, Object.keys(phase1.pipeline).length)).toEqual(Object.keys(phase1.pipeline));
  });

  test('params by name: the environment\'s value replaces the train\'s in place; its other params follow', () => {
    const env = parseEnvironment({ ...valid, tektonConfig: { params: [{ name: 'pipelineTemplates', value: 'false' }, { name: 'createRbacResource', value: 'false' }] } });
    expect(env.tektonConfig.params).toEqual([{ name: 'createRbacResource', value: 'false' }, { name: 'pipelineTemplates', value: 'false' }]);
  });

  test('Chains settings (train current): the train\'s under the environment\'s, in the schema\'s key order; none added while the chain is disabled', () => {
    expect(parseEnvironment(onCurrent).tektonConfig.chain).toEqual({ disabled: false, settings: current.chainSettings });
    const own = parseEnvironment({ ...onCurrent, tektonConfig: { chain: { settings: { 'transparency.enabled': 'true' } } } }).tektonConfig.chain!;
    expect(own.settings).toEqual({ ...current.chainSettings, 'transparency.enabled': 'true' });
    const disabled = parseEnvironment({ ...onCurrent, tektonChains: { image: `ghcr.io/tektoncd/chains/controller:v0.20.1@sha256:${'c'.repeat(64)}` }, tektonConfig: { chain: { disabled: true } } });
    expect(disabled.tektonConfig.chain).toEqual({ disabled: true, settings: {} });
    // Train phase-1's operator has no TektonConfig chain: nothing is added.
    expect(parseEnvironment(valid).tektonConfig.chain).toBeUndefined();
  });

  test('kcp.syncer.image: the train\'s kcp-syncer image unless set', () => {
    const kcp = { serverURL: 'https://kcp.example.com', organization: 'root:ps' };
    const env = parseEnvironment({ ...valid, kcp });
    expect(env.kcp!.syncer.image).toBe(imageRef(TRAINS['phase-1'].images['kcp-syncer']));
    // First key, as if written (npm run config).
    expect(Object.keys(env.kcp!.syncer)[0]).toBe('image');
    const own = `ghcr.io/kcp-dev/kcp/syncer:v0.11.0@sha256:${'a'.repeat(64)}`;
    expect(parseEnvironment({ ...valid, kcp: { ...kcp, syncer: { image: own } } }).kcp!.syncer.image).toBe(own);
  });

  test('the GLBC export: kcp-glbc\'s own default export unless set', () => {
    expect(GLBC_DEFAULT_EXPORT).toEqual({ path: 'root:kuadrant', name: 'glbc-root-kuadrant' });
  });
});

describe('environment config errors name the field path', () => {
  test('unknown key', () => {
    expect(problems({ ...valid, extra: 1 })).toEqual(['extra: unknown field']);
  });

  test('unknown nested key', () => {
    expect(problems({ ...valid, operator: { chanel: 'latest' } })).toEqual(['operator.chanel: unknown field']);
  });

  test('wrong type', () => {
    expect(problems({ ...valid, tektonConfig: { pipeline: { 'enable-api-fields': 3 } } })).toEqual([
      'tektonConfig.pipeline.enable-api-fields: train phase-1: must be string',
    ]);
  });

  test('pipeline flags are typed as the TektonConfig CRD types them', () => {
    expect(problems({ ...valid, tektonConfig: { pipeline: { 'enable-bundles-resolver': 'yes' } } })).toEqual([
      'tektonConfig.pipeline.enable-bundles-resolver: train phase-1: must be boolean',
    ]);
    expect(problems({ ...valid, tektonConfig: { pipeline: { 'enable-bundle-resolver': true } } })).toEqual([
      'tektonConfig.pipeline.enable-bundle-resolver: train phase-1: unknown to operator v0.65.1 (pipelines-1.10), whose webhook rejects unknown fields: remove it',
    ]);
  });

  test('keys with dots are quoted in the path', () => {
    expect(problems({ ...valid, train: 'current', tektonConfig: { chain: { settings: { 'artifacts.oci.storage': 1 } } } })).toEqual([
      'tektonConfig.chain.settings["artifacts.oci.storage"]: Invalid input: expected string, received number',
    ]);
  });

  test('name that is not a DNS-1123 label', () => {
    const lines = problems({ ...valid, clusters: [valid.clusters[0], valid.clusters[0], { name: 'Cluster_C', destination: { name: 'c' } }] });
    expect(lines).toContain("clusters[2].name: must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit");
  });

  test('name longer than 63 characters', () => {
    expect(problems({ ...valid, name: 'a'.repeat(64) })).toEqual(['name: must be at most 63 characters (DNS-1123 label), got 64']);
  });

  test('duplicate cluster names and destinations, reported even beside other errors', () => {
    const lines = problems({
      ...valid,
      extra: true,
      clusters: [
        { name: 'a', destination: { name: 'x' } },
        { name: 'a', destination: { name: 'x' } },
        { name: 'b', destination: { name: 'y', server: 'https://b.example:6443' } },
      ],
    });
    expect(lines).toContain('clusters[1].name: duplicate name "a" (also at index 0)');
    expect(lines).toContain('clusters[1].destination: duplicate destination "cluster x" (also at index 0)');
    expect(lines).toContain('clusters[2].destination: must name exactly one of server (API server URL) or name (Argo CD cluster name)');
    expect(lines).toContain('extra: unknown field');
  });

  test('one API server with and without a trailing slash is one destination', () => {
    const lines = problems({
      ...valid,
      clusters: [
        { name: 'a', destination: { server: 'https://api.a.example:6443' } },
        { name: 'b', destination: { server: 'https://api.a.example:6443/' } },
      ],
    });
    expect(lines).toEqual(['clusters[1].destination: duplicate destination "server https://api.a.example:6443" (also at index 0)']);
  });

  test('bad cron expression', () => {
    expect(problems({ ...valid, tektonConfig: { pruner: { schedule: '61 * * * *' } } })).toEqual([
      'tektonConfig.pruner.schedule: is not a Kubernetes CronJob schedule: minute field: 61 is above the maximum 59',
    ]);
    expect(problems({ ...valid, tektonConfig: { pruner: { schedule: '0 0 * * * *' } } })[0]).toMatch(/^tektonConfig\.pruner\.schedule: is not a Kubernetes CronJob schedule: must have exactly 5 fields .*found 6$/);
  });

  test('cron macros are accepted', () => {
    expect(parseEnvironment({ ...valid, tektonConfig: { pruner: { schedule: '@daily' } } }).tektonConfig.pruner.schedule).toBe('@daily');
  });

  test('unknown profile', () => {
    expect(problems({ ...valid, tektonConfig: { profile: 'huge' } })).toEqual(['tektonConfig.profile: Invalid option: expected one of "all"|"basic"|"lite"']);
  });

  test('empty cluster list', () => {
    expect(problems({ ...valid, clusters: [] })).toEqual(['clusters: must list at least one workload cluster']);
  });

  test('missing required fields', () => {
    expect(problems({ clusters: valid.clusters })).toEqual(['name: is required (string)', 'train: is required (string)']);
  });

  test('phase 1 prunes TaskRuns only', () => {
    expect(problems({ ...valid, tektonConfig: { pruner: { resources: ['taskrun', 'pipelinerun'] } } })).toEqual([
      'tektonConfig.pruner.resources[1]: train phase-1 prunes TaskRuns only (ADR phase 1): a PipelineRun deleted on a workload cluster is recreated by the kcp syncer',
    ]);
  });

  test('keep and keepSinceMinutes together', () => {
    expect(problems({ ...valid, tektonConfig: { pruner: { keep: 5, keepSinceMinutes: 60 } } })).toEqual([
      'tektonConfig.pruner.keepSinceMinutes: set either keep or keepSinceMinutes, not both: the pruner takes one',
    ]);
  });

  test('duplicate TektonConfig params', () => {
    expect(problems({ ...valid, tektonConfig: { params: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }] } })).toEqual([
      'tektonConfig.params[1].name: duplicate name "a" (also at index 0)',
    ]);
  });

  test('a custom CatalogSource must be the subscription source', () => {
    const image = `registry.example.com/pipelines/index@sha256:${'a'.repeat(64)}`;
    expect(problems({ ...valid, operator: { catalogSource: { name: 'nightly', image } } })).toEqual([
      'operator.source: must be "nightly", the name of operator.catalogSource, when a custom CatalogSource is configured (got "redhat-operators")',
    ]);
  });

  test('catalog images must be pinned by digest', () => {
    expect(problems({ ...valid, operator: { source: 'nightly', catalogSource: { name: 'nightly', image: 'quay.io/x/index:latest' } } })).toEqual([
      'operator.catalogSource.image: must be pinned by digest: <registry>/<repository>[:tag]@sha256:<64 hex digits> (a tag alone can change under you)',
    ]);
  });

  test('Manual approval needs the CSV to approve', () => {
    expect(problems({ ...valid, operator: { installPlanApproval: 'Manual' } })).toEqual([
      'operator.startingCSV: is required when installPlanApproval is Manual: it names the one CSV whose InstallPlan may be approved',
    ]);
  });

  test('an own namespace needs an OperatorGroup, openshift-operators must not get one', () => {
    expect(problems({ ...valid, operator: { namespace: 'pipelines-operator' } })).toEqual([
      'operator.operatorGroup: is required when operator.namespace is "pipelines-operator": only openshift-operators has a global OperatorGroup',
    ]);
    expect(problems({ ...valid, operator: { operatorGroup: { name: 'og' } } })[0]).toMatch(/^operator\.operatorGroup: must not be set in openshift-operators/);
  });

  test('git repository URL and cluster labels', () => {
    expect(problems({ ...valid, git: { repoURL: 'not a url' } })).toEqual(['git.repoURL: must not contain spaces, line breaks or control characters']);
    expect(parseEnvironment({ ...valid, git: { repoURL: 'git@github.com:org/repo.git' } }).git.repoURL).toBe('git@github.com:org/repo.git');
    const lines = problems({ ...valid, clusters: [{ ...valid.clusters[0], labels: { region: 'x'.repeat(64) } }] });
    expect(lines).toEqual(['clusters[0].labels.region: label value must be at most 63 characters, got 64']);
  });
});
