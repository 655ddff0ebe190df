import { join } from 'node:path';
import { stringify } from 'yaml';
import { cliInProcess, expectRejected, readTree, tempDir, writeTemp } from './cli-helpers';

const environment = (train: unknown, extra: Record<string, unknown> = {}) =>
  stringify({ name: 'ci', train, git: { repoURL: 'https://github.com/example-org/manifests.git' }, clusters: [{ name: 'a', destination: { name: 'a' } }], ...extra });

describe('release trains: bad input through the CLI', () => {
  test('unknown train', () => expectRejected(environment('phase-2'), ['train: unknown train "phase-2": use one of phase-1, current (src/trains/)']));

  test('a channel outside the train names the train that covers it', () =>
    expectRejected(environment('phase-1', { operator: { channel: 'pipelines-1.23' } }), [
      'operator.channel: "pipelines-1.23" is outside train phase-1, which covers pipelines-1.10: remove operator.channel or set train: current',
    ]));

  test('fields operator v0.65 lacks: one line each, naming the train and the first operator and channel that has it', () =>
    expectRejected(environment('phase-1', { tektonConfig: { chain: { disabled: true }, pruner: { disabled: false }, pipeline: { 'enable-api-fields': 'beta' } } }), [
      /^tektonConfig\.chain: train phase-1: unknown to operator v0\.65\.1 \(pipelines-1\.10\), .*first in operator v0\.67\.0 \(pipelines-1\.11, .*\); remove it or use a train with that operator$/,
      /^tektonConfig\.pruner\.disabled: train phase-1: unknown to operator v0\.65\.1 .*first in operator v0\.67\.0 \(pipelines-1\.11, /,
      'tektonConfig.pipeline.enable-api-fields: train phase-1: must be one of "stable", "alpha", got "beta" (operator v0.65.1; "beta" first in operator v0.67.0 (pipelines-1.11))',
    ]));

  test('kcp on a train without kcp', () =>
    expectRejected(
      environment('current', { kcp: { serverURL: 'https://kcp.example.com', organization: 'root:ps', syncer: { image: `ghcr.io/kcp-dev/kcp/syncer:v0.11.0@sha256:${'a'.repeat(64)}` } }, tektonResults: undefined }),
      ['kcp: train current has no kcp (kcp v0.11, the last release with TMC, belongs to train phase-1): remove kcp or set train: phase-1'],
    ));

  test('an SSL mode that needs a CA, without one, where the Results release checks it', () =>
    expectRejected(environment('current', { tektonResults: { database: { host: 'db', name: 'results', sslMode: 'verify-ca' }, retention: {} } }), [
      'tektonResults.database.caSecret: is required with sslMode verify-ca: Results v0.19.0 exits at start-up without DB_SSLROOTCERT (tektoncd/results@v0.9.0:cmd/api/main.go); reference the CA Secret, or set sslMode disable',
    ]));

  test('a Results release outside the train', () =>
    expectRejected(environment('phase-1', { tektonResults: { version: 'v0.19.0', database: { sslMode: 'disable' } } }), [
      'tektonResults.version: Results v0.19.0 is outside train phase-1, which allows v0.6.0, v0.5.0: remove tektonResults.version',
    ]));

  test('an unknown Results release', () =>
    expectRejected(environment('phase-1', { tektonResults: { version: 'v0.7.1' } }), [
      'tektonResults.version: unknown Results release "v0.7.1": known v0.5.0, v0.6.0, v0.9.0, v0.12.0, v0.19.0 (src/trains/results-releases.ts)',
    ]));

  test('current: the operator manages Results, so no images; host and name as values; retention required (ADR-0009)', () =>
    expectRejected(environment('current', { tektonResults: { images: { api: `ghcr.io/r/a@sha256:${'a'.repeat(64)}`, watcher: `ghcr.io/r/w@sha256:${'a'.repeat(64)}` }, database: { sslMode: 'disable' } } }), [
      'tektonResults.images: train current: the operator installs the Results images of OSP 1.23: remove tektonResults.images',
      'tektonResults.database.host: is required on train current: the operator takes the database host from TektonConfig spec.result.db_host',
      'tektonResults.database.name: is required on train current: the operator takes the database name from TektonConfig spec.result.db_name',
      'tektonResults.retention: is required on train current: Results keeps and prunes the records (ADR-0009)',
    ]));

  test('retention where the Results release has no retention agent', () =>
    expectRejected(environment('phase-1', { tektonResults: { retention: { days: 7 } } }), [
      'tektonResults.retention: Results v0.6.0 has no retention policy agent (first in v0.12): remove tektonResults.retention',
    ]));

  test('current keeps the operator pruner off (ADR-0009)', () =>
    expectRejected(environment('current', { tektonConfig: { pruner: { disabled: false, resources: ['taskrun'], keep: 3 } } }), [
      'tektonConfig.pruner.disabled: must be true on train current: the operator pruner is off and Results retention prunes records (ADR-0009)',
    ]));
});

describe('release trains: synth output', () => {
  test('phase-1: channel pipelines-1.10 and a TektonConfig operator v0.65 accepts; current: pipelines-1.23 with spec.result', async () => {
    const out = tempDir();
    const phase1 = await cliInProcess('synth', '--config', writeTemp('p.yaml', environment('phase-1')), '--outdir', out);
    expect(phase1.code).toBe(0);
    let tree = readTree(join(out, 'dist/ci/a'));
    expect(tree['operator/subscription_openshift-operators_openshift-pipelines-operator.yaml']).toContain('channel: pipelines-1.10\n');
    const tc1 = tree['tekton-config/tektonconfig_config.yaml'];
    expect(tc1).toContain('pipeline-service.openshift.io/train: phase-1\n');
    expect(tc1).not.toMatch(/chain:|disabled:|result:/);
    expect(tc1).toContain('  pruner:\n    keep: 10\n    resources:\n      - taskrun\n    schedule: 0 * * * *\n');

    const current = environment('current', {
      tektonResults: { database: { host: 'db.example.com', name: 'results', caSecret: { name: 'db-ca' } }, retention: { days: 14 }, expose: { host: 'results.example.com' } },
    });
    const out2 = tempDir();
    expect((await cliInProcess('synth', '--config', writeTemp('c.yaml', current), '--outdir', out2)).code).toBe(0);
    tree = readTree(join(out2, 'dist/ci/a'));
    expect(tree['operator/subscription_openshift-operators_openshift-pipelines-operator.yaml']).toContain('channel: pipelines-1.23\n');
    expect(Object.keys(tree).some((f) => f.startsWith('tekton-results/'))).toBe(false);
    const tc2 = tree['tekton-config/tektonconfig_config.yaml'];
    expect(tc2).toContain('  pruner:\n    disabled: true\n');
    expect(tc2).toContain('    db_sslrootcert: /etc/db-ca/ca.crt\n');
    expect(tc2).toContain('    route_host: results.example.com\n');
    expect(tc2).toContain('            defaultRetention: "14"\n');
  });
});

const STANDARD_LABELS = { 'app.kubernetes.io/name': 'tekton-config', 'app.kubernetes.io/part-of': 'pipeline-service', 'app.kubernetes.io/managed-by': 'pipeline-service-manifests' };

describe('release trains: check validates each TektonConfig by its train', () => {
  const tektonConfig = (train: string | undefined, spec: Record<string, unknown>) =>
    stringify({ apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config', labels: { ...STANDARD_LABELS, ...(train ? { 'pipeline-service.openshift.io/train': train } : {}) } }, spec });
  const phase1Spec = { targetNamespace: 'openshift-pipelines', pruner: { resources: ['taskrun'], keep: 10, schedule: '0 * * * *' }, pipeline: { 'enable-api-fields': 'stable' } };

  async function check(text: string) {
    const file = writeTemp('tektonconfig.yaml', text);
    const r = await cliInProcess('check', file);
    // Findings start with the file (relative to the working directory): keep what follows it.
    return { ...r, lines: r.stderr.trimEnd().split('\n').filter((l) => l.includes('tektonconfig.yaml: ') && !l.startsWith('note:')).map((l) => l.slice(l.indexOf('tektonconfig.yaml: ') + 'tektonconfig.yaml: '.length)) };
  }

  test('the same object passes on one train and fails on another', async () => {
    expect((await check(tektonConfig('phase-1', phase1Spec))).code).toBe(0);
    const r = await check(tektonConfig('current', phase1Spec));
    expect(r.code).toBe(1);
    expect(r.lines).toEqual(['TektonConfig config: spec.pruner.disabled: train current: is required']);
  });

  test('fields and values operator v0.65 would reject', async () => {
    const r = await check(tektonConfig('phase-1', { ...phase1Spec, chain: { disabled: true }, pruner: { disabled: true }, pipeline: { 'enable-api-fields': 'beta' } }));
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([
      expect.stringMatching(/^TektonConfig config: spec\.chain: train phase-1: unknown to operator v0\.65\.1 .*first in operator v0\.67\.0 \(pipelines-1\.11/),
      expect.stringMatching(/^TektonConfig config: spec\.pruner\.disabled: train phase-1: unknown to operator v0\.65\.1 .*first in operator v0\.67\.0 \(pipelines-1\.11/),
      expect.stringMatching(/^TektonConfig config: spec\.pruner\.resources: train phase-1: is required/),
      expect.stringMatching(/^TektonConfig config: spec\.pruner: train phase-1: needs exactly one of keep or keep-since/),
      expect.stringMatching(/^TektonConfig config: spec\.pruner\.schedule: train phase-1: is required by operator v0\.65 and older/),
      expect.stringMatching(/^TektonConfig config: spec\.pipeline\.enable-api-fields: train phase-1: must be one of "stable", "alpha", got "beta"/),
    ]);
  });

  test('a TektonConfig that names no train, or a wrong name', async () => {
    expect((await check(tektonConfig(undefined, phase1Spec))).lines).toEqual([
      'TektonConfig config: metadata.labels["pipeline-service.openshift.io/train"]: must name a release train (phase-1, current), got null: which fields a TektonConfig may have depends on the operator the train installs',
    ]);
    const renamed = tektonConfig('phase-1', phase1Spec).replace('name: config', 'name: other');
    expect((await check(renamed)).lines).toEqual(['TektonConfig other: metadata.name: train phase-1: must be "config": the operator reconciles only that TektonConfig']);
  });
});
