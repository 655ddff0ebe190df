import { designWarnings, parseEnvironment } from '../../src/config';
import { environmentTektonConfigSpec } from '../../src/config/train';
import { MINIMAL_ENVIRONMENT, configProblems } from '../helpers';

const IMG = `quay.io/example/index@sha256:${'e'.repeat(64)}`;
const CONSOLE = 'https://console.example.com';
/** The successor design's PaC settings (ADR-0009). */
const CONSOLE_SETTINGS = {
  'custom-console-name': 'Console',
  'custom-console-url': CONSOLE,
  'custom-console-url-pr-details': `${CONSOLE}/ns/{{ namespace }}/pipelinerun/{{ pr }}`,
  'custom-console-url-pr-tasklog': `${CONSOLE}/ns/{{ namespace }}/pipelinerun/{{ pr }}/logs/{{ task }}`,
};
const GITHUB_APP = { name: 'Pipeline Service', externalSecret: { storeRef: { name: 'vault' }, remoteKey: 'ps/github-app' } };
const current = { ...MINIMAL_ENVIRONMENT, train: 'current' };
const phase1 = MINIMAL_ENVIRONMENT;

describe('train current: Triggers off, and a profile the operator can finish without them', () => {
  test('left out: trigger.disabled true and profile lite; spec.trigger written', () => {
    const env = parseEnvironment(current);
    expect(env.tektonConfig.trigger).toEqual({ disabled: true });
    expect(env.tektonConfig.profile).toBe('lite');
    const spec = environmentTektonConfigSpec(env);
    expect(spec.trigger).toEqual({ disabled: true });
    expect(spec.profile).toBe('lite');
  });

  test('basic is accepted (the same as lite without Triggers)', () => {
    expect(parseEnvironment({ ...current, tektonConfig: { profile: 'basic' } }).tektonConfig.profile).toBe('basic');
  });

  test('Triggers enabled is an error naming the field (ADR-0009)', () => {
    expect(configProblems({ ...current, tektonConfig: { trigger: { disabled: false } } })).toEqual([
      'tektonConfig.trigger.disabled: must be true on train current: Pipelines-as-Code is the event path and Tekton Triggers are off (ADR-0009 Pipeline Service via Operator (2023-09-29))',
    ]);
  });

  test('profile all with Triggers off is an error: its OpenShift TektonAddon waits for Triggers forever', () => {
    expect(configProblems({ ...current, tektonConfig: { profile: 'all' } })).toEqual([
      expect.stringMatching(/^tektonConfig\.profile: "all" with Triggers disabled never becomes Ready on OpenShift: its TektonAddon waits for TektonTrigger \(tektoncd\/operator@v0\.80\.0 .*\); use lite/),
    ]);
  });

  test('the operator pruner enabled is an error naming the field (unchanged decision)', () => {
    expect(configProblems({ ...current, tektonConfig: { pruner: { disabled: false, resources: ['taskrun'], keep: 5 } } })).toEqual([
      'tektonConfig.pruner.disabled: must be true on train current: the operator pruner is off and Results retention prunes records (ADR-0009)',
    ]);
  });

  test('phase-1 keeps Triggers and profile all, writes no spec.trigger; trigger.disabled is refused by operator v0.65', () => {
    const env = parseEnvironment(phase1);
    expect(env.tektonConfig.profile).toBe('all');
    expect(environmentTektonConfigSpec(env).trigger).toBeUndefined();
    expect(configProblems({ ...phase1, tektonConfig: { trigger: { disabled: true } } })).toEqual([
      expect.stringMatching(/^tektonConfig\.trigger\.disabled: train phase-1: /),
    ]);
  });
});

describe('Pipelines-as-Code: console links and the GitHub App name', () => {
  test('application-name comes from githubApp.name when settings leave it out', () => {
    const env = parseEnvironment({ ...current, githubApp: GITHUB_APP, tektonConfig: { pipelinesAsCode: { settings: CONSOLE_SETTINGS } } });
    expect(env.tektonConfig.pipelinesAsCode.settings['application-name']).toBe('Pipeline Service');
    expect((environmentTektonConfigSpec(env).platforms as any).openshift.pipelinesAsCode.settings).toEqual({ ...CONSOLE_SETTINGS, 'application-name': 'Pipeline Service' });
    expect(designWarnings(env)).toEqual([]);
  });

  test('an application-name other than the GitHub App name is an error naming the field', () => {
    expect(configProblems({ ...current, githubApp: GITHUB_APP, tektonConfig: { pipelinesAsCode: { settings: { 'application-name': 'PaC CI' } } } })).toEqual([
      'tektonConfig.pipelinesAsCode.settings.application-name: must be the GitHub App\'s name "Pipeline Service" (githubApp.name), got "PaC CI": users find the checks by the app\'s name (ADR-0009); or leave it out',
    ]);
  });

  test('settings the record prescribes, left unset: one named warning each (PaC still works, linking to the cluster)', () => {
    const env = parseEnvironment({ ...current, tektonConfig: { pipelinesAsCode: { settings: { 'custom-console-url': CONSOLE } } } });
    const warnings = designWarnings(env);
    expect(warnings.map((w) => w.slice(0, w.indexOf(':')))).toEqual([
      'tektonConfig.pipelinesAsCode.settings.application-name',
      'tektonConfig.pipelinesAsCode.settings.custom-console-name',
      'tektonConfig.pipelinesAsCode.settings.custom-console-url-pr-details',
      'tektonConfig.pipelinesAsCode.settings.custom-console-url-pr-tasklog',
    ]);
    for (const w of warnings) expect(w).toMatch(/: unset on train current: .*\(ADR-0009 Pipeline Service via Operator \(2023-09-29\)\)$/);
    // PaC off, or the kcp design: nothing to warn about.
    expect(designWarnings(parseEnvironment({ ...current, tektonConfig: { pipelinesAsCode: { enable: false } } }))).toEqual([]);
    expect(designWarnings(parseEnvironment(phase1))).toEqual([]);
  });

  test('console link templates: http(s) URLs once the placeholders are filled in', () => {
    expect(
      configProblems({
        ...current,
        tektonConfig: { pipelinesAsCode: { settings: { 'custom-console-url-pr-details': 'console/{{ namespace }}/{{ pr }}', 'custom-console-url-pr-tasklog': 'https://u:p@console.example.com/{{ pr }}' } } },
      }),
    ).toEqual([
      expect.stringMatching(/^tektonConfig\.pipelinesAsCode\.settings\.custom-console-url-pr-details: must be a URL starting with https:\/\/ or http:\/\/ \(once \{\{ placeholders \}\} are filled in; or "" for none\)$/),
      expect.stringMatching(/^tektonConfig\.pipelinesAsCode\.settings\.custom-console-url-pr-tasklog: .*credentials/),
    ]);
  });

  test('custom-console-url-namespace: PaC v0.22+, so on current only', () => {
    const url = `${CONSOLE}/ns/{{ namespace }}`;
    expect(parseEnvironment({ ...current, tektonConfig: { pipelinesAsCode: { settings: { 'custom-console-url-namespace': url } } } }).tektonConfig.pipelinesAsCode.settings['custom-console-url-namespace']).toBe(url);
    expect(configProblems({ ...phase1, tektonConfig: { pipelinesAsCode: { settings: { 'custom-console-url-namespace': url } } } })).toEqual([
      'tektonConfig.pipelinesAsCode.settings.custom-console-url-namespace: train phase-1: Pipelines-as-Code v0.17.7 has no custom-console-url-namespace (first read by v0.22.0): remove it',
    ]);
  });
});

describe('githubApp: the Secret from a store, never a value', () => {
  test('defaults: ClusterSecretStore, PaC\'s key names as properties, hourly refresh', () => {
    expect(parseEnvironment({ ...current, githubApp: GITHUB_APP }).githubApp).toEqual({
      name: 'Pipeline Service',
      externalSecret: {
        storeRef: { name: 'vault', kind: 'ClusterSecretStore' },
        remoteKey: 'ps/github-app',
        properties: { applicationId: 'github-application-id', privateKey: 'github-private-key', webhookSecret: 'webhook.secret' },
        refreshInterval: '1h',
      },
    });
  });

  test('a value instead of a reference, or a bad store kind, fails on its path', () => {
    expect(
      configProblems({ ...current, githubApp: { ...GITHUB_APP, privateKey: '-----BEGIN RSA PRIVATE KEY-----', externalSecret: { ...GITHUB_APP.externalSecret, storeRef: { name: 'vault', kind: 'Vault' } } } }),
    ).toEqual([expect.stringMatching(/^githubApp\.externalSecret\.storeRef\.kind: /), 'githubApp.privateKey: unknown field']);
  });
});

describe('operator.catalogSource.mirrors: an ImageDigestMirrorSet for a pre-release catalog', () => {
  const catalog = (mirrors: unknown) => ({ name: 'osp-nightly', image: IMG, mirrors });

  test('source and mirrors as the CRD patterns take them; NeverContactSource by default', () => {
    const env = parseEnvironment({
      ...current,
      operator: { source: 'osp-nightly', catalogSource: catalog([{ source: 'registry.redhat.io/openshift-pipelines', mirrors: ['quay.io/openshift-pipeline'] }, { source: '*.redhat.io', mirrors: ['mirror.example.com:5000/rh'] }]) },
    });
    expect(env.operator.catalogSource!.mirrors).toEqual([
      { source: 'registry.redhat.io/openshift-pipelines', mirrors: ['quay.io/openshift-pipeline'], mirrorSourcePolicy: 'NeverContactSource' },
      { source: '*.redhat.io', mirrors: ['mirror.example.com:5000/rh'], mirrorSourcePolicy: 'NeverContactSource' },
    ]);
  });

  test('a tag, a digest, a wildcard mirror or no mirror fails on its path', () => {
    expect(
      configProblems({
        ...current,
        operator: { source: 'osp-nightly', catalogSource: catalog([{ source: 'registry.redhat.io/x:v1', mirrors: ['*.example.com'] }, { source: 'quay.io/a', mirrors: [] }]) },
      }),
    ).toEqual([
      expect.stringMatching(/^operator\.catalogSource\.mirrors\[0\]\.source: must be a repository without tag or digest/),
      expect.stringMatching(/^operator\.catalogSource\.mirrors\[0\]\.mirrors\[0\]: must be a registry or repository without tag or digest/),
      expect.stringMatching(/^operator\.catalogSource\.mirrors\[1\]\.mirrors: /),
    ]);
  });
});

describe('one design\'s sections in an environment of the other: exit 1, one line naming the field', () => {
  const kcp = { serverURL: 'https://kcp.example.com', organization: 'root:ps', syncer: { image: `ghcr.io/kcp-dev/kcp/syncer:v0.11.0@sha256:${'a'.repeat(64)}` } };

  test('kcp on current', () => {
    expect(configProblems({ ...current, kcp })).toEqual(['kcp: train current has no kcp (kcp v0.11, the last release with TMC, belongs to train phase-1): remove kcp or set train: phase-1']);
  });

  test('pacGateway on current: one line, not the kcp gateway\'s own checks', () => {
    const pacGateway = { host: 'pac.example.com', cluster: 'cluster-a', glbc: { exportPath: 'root:kuadrant', exportName: 'glbc', permissionClaims: [{ group: '', resource: 'secrets', identityHash: 'unresolved' }] } };
    expect(configProblems({ ...current, pacGateway })).toEqual([
      expect.stringMatching(/^pacGateway: train current has no kcp .*: Pipelines-as-Code runs on every cluster and gets its webhooks through the webhook proxy \(ADR-0009 .*\): remove pacGateway$/),
    ]);
  });

  test('clusters[].kcp on current', () => {
    expect(configProblems({ ...current, clusters: [{ name: 'cluster-a', destination: { name: 'cluster-a' }, kcp: { labels: {} } }] })).toEqual([
      expect.stringMatching(/^clusters\[0\]\.kcp: train current has no kcp .*: no SyncTarget or syncer for this cluster; remove it$/),
    ]);
  });

  test('githubApp on phase-1', () => {
    expect(configProblems({ ...phase1, githubApp: GITHUB_APP })).toEqual([
      expect.stringMatching(/^githubApp: belongs to the successor design \(ADR-0009, train current\).*: remove githubApp or set train: current$/),
    ]);
  });

  test('catalog mirrors on phase-1 (OpenShift 4.11-4.13: no ImageDigestMirrorSet before 4.13)', () => {
    const operator = { source: 'osp-nightly', catalogSource: { name: 'osp-nightly', image: IMG, mirrors: [{ source: 'registry.redhat.io/openshift-pipelines', mirrors: ['quay.io/openshift-pipeline'] }] } };
    expect(configProblems({ ...phase1, operator })).toEqual([
      'operator.catalogSource.mirrors: train phase-1 targets OpenShift 4.11-4.13, and ImageDigestMirrorSet (config.openshift.io/v1) exists from OpenShift 4.13 only: remove mirrors or set train: current',
    ]);
    // The catalog itself (nightly builds) is fine on both.
    expect(parseEnvironment({ ...phase1, operator: { ...operator, catalogSource: { name: 'osp-nightly', image: IMG } } }).operator.catalogSource!.mirrors).toBeUndefined();
  });
});

describe('tektonResults.watcher.completedRunGracePeriod: Results prunes runs off the cluster (ADR-0009)', () => {
  const results = { database: { host: 'db.example.com', name: 'results', caSecret: { name: 'db-ca' } }, retention: {} };
  const watcherArgs = (env: ReturnType<typeof parseEnvironment>) =>
    (environmentTektonConfigSpec(env).result as any).options.deployments['tekton-results-watcher'].spec.template.spec.containers;

  test('current: 10m by default (what Pipeline Service ran), written as the watcher flag the operator merges by name', () => {
    const env = parseEnvironment({ ...current, tektonResults: results });
    expect(env.tektonResults!.watcher.completedRunGracePeriod).toBe('10m');
    expect(watcherArgs(env)).toEqual([{ name: 'watcher', args: ['-completed_run_grace_period=10m'] }]);
    expect(watcherArgs(parseEnvironment({ ...current, tektonResults: { ...results, watcher: { completedRunGracePeriod: '1h30m' } } }))).toEqual([
      { name: 'watcher', args: ['-completed_run_grace_period=1h30m'] },
    ]);
  });

  test('0 would keep every run on the cluster with the operator pruner off: an error; not a Go duration: an error', () => {
    expect(configProblems({ ...current, tektonResults: { ...results, watcher: { completedRunGracePeriod: '0s' } } })).toEqual([
      'tektonResults.watcher.completedRunGracePeriod: must be above 0 on train current: the operator pruner is off, so the watcher is what deletes finished runs from the cluster (ADR-0009)',
    ]);
    expect(configProblems({ ...current, tektonResults: { ...results, watcher: { completedRunGracePeriod: '10 minutes' } } })).toEqual([
      'tektonResults.watcher.completedRunGracePeriod: must be a Go duration such as 30s, 1m or 1h30m',
    ]);
  });

  test('phase-1: refused (a deleted PipelineRun comes back through the kcp syncer), and not defaulted', () => {
    const images = { api: `gcr.io/x/api@sha256:${'1'.repeat(64)}`, watcher: `gcr.io/x/watcher@sha256:${'2'.repeat(64)}` };
    expect(parseEnvironment({ ...phase1, tektonResults: { images } }).tektonResults!.watcher.completedRunGracePeriod).toBeUndefined();
    expect(configProblems({ ...phase1, tektonResults: { images, watcher: { completedRunGracePeriod: '10m' } } })).toEqual([
      expect.stringMatching(/^tektonResults\.watcher\.completedRunGracePeriod: train phase-1 prunes with the operator pruner, TaskRuns only \(ADR phase 1\): .*kcp syncer recreates; remove it$/),
    ]);
  });
});
