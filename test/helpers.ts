import { ApiObject, App, Chart } from 'cdk8s';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, EnvironmentConfig, EnvironmentInput, parseEnvironment, parseEnvironmentText } from '../src/config';

/** Environment files of the tests' own (test/fixtures/environments/<name>.yaml: dev, prod, successor, frozen copies of the shipped ones). */
export const FIXTURE_ENVIRONMENTS = join(__dirname, 'fixtures/environments');

/** A fixture environment as written (defaults left out), for tests to vary before parsing. */
export function fixtureEnvironment(name: 'dev' | 'prod' | 'successor'): EnvironmentInput {
  const file = join(FIXTURE_ENVIRONMENTS, `${name}.yaml`);
  return parseEnvironmentText(readFileSync(file, 'utf8'), file) as EnvironmentInput;
}

/** A small valid environment; tests override what they exercise. */
export function testEnvironment(overrides: Partial<EnvironmentInput> = {}): EnvironmentConfig {
  return parseEnvironment({
    name: 'test',
    train: 'phase-1',
    git: { repoURL: 'https://github.com/example-org/pipeline-service-manifests.git' },
    clusters: [{ name: 'cluster-a', destination: { name: 'cluster-a' } }],
    ...overrides,
  });
}

/**
 * An app for tests. Not `Testing.app()`, which makes a temporary outdir per call that nothing
 * removes; these apps are never synthesized to disk (objects are read with `toJson`).
 */
export function testApp(): App {
  return new App({ outdir: 'unused' });
}

/** A chart under a test app, with the hash-free naming the project uses. */
export function testChart(): Chart {
  return new Chart(testApp(), 'test', { disableResourceNameHashes: true });
}

/** Synthesized objects of one kind; fails when there is none, so loops over it cannot pass empty. */
export function ofKind(manifests: any[], kind: string): any[] {
  const found = manifests.filter((m) => m.kind === kind);
  if (found.length === 0) throw new Error(`no ${kind} in ${manifests.map((m) => m.kind).join(', ')}`);
  return found;
}

export function only(manifests: any[], kind: string): any {
  const found = ofKind(manifests, kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0];
}

export { ApiObject, App };

/** The smallest valid environment input. */
export const MINIMAL_ENVIRONMENT = {
  name: 'test',
  train: 'phase-1',
  git: { repoURL: 'https://github.com/example-org/manifests.git' },
  clusters: [{ name: 'cluster-a', destination: { name: 'cluster-a' } }],
};

/** The error lines of a config that must be rejected; fails the test if it is accepted. */
export function configProblems(input: unknown): string[] {
  try {
    parseEnvironment(input);
  } catch (e) {
    if (e instanceof ConfigError) return [...e.lines];
    throw e;
  }
  throw new Error('expected the config to be rejected');
}
