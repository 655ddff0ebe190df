import { REMOVED_EXPORT_MESSAGE } from '../../src/config';
import { cliInProcess, expectRejected, tempDir, writeTemp } from './cli-helpers';

const IMAGE = `ghcr.io/kcp-dev/kcp/syncer:v0.11.0@sha256:${'a'.repeat(64)}`;
/** A valid kcp environment as YAML, with `extra` appended under `kcp:` and `tail` at the top level. */
const env = (consumer: string, kcpExtra = '', tail = '') =>
  [
    'name: ci',
    'train: phase-1',
    'git: { repoURL: "https://github.com/example-org/m.git" }',
    'clusters: [{ name: a, destination: { name: a }, labels: { region: east } }]',
    'kcp:',
    '  serverURL: https://kcp.example.com',
    '  organization: root:ps',
    `  syncer: { image: "${IMAGE}" }`,
    '  locations: [{ name: east, instanceSelector: { region: east } }]',
    `  consumers: [${consumer}]`,
    kcpExtra,
    tail,
  ].join('\n') + '\n';
const located = 'locationSelector: { pipeline-service.openshift.io/location: east }';

describe('kcp bad input through the CLI: exit 1, one line naming the field, nothing written', () => {
  test('the valid base synthesizes (so each rejection below is the field it names)', async () => {
    const out = tempDir();
    expect((await cliInProcess('synth', '--config', writeTemp('ok.yaml', env(`{ name: c, workspace: "root:c", ${located} }`)), '--outdir', out)).code).toBe(0);
  });

  test('a consumer without a location', () => expectRejected(env('{ name: c, workspace: "root:c" }'), ['kcp.consumers[0].locationSelector: must be a map of label keys to string values']));

  test('a namespace selector that selects nothing', () =>
    expectRejected(env(`{ name: c, workspace: "root:c", ${located}, namespaceSelector: { matchLabels: { t: a }, matchExpressions: [{ key: t, operator: DoesNotExist }] } }`), [
      'kcp.consumers[0].namespaceSelector: selects no namespace ("t" must both exist and not exist): nothing of this consumer would ever be placed',
    ]));

  test('the old export settings: one line saying what replaced them', () =>
    expectRejected(env(`{ name: c, workspace: "root:c", ${located} }`, '  export: { name: pipeline-service, schemas: { tasks: false } }'), [`kcp.export: ${REMOVED_EXPORT_MESSAGE}`]));

  test('a service account nothing creates in the synced namespaces', () =>
    expectRejected(env(`{ name: c, workspace: "root:c", ${located} }`, '', 'tektonConfig: { pipeline: { default-service-account: appstudio-pipeline } }'), [
      'tektonConfig.pipeline.default-service-account: "appstudio-pipeline" is created by nothing in the namespaces the kcp syncer creates on the workload clusters, so every PipelineRun without its own serviceAccountName fails; use "pipeline" (the operator creates it in every namespace while createRbacResource is not "false") or "default"',
    ]));
});
