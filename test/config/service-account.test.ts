import { parseEnvironment } from '../../src/config';
import { MINIMAL_ENVIRONMENT, configProblems } from '../helpers';

const IMAGE = `ghcr.io/kcp-dev/kcp/syncer:v0.11.0@sha256:${'a'.repeat(64)}`;
const kcp = { serverURL: 'https://kcp.example.com', organization: 'root:ps', syncer: { image: IMAGE } };
const env = (pipeline: Record<string, unknown>, params: { name: string; value: string }[] = [], withKcp = true) => ({
  ...MINIMAL_ENVIRONMENT,
  ...(withKcp ? { kcp } : {}),
  tektonConfig: { pipeline, params },
});

describe('the ServiceAccount PipelineRuns run as exists in the namespaces the kcp syncer creates', () => {
  test('a name nothing creates there is an error naming the flag', () => {
    expect(configProblems(env({ 'default-service-account': 'appstudio-pipeline' }))).toEqual([
      'tektonConfig.pipeline.default-service-account: "appstudio-pipeline" is created by nothing in the namespaces the kcp syncer creates on the workload clusters, so every PipelineRun without its own serviceAccountName fails; use "pipeline" (the operator creates it in every namespace while createRbacResource is not "false") or "default"',
    ]);
  });

  test('the operator\'s pipeline account, unless createRbacResource is "false"', () => {
    expect(() => parseEnvironment(env({ 'default-service-account': 'pipeline' }))).not.toThrow();
    expect(() => parseEnvironment(env({ 'default-service-account': 'pipeline' }, [{ name: 'createRbacResource', value: 'true' }]))).not.toThrow();
    expect(configProblems(env({ 'default-service-account': 'pipeline' }, [{ name: 'x', value: 'y' }, { name: 'createRbacResource', value: 'false' }]))).toEqual([
      'tektonConfig.params[1].value: is "false", so the operator creates no "pipeline" ServiceAccount, yet tektonConfig.pipeline["default-service-account"] names it: PipelineRuns in the namespaces the kcp syncer creates would fail; set createRbacResource to "true"',
    ]);
  });

  test('default (every namespace has it), unset (Tekton uses default), or no kcp (users create namespaces and accounts)', () => {
    expect(() => parseEnvironment(env({ 'default-service-account': 'default' }, [{ name: 'createRbacResource', value: 'false' }]))).not.toThrow();
    expect(() => parseEnvironment(env({}, [{ name: 'createRbacResource', value: 'false' }]))).not.toThrow();
    expect(() => parseEnvironment(env({ 'default-service-account': 'appstudio-pipeline' }, [], false))).not.toThrow();
  });
});
