import Ajv from 'ajv';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ENVIRONMENT_SCHEMA_FILE, environmentJsonSchema, environmentNames, loadEnvironmentByName, parseEnvironment } from '../../src/config';
import { FIXTURE_ENVIRONMENTS, MINIMAL_ENVIRONMENT } from '../helpers';

const ROOT = join(__dirname, '../..');
const SHIPPED_DIR = join(ROOT, 'environments');
const SCHEMA = join(ROOT, ENVIRONMENT_SCHEMA_FILE);
const committed = readFileSync(SCHEMA, 'utf8');
const validate = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(committed));
const ajvProblems = (data: unknown) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

/** The shipped environment files and the tests' own. */
const FILES = [
  ...environmentNames(SHIPPED_DIR).map((n) => join(SHIPPED_DIR, `${n}.yaml`)),
  ...readdirSync(FIXTURE_ENVIRONMENTS).map((f) => join(FIXTURE_ENVIRONMENTS, f)),
];

test('there are environment files to check', () => {
  expect(environmentNames(SHIPPED_DIR).length).toBeGreaterThan(0);
  expect(FILES.length).toBeGreaterThan(environmentNames(SHIPPED_DIR).length);
});

test('the committed JSON Schema is what the zod schema generates (npm run synth rewrites it; npm run check fails while stale)', () => {
  expect(committed).toBe(environmentJsonSchema());
  // scripts/build.mjs writes the same file.
  expect(readFileSync(join(ROOT, 'scripts/build.mjs'), 'utf8')).toContain(`join(root, '${ENVIRONMENT_SCHEMA_FILE}')`);
});

describe.each(FILES.map((f) => [f.slice(ROOT.length + 1), f]))('%s', (_rel, file) => {
  const text = readFileSync(file, 'utf8');

  test('starts with the yaml-language-server line pointing at the committed JSON Schema', () => {
    const first = text.split('\n')[0];
    const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect(m).not.toBeNull();
    expect(resolve(dirname(file), m![1])).toBe(SCHEMA);
  });

  test('is valid against the JSON Schema (ajv) and the zod schema', () => {
    const data = parse(text);
    expect(ajvProblems(data)).toEqual([]);
    expect(parseEnvironment(data, file).name).toBe(data.name);
  });
});

test('every shipped environment loads by its file name', () => {
  for (const name of environmentNames(SHIPPED_DIR)) expect(loadEnvironmentByName(name, SHIPPED_DIR).name).toBe(name);
});

describe('the JSON Schema checks what an editor can: fields, types, enums; defaults are optional', () => {
  test('the smallest environment passes: fields with defaults may be left out', () => {
    const { git: _git, ...smallest } = MINIMAL_ENVIRONMENT;
    expect(ajvProblems(smallest)).toEqual([]);
  });

  test('an unknown field, a wrong type, an unknown train, a value outside an enum and a missing required field fail', () => {
    expect(ajvProblems({ ...MINIMAL_ENVIRONMENT, extra: 1 })).toEqual([' must NOT have additional properties']);
    expect(ajvProblems({ ...MINIMAL_ENVIRONMENT, clusters: 'a' })).toEqual(['/clusters must be array']);
    expect(ajvProblems({ ...MINIMAL_ENVIRONMENT, train: 'phase-2' })).toEqual(['/train must be equal to one of the allowed values']);
    expect(ajvProblems({ ...MINIMAL_ENVIRONMENT, argocd: { mode: 'apps' } })).toEqual(['/argocd/mode must be equal to one of the allowed values']);
    const { name: _name, ...nameless } = MINIMAL_ENVIRONMENT;
    expect(ajvProblems(nameless)).toEqual([" must have required property 'name'"]);
  });

  test('labels are maps of strings', () => {
    const labelled = (labels: unknown) => ({ ...MINIMAL_ENVIRONMENT, clusters: [{ ...MINIMAL_ENVIRONMENT.clusters[0], labels }] });
    expect(ajvProblems(labelled({ region: 'us-east-1' }))).toEqual([]);
    expect(ajvProblems(labelled({ region: 1 }))).toEqual(['/clusters/0/labels/region must be string']);
  });
});
