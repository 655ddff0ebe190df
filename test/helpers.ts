import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { EnvironmentConfig, EnvironmentInput, parseEnvironment } from '../src/config';

/** A small valid environment; tests override what they exercise. */
export function testEnvironment(overrides: Partial<EnvironmentInput> = {}): EnvironmentConfig {
  return parseEnvironment({
    name: 'test',
    git: { repoURL: 'https://github.com/example-org/pipeline-service-manifests.git' },
    clusters: [{ name: 'cluster-a', destination: { name: 'cluster-a' } }],
    ...overrides,
  });
}

/** A chart under a test app, with the hash-free naming the project uses. */
export function testChart(): Chart {
  return new Chart(Testing.app(), 'test', { disableResourceNameHashes: true });
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
