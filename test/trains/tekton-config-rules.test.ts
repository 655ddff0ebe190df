import { TRAINS } from '../../src/trains';

const v065 = TRAINS['phase-1'].tektonConfig;
const v080 = TRAINS.current.tektonConfig;

/** `path: message` lines, for focused assertions. */
const lines = (rules: typeof v065, spec: unknown) => rules.problems(spec).map((p) => `${p.path.join('.')}: ${p.message}`);

const PHASE_1_SPEC = {
  profile: 'all',
  targetNamespace: 'openshift-pipelines',
  pipeline: { 'enable-api-fields': 'stable', 'default-service-account': 'pipeline', 'enable-bundles-resolver': true, 'embedded-status': 'minimal' },
  pruner: { resources: ['taskrun'], keep: 10, schedule: '0 * * * *' },
  platforms: { openshift: { pipelinesAsCode: { enable: true, settings: { 'application-name': 'x' } } } },
  params: [{ name: 'createRbacResource', value: 'false' }],
};

const CURRENT_SPEC = {
  profile: 'all',
  targetNamespace: 'openshift-pipelines',
  pipeline: { 'enable-api-fields': 'beta' },
  pruner: { disabled: true },
  chain: { disabled: false, 'artifacts.oci.storage': 'oci' },
  result: { disabled: true, is_external_db: false },
  platforms: { openshift: { pipelinesAsCode: { enable: true } } },
};

describe('operator v0.65.1 (train phase-1): Go types and webhook at the tag', () => {
  test('a spec it accepts has no problem', () => {
    expect(lines(v065, PHASE_1_SPEC)).toEqual([]);
  });

  test('fields added later are unknown, naming the first operator and channel that has them', () => {
    const out = lines(v065, { ...PHASE_1_SPEC, chain: {}, result: {}, pruner: { ...PHASE_1_SPEC.pruner, disabled: false } });
    expect(out).toEqual([
      expect.stringMatching(/^chain: unknown to operator v0\.65\.1 .*first in operator v0\.67\.0 \(pipelines-1\.11, /),
      expect.stringMatching(/^result: unknown to operator v0\.65\.1 .*first in operator v0\.75\.0 \(pipelines-1\.18, /),
      expect.stringMatching(/^pruner\.disabled: unknown to operator v0\.65\.1 .*first in operator v0\.67\.0 \(pipelines-1\.11, /),
    ]);
  });

  test('any unknown key at any depth is rejected (disallowUnknownFields)', () => {
    expect(lines(v065, { ...PHASE_1_SPEC, platforms: { openshift: { pipelinesAsCode: { enable: true, extra: 1 } } } })).toEqual([
      'platforms.openshift.pipelinesAsCode.extra: unknown to operator v0.65.1 (pipelines-1.10), whose webhook rejects unknown fields: remove it',
    ]);
  });

  test('enable-api-fields: stable or alpha only (beta from v0.67)', () => {
    expect(lines(v065, { ...PHASE_1_SPEC, pipeline: { 'enable-api-fields': 'alpha' } })).toEqual([]);
    expect(lines(v065, { ...PHASE_1_SPEC, pipeline: { 'enable-api-fields': 'beta' } })).toEqual([
      'pipeline.enable-api-fields: must be one of "stable", "alpha", got "beta" (operator v0.65.1; "beta" first in operator v0.67.0 (pipelines-1.11))',
    ]);
    expect(lines(v065, { ...PHASE_1_SPEC, trigger: { 'enable-api-fields': 'beta' } })).toEqual([expect.stringMatching(/^trigger\.enable-api-fields: must be one of "stable", "alpha"/)]);
  });

  test('pruner: resources required and known, one of keep / keep-since, neither 0, schedule required', () => {
    const pruner = (p: object) => lines(v065, { ...PHASE_1_SPEC, pruner: p });
    expect(pruner({ keep: 3, schedule: '@daily' })).toEqual([expect.stringMatching(/^pruner\.resources: is required/)]);
    expect(pruner({ resources: ['pod'], keep: 3, schedule: '@daily' })).toEqual([expect.stringMatching(/^pruner\.resources\.0: must be "taskrun" or "pipelinerun"/)]);
    expect(pruner({ resources: ['taskrun'], schedule: '@daily' })).toEqual([expect.stringMatching(/^pruner: needs exactly one of keep or keep-since/)]);
    expect(pruner({ resources: ['taskrun'], keep: 3, 'keep-since': 5, schedule: '@daily' })).toEqual([expect.stringMatching(/^pruner\.keep-since: set either keep or keep-since, not both/)]);
    expect(pruner({ resources: ['taskrun'], keep: 0, schedule: '@daily' })).toEqual([expect.stringMatching(/^pruner\.keep: must not be 0/)]);
    expect(pruner({ resources: ['taskrun'], 'keep-since': 0, schedule: '@daily' })).toEqual([expect.stringMatching(/^pruner\.keep-since: must not be 0/)]);
    expect(pruner({ resources: ['taskrun'], keep: 3 })).toEqual([expect.stringMatching(/^pruner\.schedule: is required by operator v0\.65 and older/)]);
    expect(pruner({ resources: ['taskrun'], keep: -1, schedule: '@daily' })).toEqual(['pruner.keep: must be >= 0']);
    // An empty pruner is not validated (`if !tc.Spec.Pruner.IsEmpty()`).
    expect(pruner({})).toEqual([]);
  });

  test('targetNamespace required, profile, embedded-status, verification-mode, default-timeout-minutes, addon and hub params', () => {
    expect(lines(v065, { ...PHASE_1_SPEC, targetNamespace: '' })).toEqual([expect.stringMatching(/^targetNamespace: is required/)]);
    expect(lines(v065, { ...PHASE_1_SPEC, profile: 'full' })).toEqual(['profile: must be one of "lite", "basic", "all" (const.go Profiles)']);
    expect(lines(v065, { ...PHASE_1_SPEC, pipeline: { 'embedded-status': 'all' } })).toEqual([expect.stringMatching(/^pipeline\.embedded-status: must be one of "full", "both", "minimal"/)]);
    expect(lines(v065, { ...PHASE_1_SPEC, pipeline: { 'verification-mode': 'strict' } })).toEqual([expect.stringMatching(/^pipeline\.verification-mode: must be one of "skip", "warn", "enforce"/)]);
    expect(lines(v065, { ...PHASE_1_SPEC, pipeline: { 'default-timeout-minutes': 0 } })).toEqual([expect.stringMatching(/^pipeline\.default-timeout-minutes: must not be 0/)]);
    expect(lines(v065, { ...PHASE_1_SPEC, addon: { params: [{ name: 'clusterTask', value: 'true' }, { name: 'pipelineTemplates', value: 'yes' }] } })).toEqual([
      expect.stringMatching(/^addon\.params\.0\.name: must be one of clusterTasks, pipelineTemplates, communityClusterTasks/),
      expect.stringMatching(/^addon\.params\.1\.value: must be "true" or "false"/),
    ]);
    expect(lines(v065, { ...PHASE_1_SPEC, hub: { params: [{ name: 'enable-devconsole-integration', value: 'true' }] } })).toEqual([]);
  });

  test('types as the Go types decode them', () => {
    expect(lines(v065, { ...PHASE_1_SPEC, pipeline: { 'enable-bundles-resolver': 'yes' } })).toEqual(['pipeline.enable-bundles-resolver: must be boolean']);
    expect(lines(v065, { ...PHASE_1_SPEC, params: [{ name: 'a', value: 1 }] })).toEqual(['params.0.value: must be string']);
  });
});

describe('operator v0.80 (train current): the OSP 1.23 structural CRD and the v0.80 webhook', () => {
  test('a spec it accepts has no problem', () => {
    expect(lines(v080, CURRENT_SPEC)).toEqual([]);
  });

  test('the CRD: unknown keys rejected, required keys (pruner.disabled, result.is_external_db), types', () => {
    expect(lines(v080, { ...CURRENT_SPEC, pruner: {}, result: { disabled: false }, pipeline: { 'enable-tekton-oci-bundle': true } })).toEqual([
      'pipeline.enable-tekton-oci-bundle: unknown to operator v0.80 (pipelines-1.23), whose webhook rejects unknown fields: remove it',
      'pruner.disabled: is required',
      'result.is_external_db: is required',
    ]);
  });

  test('pruner: disabled skips every check; otherwise resources and one of keep / keep-since, schedule optional', () => {
    expect(lines(v080, { ...CURRENT_SPEC, pruner: { disabled: true, keep: 0 } })).toEqual([]);
    expect(lines(v080, { ...CURRENT_SPEC, pruner: { disabled: false, resources: ['taskrun'], keep: 5 } })).toEqual([]);
    expect(lines(v080, { ...CURRENT_SPEC, pruner: { disabled: false } })).toEqual([
      expect.stringMatching(/^pruner\.resources: is required/),
      expect.stringMatching(/^pruner: needs exactly one of keep or keep-since/),
    ]);
  });

  test('pipeline values: enable-api-fields incl. beta, coschedule, results-from, max-result-size, disable-inline-spec', () => {
    expect(lines(v080, { ...CURRENT_SPEC, pipeline: { 'enable-api-fields': 'gamma', coschedule: 'all', 'results-from': 'file', 'max-result-size': 1572864, 'disable-inline-spec': 'pipeline,task' } })).toEqual([
      expect.stringMatching(/^pipeline\.enable-api-fields: must be one of "alpha", "beta", "stable"/),
      expect.stringMatching(/^pipeline\.results-from: must be one of "termination-message", "sidecar-logs"/),
      expect.stringMatching(/^pipeline\.coschedule: must be one of/),
      expect.stringMatching(/^pipeline\.max-result-size: must be below 1572864/),
      expect.stringMatching(/^pipeline\.disable-inline-spec: may list only pipeline, pipelinerun, taskrun/),
    ]);
  });

  test('OpenShift build: no platforms.kubernetes, no openshift-operators target namespace', () => {
    expect(lines(v080, { ...CURRENT_SPEC, targetNamespace: 'openshift-operators', platforms: { kubernetes: {} } })).toEqual([
      expect.stringMatching(/^targetNamespace: "openshift-operators" is not allowed on OpenShift/),
      expect.stringMatching(/^platforms\.kubernetes: is rejected by the OpenShift build of the operator/),
    ]);
  });
});
