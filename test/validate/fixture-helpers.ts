import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CheckedObject, DeployedObject, Finding, SchemaRegistry, checkObjects, parseManifests } from '../../src/validate';

export const ROOT = resolve(__dirname, '../..');
export const FIXTURES = 'test/fixtures';

/** One registry for all tests: schemas compile once, as in `npm run check`. */
export const registry = new SchemaRegistry();

/** The objects of fixture files (paths relative to test/fixtures), named by their repository path. */
export function load(...names: string[]): CheckedObject[] {
  const files = new Map(names.map((n) => [`${FIXTURES}/${n}`, readFileSync(join(ROOT, FIXTURES, n), 'utf8')]));
  const { objects, findings } = parseManifests(files);
  if (findings.length > 0) throw new Error(findings.map((f) => f.message).join('\n'));
  if (objects.length === 0) throw new Error(`no objects in ${names.join(', ')}`);
  return objects;
}

export function fixtureNames(dir: string): string[] {
  const names = readdirSync(join(ROOT, FIXTURES, dir)).filter((f) => f.endsWith('.yaml')).sort();
  if (names.length === 0) throw new Error(`no fixtures in ${dir}`);
  return names.map((n) => `${dir}/${n}`);
}

export function check(objects: readonly CheckedObject[], destination = 'cluster-a'): Finding[] {
  const deployed: DeployedObject[] = objects.map((o) => ({ ...o, destination }));
  return [...checkObjects(deployed, { registry }).findings];
}
