import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdk8s';
import { InstallPlanApprover } from '../../src/constructs/install-plan-approver';
import { ConfigError, parseEnvironment } from '../../src/config';
import { only, testChart } from '../helpers';

const CSV = 'openshift-pipelines-operator-rh.v1.10.4';
const IMAGE = `registry.redhat.io/openshift4/ose-cli@sha256:${'b'.repeat(64)}`;

function synth() {
  const chart = testChart();
  new InstallPlanApprover(chart, 'Approver', { namespace: 'openshift-operators', subscriptionName: 'openshift-pipelines-operator', csv: CSV, image: IMAGE });
  return Testing.synth(chart);
}

describe('InstallPlanApprover', () => {
  test('a Sync hook Job in the Subscription wave, replaced on each sync', () => {
    const job = only(synth(), 'Job');
    expect(job.metadata.name).toBe('openshift-pipelines-operator-installplan-approver');
    expect(job.metadata.annotations).toEqual({
      'argocd.argoproj.io/hook': 'Sync',
      'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
      'argocd.argoproj.io/sync-wave': '0',
    });
  });

  test('least privilege: a namespaced Role, get/list/patch installplans, get on the one Subscription', () => {
    const objs = synth();
    expect(objs.filter((o) => o.kind.startsWith('Cluster'))).toEqual([]);
    expect(only(objs, 'Role').rules).toEqual([
      { apiGroups: ['operators.coreos.com'], resources: ['installplans'], verbs: ['get', 'list', 'patch'] },
      { apiGroups: ['operators.coreos.com'], resources: ['subscriptions'], resourceNames: ['openshift-pipelines-operator'], verbs: ['get'] },
    ]);
    expect(only(objs, 'RoleBinding').subjects).toEqual([{ kind: 'ServiceAccount', name: 'openshift-pipelines-operator-installplan-approver', namespace: 'openshift-operators' }]);
  });

  test('restricted security context, requests and limits, image by digest, the pinned CSV', () => {
    const pod = only(synth(), 'Job').spec.template.spec;
    const c = pod.containers[0];
    expect(c.image).toBe(IMAGE);
    expect(c.securityContext).toEqual({
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(Object.keys(c.resources.requests).sort()).toEqual(['cpu', 'memory']);
    expect(Object.keys(c.resources.limits).sort()).toEqual(['cpu', 'memory']);
    expect(c.env).toContainEqual({ name: 'CSV', value: CSV });
    expect(pod.restartPolicy).toBe('Never');
  });

  test('the script approves only a plan whose CSV list is exactly the pinned CSV', () => {
    const script: string = only(synth(), 'Job').spec.template.spec.containers[0].command[2];
    expect(script).toContain('if [ "$csvs" = "[\\"$CSV\\"]" ]; then');
    expect(script.match(/kubectl patch/g)).toHaveLength(1);
    expect(script).toContain('refused installplan');
  });
});

/** Runs the Job's script against a fake kubectl that serves `plans` and records patches. */
function runScript(installed: string, plans: string) {
  const dir = mkdtempSync(join(tmpdir(), 'approver-'));
  writeFileSync(join(dir, 'plans'), plans);
  writeFileSync(
    join(dir, 'kubectl'),
    `#!/bin/sh
case "$1 $2" in
  "get subscriptions.operators.coreos.com") printf '%s' '${installed}' ;;
  "get installplans.operators.coreos.com") cat "${dir}/plans" ;;
  *) echo "$@" >> "${dir}/patched" ;;
esac
`,
  );
  chmodSync(join(dir, 'kubectl'), 0o755);
  const job = only(synth(), 'Job').spec.template.spec.containers[0];
  const env: Record<string, string> = { PATH: `${dir}:/usr/bin:/bin` };
  for (const e of job.env) env[e.name] = e.value;
  env.TIMEOUT_SECONDS = '0';
  env.HOME = dir;
  const r = spawnSync('/bin/sh', ['-c', job.command[2].replace('/tmp/installplans', join(dir, 'out'))], { env, encoding: 'utf8' });
  let patched = '';
  try {
    patched = readFileSync(join(dir, 'patched'), 'utf8');
  } catch {
    patched = '';
  }
  rmSync(dir, { recursive: true, force: true });
  return { code: r.status, stdout: r.stdout, patched };
}

describe('the approval script (fake kubectl)', () => {
  test('approves the pending plan of the pinned CSV, and only that one', () => {
    const r = runScript('', `install-other false ["openshift-pipelines-operator-rh.v1.11.0"]\ninstall-abc false ["${CSV}"]\n`);
    expect(r.code).toBe(0);
    expect(r.patched).toBe(`patch installplans.operators.coreos.com install-abc -n openshift-operators --type merge -p {"spec":{"approved":true}}\n`);
    expect(r.stdout).toContain('refused installplan install-other');
  });

  test('refuses a plan for another CSV, or one bundling more CSVs, and fails when nothing matches', () => {
    const r = runScript('', `install-new false ["openshift-pipelines-operator-rh.v1.11.0"]\ninstall-two false ["${CSV}","other.v1"]\n`);
    expect(r.code).toBe(1);
    expect(r.patched).toBe('');
    expect(r.stdout).toContain('refused installplan install-two');
  });

  test('nothing to do once the pinned CSV is installed', () => {
    const r = runScript(CSV, `install-new false ["openshift-pipelines-operator-rh.v1.11.0"]\n`);
    expect(r.code).toBe(0);
    expect(r.patched).toBe('');
  });
});

describe('operator.installPlanApprover config', () => {
  const base = { name: 'e', train: 'phase-1', git: { repoURL: 'https://github.com/o/r.git' }, clusters: [{ name: 'a', destination: { name: 'a' } }] };
  const errors = (operator: object) => {
    try {
      parseEnvironment({ ...base, operator });
    } catch (e) {
      return (e as ConfigError).lines;
    }
    return [];
  };

  test('needs Manual approval', () =>
    expect(errors({ installPlanApprover: { enabled: true, image: IMAGE } })).toEqual([
      'operator.installPlanApprover.enabled: only applies when installPlanApproval is Manual (got "Automatic"): set installPlanApproval to Manual or disable the approver',
    ]));

  test('needs an image pinned by digest', () => {
    expect(errors({ installPlanApproval: 'Manual', startingCSV: CSV, installPlanApprover: { enabled: true } })).toEqual([
      'operator.installPlanApprover.image: is required when the approver is enabled: an image with /bin/sh and kubectl, pinned by digest',
    ]);
    expect(errors({ installPlanApproval: 'Manual', startingCSV: CSV, installPlanApprover: { enabled: true, image: 'quay.io/x/cli:latest' } })).toEqual([
      'operator.installPlanApprover.image: must be pinned by digest: <registry>/<repository>[:tag]@sha256:<64 hex digits> (a tag alone can change under you)',
    ]);
  });

  test('off by default', () => {
    expect(parseEnvironment(base).operator.installPlanApprover).toEqual({ enabled: false });
  });
});
