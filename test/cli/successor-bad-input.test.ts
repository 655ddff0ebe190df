import { join } from 'node:path';
import { cli, expectRejected, readTree, tempDir, writeTemp } from './cli-helpers';

const CONSOLE = 'https://console.example.com';
/** A valid successor environment (train current) as YAML; `tail` appended at the top level, `tc` under tektonConfig. */
const successor = (tail = '', tc = '') =>
  [
    'name: ci',
    'train: current',
    'git: { repoURL: "https://github.com/example-org/m.git" }',
    'clusters: [{ name: a, destination: { name: a } }]',
    'githubApp: { name: Pipeline Service, externalSecret: { storeRef: { name: vault }, remoteKey: ps/github-app } }',
    'tektonConfig:',
    '  pipelinesAsCode:',
    '    settings:',
    '      custom-console-name: Console',
    `      custom-console-url: ${CONSOLE}`,
    `      custom-console-url-pr-details: "${CONSOLE}/ns/{{ namespace }}/pipelinerun/{{ pr }}"`,
    `      custom-console-url-pr-tasklog: "${CONSOLE}/ns/{{ namespace }}/pipelinerun/{{ pr }}/logs/{{ task }}"`,
    tc,
    tail,
  ].join('\n') + '\n';

/** A valid kcp environment (train phase-1), `tail` appended at the top level. */
const phase1 = (tail = '') =>
  [
    'name: ci',
    'train: phase-1',
    'git: { repoURL: "https://github.com/example-org/m.git" }',
    'clusters: [{ name: a, destination: { name: a } }]',
    'kcp:',
    '  serverURL: https://kcp.example.com',
    '  organization: root:ps',
    `  syncer: { image: "ghcr.io/kcp-dev/kcp/syncer:v0.11.0@sha256:${'a'.repeat(64)}" }`,
    tail,
  ].join('\n') + '\n';

describe('successor design through the CLI', () => {
  test('the valid bases synthesize without warnings; the successor writes the GitHub App ExternalSecret', () => {
    const out = tempDir();
    const r = cli('synth', '--config', writeTemp('ok.yaml', successor()), '--outdir', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const tree = readTree(join(out, 'dist/ci/a'));
    expect(tree['tekton-config/externalsecret_openshift-pipelines_pipelines-as-code-secret.yaml']).toContain('name: pipelines-as-code-secret\n');
    expect(tree['tekton-config/tektonconfig_config.yaml']).toContain('  trigger:\n    disabled: true\n');
    const out2 = tempDir();
    expect(cli('synth', '--config', writeTemp('ok1.yaml', phase1()), '--outdir', out2).code).toBe(0);
  });

  test('PaC settings the record prescribes, unset: exit 0, one named warning line each', () => {
    const r = cli('synth', '--config', writeTemp('w.yaml', successor().replace(/ {6}custom-console-name: Console\n/, '')), '--outdir', tempDir());
    expect(r.code).toBe(0);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^warning: a\/tekton-config: tektonConfig\.pipelinesAsCode\.settings\.custom-console-name: unset on train current: .*\(ADR-0009 /),
    ]);
  });
});

describe('bad input: exit 1, one line naming the field, nothing written', () => {
  test('kcp in a successor environment', () =>
    expectRejected(successor('kcp: { serverURL: "https://kcp.example.com", organization: "root:ps", syncer: { image: "ghcr.io/kcp-dev/kcp/syncer:v0.11.0@sha256:' + 'a'.repeat(64) + '" } }'), [
      'kcp: train current has no kcp (kcp v0.11, the last release with TMC, belongs to train phase-1): remove kcp or set train: phase-1',
    ]));

  test('pacGateway in a successor environment', () =>
    expectRejected(
      successor('pacGateway: { host: pac.example.com, cluster: a, glbc: { exportPath: "root:kuadrant", exportName: glbc, permissionClaims: [{ group: "", resource: secrets, identityHash: unresolved }] } }'),
      [/^pacGateway: train current has no kcp .*: remove pacGateway$/],
    ));

  test('clusters[].kcp in a successor environment', () =>
    expectRejected(successor().replace('destination: { name: a } }', 'destination: { name: a }, kcp: { labels: { x: y } } }'), [/^clusters\[0\]\.kcp: train current has no kcp .*: no SyncTarget or syncer for this cluster; remove it$/]));

  test('Triggers enabled where the train has them off', () =>
    expectRejected(successor('', '  trigger: { disabled: false }'), [
      'tektonConfig.trigger.disabled: must be true on train current: Pipelines-as-Code is the event path and Tekton Triggers are off (ADR-0009 Pipeline Service via Operator (2023-09-29))',
    ]));

  test('the operator pruner enabled where Results prune', () =>
    expectRejected(successor('', '  pruner: { disabled: false, resources: [taskrun], keep: 5 }'), [
      'tektonConfig.pruner.disabled: must be true on train current: the operator pruner is off and Results retention prunes records (ADR-0009)',
    ]));

  test('profile all with Triggers off', () => expectRejected(successor('', '  profile: all'), [/^tektonConfig\.profile: "all" with Triggers disabled never becomes Ready on OpenShift: .*; use lite/]));

  test('an application name other than the GitHub App\'s', () =>
    expectRejected(successor().replace('      custom-console-name: Console\n', '      custom-console-name: Console\n      application-name: Other\n'), [
      /^tektonConfig\.pipelinesAsCode\.settings\.application-name: must be the GitHub App's name "Pipeline Service" \(githubApp\.name\), got "Other"/,
    ]));

  test('githubApp in a kcp environment', () =>
    expectRejected(phase1('githubApp: { name: Pipeline Service, externalSecret: { storeRef: { name: vault }, remoteKey: ps/github-app } }'), [
      /^githubApp: belongs to the successor design \(ADR-0009, train current\).*: remove githubApp or set train: current$/,
    ]));

  test('catalog mirrors in a kcp environment', () =>
    expectRejected(
      phase1(`operator: { source: nightly, catalogSource: { name: nightly, image: "quay.io/x/index@sha256:${'b'.repeat(64)}", mirrors: [{ source: registry.redhat.io/openshift-pipelines, mirrors: [quay.io/osp] }] } }`),
      [/^operator\.catalogSource\.mirrors: train phase-1 targets OpenShift 4\.11-4\.13, and ImageDigestMirrorSet .*: remove mirrors or set train: current$/],
    ));

  test('Triggers disabled in a kcp environment (operator v0.65 has no such field)', () => expectRejected(phase1('tektonConfig: { trigger: { disabled: true } }'), [/^tektonConfig\.trigger\.disabled: train phase-1: /]));
});
