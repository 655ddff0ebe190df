import { resultsWatchProblem } from '../../src/config';
import { RESULTS_RELEASES, ReleaseTrain, TRAINS, compareVersions, imageRef } from '../../src/trains';

const trains = Object.values(TRAINS);

describe('release trains', () => {
  test('each OSP channel belongs to one train at most (an override names the train that covers it)', () => {
    const channels = trains.flatMap((t) => t.channels);
    expect(new Set(channels).size).toBe(channels.length);
  });

  test.each(trains.map((t) => [t.name, t]))('%s: every Results release it allows is known and watches APIs its Pipelines serves', (_, train) => {
    for (const v of train.results.versions) {
      const release = RESULTS_RELEASES[v];
      expect(release).toBeDefined();
      expect(resultsWatchProblem(train, release)).toBeUndefined();
    }
  });

  test.each(trains.map((t) => [t.name, t]))('%s: every image is by digest or marked unknown, and says where it comes from', (_, train) => {
    for (const image of Object.values(train.images)) {
      expect(image.digest === 'unknown' || /^sha256:[a-f0-9]{64}$/.test(image.digest)).toBe(true);
      expect(image.image).not.toContain('@');
      expect(image.source).toMatch(/@/);
    }
  });

  test('an unknown digest becomes the all-zero placeholder, never a guessed value', () => {
    expect(imageRef({ image: 'gcr.io/x/api:v0.6.0', digest: 'unknown', source: 'x@y' })).toBe(`gcr.io/x/api:v0.6.0@sha256:${'0'.repeat(64)}`);
    expect(imageRef({ image: 'r/x', digest: `sha256:${'a'.repeat(64)}`, source: 'x@y' })).toBe(`r/x@sha256:${'a'.repeat(64)}`);
  });

  test('phase-1: kcp v0.11, pipelines-1.10 (operator v0.65), PaC v0.17.7, Results as manifests; current: pipelines-1.23, Results by the operator', () => {
    expect([TRAINS['phase-1'].kcp?.version, TRAINS['phase-1'].channels, TRAINS['phase-1'].operator.version, TRAINS['phase-1'].pipelinesAsCode.version]).toEqual([
      'v0.11.0',
      ['pipelines-1.10'],
      'v0.65.1',
      'v0.17.7',
    ]);
    expect(TRAINS['phase-1'].results.managedBy).toBe('manifests');
    expect([TRAINS.current.kcp, TRAINS.current.channels, TRAINS.current.operator.version, TRAINS.current.results.managedBy]).toEqual([undefined, ['pipelines-1.23'], 'v0.80.0', 'operator']);
  });

  test('a Results release that watches tekton.dev/v1 cannot run on a train whose Pipelines serves v1beta1 only', () => {
    // pipelines-1.9's Pipelines v0.41.3 serves v1 with served: false (tektoncd/pipeline@v0.41.3:config/300-pipelinerun.yaml).
    const v1beta1Only: ReleaseTrain = {
      ...TRAINS['phase-1'],
      name: 'pipelines-1.9-fixture',
      pipelines: { ...TRAINS['phase-1'].pipelines, version: 'v0.41.3', servedApis: ['tekton.dev/v1beta1'] },
    };
    expect(resultsWatchProblem(v1beta1Only, RESULTS_RELEASES['v0.12.0'])).toBe(
      'Results v0.12.0 watches tekton.dev/v1, which Pipelines v0.41.3 of train pipelines-1.9-fixture does not serve: use Results v0.6.0 or v0.5.0',
    );
    expect(resultsWatchProblem(v1beta1Only, RESULTS_RELEASES['v0.6.0'])).toBeUndefined();
    expect(resultsWatchProblem(TRAINS['phase-1'], RESULTS_RELEASES['v0.12.0'])).toBeUndefined();
  });

  test('compareVersions orders release tags numerically', () => {
    expect(compareVersions('v1.28.0', 'v1.24.0')).toBeGreaterThan(0);
    expect(compareVersions('v1.9.0', 'v1.24.0')).toBeLessThan(0);
    expect(compareVersions('v1.24', 'v1.24.0')).toBe(0);
  });
});
