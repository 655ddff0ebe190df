import { APPLICATION_HEALTH_LUA, COMPONENT_PREFIXES, HEALTH_CHECKS, TEKTON_CONFIG_HEALTH_LUA, TEKTON_CONFIG_WORKING_MESSAGES } from '../../src/argocd/health-checks';
import { runHealth } from './engines/engines';
import { TEKTON_CONFIG_STATES } from './fixtures/tekton-config-states';

// What Argo CD accepts as a health status (gitops-engine pkg/health/health.go HealthStatusCode).
const STATUSES = ['Healthy', 'Progressing', 'Degraded', 'Suspended', 'Missing', 'Unknown'];

describe('health scripts under Lua 5.1 in Argo CD’s sandbox (no string library)', () => {
  test('the sandbox is Argo CD’s: string.* and string methods fail, so a script that used them would fail here too', () => {
    const obj = [{ status: {} }];
    expect(runHealth('return { status = string.upper("healthy") }', obj)[0].error).toMatch(/global 'string'/);
    expect(runHealth('local s = "x"; return { status = s:upper() }', obj)[0].error).toMatch(/attempt to index .*string value/);
    expect(runHealth('return { status = "Healthy", message = table.concat({ "a", "b" }, "-") }', obj)[0]).toEqual({ status: 'Healthy', message: 'a-b' });
  });

  test('no script names the string library or calls a method (branches a fixture misses included)', () => {
    for (const h of HEALTH_CHECKS) {
      expect(h.check).not.toMatch(/\bstring\./);
      expect(h.check).not.toMatch(/[\w)\]]:\w+\s*\(/);
    }
  });

  describe('TektonConfig, in every state the trains’ operators (v0.65.1, v0.80.0) write', () => {
    const results = runHealth(TEKTON_CONFIG_HEALTH_LUA, TEKTON_CONFIG_STATES.map((s) => s.object));
    test.each(TEKTON_CONFIG_STATES.map((s, i) => [s.name, s, i] as const))('%s', (_name, state, i) => {
      const r = results[i];
      expect(r.error).toBeUndefined();
      expect(STATUSES).toContain(r.status);
      expect(r.status).toBe(state.status);
      expect(typeof r.message).toBe('string');
      if (state.message) expect(r.message).toContain(state.message);
    });

    test('a requeue of a component the table does not know is an error the operator reported: Degraded, not silently Healthy', () => {
      const state = TEKTON_CONFIG_STATES.find((s) => s.name.startsWith('v0.65 installing: TektonPipeline created'))!;
      const unknown = JSON.parse(JSON.stringify(state.object).split('TektonPipeline: reconcile').join('TektonFuture: reconcile'));
      expect(runHealth(TEKTON_CONFIG_HEALTH_LUA, [unknown])[0].status).toBe('Degraded');
    });

    test('every working message in the script’s table reads as Progressing, every one with a suffix as Degraded', () => {
      const withMessage = (m: string) => ({
        apiVersion: 'operator.tekton.dev/v1alpha1',
        kind: 'TektonConfig',
        metadata: { name: 'config' },
        status: { conditions: [{ type: 'ComponentsReady', status: 'False', reason: 'Error', message: m }, { type: 'Ready', status: 'False', reason: 'Error', message: m }] },
      });
      const working = runHealth(TEKTON_CONFIG_HEALTH_LUA, TEKTON_CONFIG_WORKING_MESSAGES.map(withMessage));
      expect(working.map((r) => r.status)).toEqual(TEKTON_CONFIG_WORKING_MESSAGES.map(() => 'Progressing'));
      const failing = runHealth(TEKTON_CONFIG_HEALTH_LUA, TEKTON_CONFIG_WORKING_MESSAGES.map((m) => withMessage(`${m}: x509: certificate has expired`)));
      expect(failing.map((r) => r.status)).toEqual(TEKTON_CONFIG_WORKING_MESSAGES.map(() => 'Degraded'));
    });

    test('the working messages are exact: a message that only contains one is not mistaken for it', () => {
      expect(TEKTON_CONFIG_WORKING_MESSAGES).toContain('Components not in ready state: TektonPipeline: reconcile again and proceed');
      expect(COMPONENT_PREFIXES).toContain('TektonResult ');
      const state = TEKTON_CONFIG_STATES.find((s) => s.name.startsWith('v0.65 installing: TektonPipeline created'))!;
      const longer = JSON.parse(JSON.stringify(state.object).split('reconcile again and proceed').join('reconcile again and proceed: timeout'));
      expect(runHealth(TEKTON_CONFIG_HEALTH_LUA, [longer])[0].status).toBe('Degraded');
    });
  });

  describe('Application (app-of-apps waves)', () => {
    const app = (status?: unknown) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'a', namespace: 'openshift-gitops' }, ...(status === undefined ? {} : { status }) });
    const cases: [string, unknown, string, string][] = [
      ['healthy', app({ health: { status: 'Healthy' }, sync: { status: 'Synced' } }), 'Healthy', ''],
      ['progressing', app({ health: { status: 'Progressing', message: 'Waiting for rollout' } }), 'Progressing', 'Waiting for rollout'],
      ['degraded', app({ health: { status: 'Degraded', message: 'Deployment has timed out progressing' } }), 'Degraded', 'Deployment has timed out progressing'],
      ['missing resources', app({ health: { status: 'Missing' } }), 'Missing', ''],
      ['suspended', app({ health: { status: 'Suspended' } }), 'Suspended', ''],
      ['empty health (controller has not assessed it yet)', app({ health: {} }), 'Progressing', ''],
      ['health status empty string', app({ health: { status: '' } }), 'Progressing', ''],
      ['status without health', app({ sync: { status: 'OutOfSync' } }), 'Progressing', ''],
      ['no status', app(), 'Progressing', ''],
    ];
    const results = runHealth(APPLICATION_HEALTH_LUA, cases.map((c) => c[1]));
    test.each(cases.map((c, i) => [c[0], c, i] as const))('%s', (_name, c, i) => {
      expect(results[i]).toEqual({ status: c[2], message: c[3] });
    });
  });
});
