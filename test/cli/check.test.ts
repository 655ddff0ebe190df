import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, cli, cliInProcess, fixtureProject, tempDir } from './cli-helpers';

const CLI = join(ROOT, 'build/cli.js');

/** Runs `check` against a copy of the committed trees, so a test can make them stale. */
function checkIn(dir: string) {
  const r = spawnSync(process.execPath, [CLI, 'check'], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The fixture environments synthesized in a folder of their own, so a test can make the output stale. */
const copyOfRepo = () => fixtureProject();

describe('npm run check', () => {
  test('passes on the committed output with a one-line summary', () => {
    const r = cli('check');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^checked \d+ objects: 0 stale files, 0 schema errors, 0 policy violations, 0 duplicates\n$/);
    expect(Number(/checked (\d+)/.exec(r.stdout)![1])).toBeGreaterThanOrEqual(16);
    expect(r.code).toBe(0);
  });

  // One run of `check` for both (each run is a synth and a check of every object).
  test('lists stale files: changed, missing and no longer produced; an argocd/ file no synth writes is stale too; a committed file that cannot be read (a FIFO) is named, not a crash', () => {
    const dir = copyOfRepo();
    writeFileSync(join(dir, 'dist/dev/dev-workload-1/tekton-config/tektonconfig_config.yaml'), 'changed: true\n');
    rmSync(join(dir, 'dist/prod/prod-workload-2/operator/subscription_openshift-operators_openshift-pipelines-operator.yaml'));
    mkdirSync(join(dir, 'dist/prod/gone/operator'), { recursive: true });
    writeFileSync(join(dir, 'dist/prod/gone/operator/namespace_x.yaml'), 'x: 1\n');
    writeFileSync(join(dir, 'argocd/leftover.yaml'), 'x: 1\n');
    const fifo = 'dist/dev/dev-workload-1/operator/subscription_openshift-operators_openshift-pipelines-operator.yaml';
    rmSync(join(dir, fifo));
    expect(spawnSync('mkfifo', [join(dir, fifo)]).status).toBe(0);
    const r = checkIn(dir);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^error: check failed \(\d+ problems\):$/);
    expect(lines).toEqual(
      expect.arrayContaining([
        'dist/dev/dev-workload-1/tekton-config/tektonconfig_config.yaml: differs from what synth produces: run `npm run synth` and commit',
        'dist/prod/prod-workload-2/operator/subscription_openshift-operators_openshift-pipelines-operator.yaml: is produced by synth but not committed: run `npm run synth` and commit',
        'dist/prod/gone/operator/namespace_x.yaml: is no longer produced by synth: run `npm run synth` and commit the removal',
        'argocd/leftover.yaml: is no longer produced by synth: run `npm run synth` and commit the removal',
        `${fifo}: is not a regular file (a device, FIFO or socket)`,
      ]),
    );
    // The FIFO is a finding of its own, not a stale file.
    expect(r.stdout).toMatch(/^checked \d+ objects: 4 stale files, 1 schema errors/);
  });

  test('check PATH: every broken fixture fails, each line naming file, kind/name and field', async () => {
    const r = await cliInProcess('check', 'test/fixtures/schema', 'test/fixtures/duplicates');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('test/fixtures/schema/unknown-field.yaml: Subscription openshift-operators/openshift-pipelines-operator: spec.config.env[0].valu: unknown field\n');
    expect(r.stderr).toContain('test/fixtures/duplicates/b.yaml: ConfigMap pipeline-service/settings: metadata.name: same core ConfigMap');
    expect(r.stdout).toMatch(/^checked 13 objects: 0 stale files, 11 schema errors, 0 policy violations, \d+ duplicates\n$/);
  });

  test('check PATH: a policy fixture names the rule; good fixtures pass', async () => {
    const bad = await cliInProcess('check', 'test/fixtures/policy/pod-resources.yaml');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      'test/fixtures/policy/pod-resources.yaml: Deployment pipeline-service/controller: spec.template.spec.containers[0].resources.limits.memory: is required [pod-resources]',
    );
    expect(bad.stdout).toBe('checked 1 objects: 0 stale files, 0 schema errors, 1 policy violations, 0 duplicates\n');
    const good = await cliInProcess('check', 'test/fixtures/good');
    expect(good.stderr).toBe("note: test/fixtures/good: outside dist/ and argocd/, so checked without the constructs' waivers, each PATH as one destination\n");
    expect(good.code).toBe(0);
  });

  test('check PATH: a missing path is an error', async () => {
    const r = await cliInProcess('check', 'no/such/file.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: check: no/such/file.yaml does not exist\n');
  });

  test('check dist argocd: our own output passes, with per-target destinations and the constructs\' waivers', () => {
    const r = cli('check', 'dist', 'argocd');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^checked \d+ objects: 0 stale files, 0 schema errors, 0 policy violations, 0 duplicates\n$/);
    expect(r.code).toBe(0);
  });

  test('check PATH outside dist/ and argocd/: no waivers, each PATH one destination, and the output says so', async () => {
    const dir = copyOfRepo();
    const r = await cliInProcess('check', join(dir, 'dist'));
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(`note: ${join(dir, 'dist')}: outside dist/ and argocd/, so checked without the constructs' waivers, each PATH as one destination`);
    // The kcp syncer's declared waiver does not apply there; one destination makes duplicates.
    expect(r.stderr).toMatch(/clusterrole_kcp-syncer-[^:]*\.yaml: ClusterRole [^:]+: rules\[\d+\][^\n]*\[rbac-no-wildcards\]/);
    expect(r.stdout).toMatch(/[1-9]\d* policy violations, [1-9]\d* duplicates/);
  });

  test('check PATH: 1.1-ambiguous scalars, invalid YAML, an alias bomb, a file of too many tokens and unreadable files are named; the rest is still checked', async () => {
    const dir = tempDir();
    cpSync(join(ROOT, 'test/fixtures/good/deployment.yaml'), join(dir, 'deployment.yaml'));
    writeFileSync(
      join(dir, 'configmap.yaml'),
      '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: pipeline-service\n  labels:\n    enabled: no\ndata:\n  mode: 0755\n  "on": "x"\n  at: 1:20\n',
    );
    writeFileSync(join(dir, 'invalid.yaml'), 'kind: [\n');
    const nine = (x: string) => `[${Array(9).fill(x).join(', ')}]`;
    writeFileSync(join(dir, 'bomb.yaml'), `a: &a ${nine('x')}\nb: &b ${nine('*a')}\nc: &c ${nine('*b')}\nd: &d ${nine('*c')}\ne: &e ${nine('*d')}\nf: &f ${nine('*e')}\ng: ${nine('*f')}\n`);
    // 1.2 MB, 1.2 million tokens: refused after counting 300,000 (parsing it twice took ~35 s at 4 MiB).
    writeFileSync(join(dir, 'huge.yaml'), `---\nx: [${'1,'.repeat(600_000)}1]\n`);
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling.yaml'));
    const fifo = spawnSync('mkfifo', [join(dir, 'fifo.yaml')]);
    expect(fifo.status).toBe(0);
    const r = await cliInProcess('check', dir);
    expect(r.code).toBe(1);
    const rel = (f: string) => relative(ROOT, join(dir, f));
    const lines = r.stderr.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        `${rel('configmap.yaml')}: metadata.labels.enabled: "no" reads as false in YAML 1.1 (kubectl, Argo CD): quote it`,
        `${rel('configmap.yaml')}: data.mode: 755 reads as 493 in YAML 1.1 (kubectl, Argo CD)`,
        `${rel('configmap.yaml')}: data.at: "1:20" reads as 80 in YAML 1.1 (kubectl, Argo CD): quote it`,
        `${rel('invalid.yaml')}: is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1:`,
        `${rel('bomb.yaml')}: cannot be read as YAML: Excessive alias count indicates a resource exhaustion attack`,
        `${rel('huge.yaml')}: has more than 300000 YAML tokens: too large to check (not a manifest synth writes)`,
        `${rel('dangling.yaml')}: cannot be read: it does not exist (or is a dangling link)`,
        `${rel('fifo.yaml')}: is not a regular file (a device, FIFO or socket)`,
      ]),
    );
    // A quoted "on" key is fine; the Deployment and the ConfigMap were still checked.
    expect(r.stderr).not.toContain('data.on');
    expect(r.stdout).toMatch(/^checked 2 objects: /);
  });
});
