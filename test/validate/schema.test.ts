import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CheckedObject, metadataSchema, strictSchema, validateSchemas } from '../../src/validate';
import { ROOT, registry } from './fixture-helpers';

const SCHEMA_DIR = join(ROOT, 'imports/schemas');

describe('SchemaRegistry', () => {
  const served = readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => {
      const s = JSON.parse(readFileSync(join(SCHEMA_DIR, f), 'utf8'));
      return Object.keys(s.versions).map((v) => [`${s.group}/${v}`, s.kind] as const);
    });

  test('knows every served version of every CRD in imports/schemas, and compiles it', () => {
    expect(served.length).toBeGreaterThanOrEqual(18);
    expect(registry.customKinds.sort()).toEqual(served.map(([a, k]) => `${a}|${k}`).sort());
    for (const [apiVersion, kind] of served) expect(registry.validatorFor(apiVersion, kind)).toBeInstanceOf(Function);
  });

  test.each([
    ['v1', 'ConfigMap'],
    ['v1', 'Namespace'],
    ['v1', 'Secret'],
    ['v1', 'ServiceAccount'],
    ['apps/v1', 'Deployment'],
    ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
    ['networking.k8s.io/v1', 'NetworkPolicy'],
    ['batch/v1', 'CronJob'],
    ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'],
  ])('built-in %s %s has a validator', (apiVersion, kind) => {
    expect(registry.validatorFor(apiVersion, kind)).toBeInstanceOf(Function);
  });

  test.each([
    ['v1', 'Widget'],
    ['apps/v1', 'Pod'],
    ['example.com/v1', 'Widget'],
    ['../../etc/v1', 'Passwd'],
    ['v1', '../Pod'],
  ])('%s %s has none', (apiVersion, kind) => {
    expect(registry.validatorFor(apiVersion, kind)).toBeUndefined();
  });

  test('a validator is built once per apiVersion/kind and reused', () => {
    expect(registry.validatorFor('apps/v1', 'Deployment')).toBe(registry.validatorFor('apps/v1', 'Deployment'));
    expect(registry.validatorFor('operator.tekton.dev/v1alpha1', 'TektonConfig')).toBe(registry.validatorFor('operator.tekton.dev/v1alpha1', 'TektonConfig'));
  });

  test('an object without apiVersion is reported, not thrown on', () => {
    const findings = validateSchemas([{ file: 'x.yaml', object: { kind: 'ConfigMap', metadata: { name: 'a' } } }], registry);
    expect(findings).toEqual([{ check: 'schema', file: 'x.yaml', object: 'ConfigMap a', path: '(root)', message: 'has no apiVersion: not a Kubernetes object' }]);
  });

  test('a quantity of the wrong shape names the field once, with both accepted forms', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', resources: { limits: { cpu: 'lots' } } }] } };
    expect(validateSchemas([{ file: 'p.yaml', object: pod }], registry)).toEqual([
      expect.objectContaining({ path: 'spec.containers[0].resources.limits.cpu', message: 'must be number or must match format "quantity"' }),
    ]);
  });
});

describe('strictSchema', () => {
  test('closes objects that declare properties', () => {
    expect(strictSchema({ type: 'object', properties: { a: { type: 'string' } } })).toEqual({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false });
  });

  test('leaves x-kubernetes-preserve-unknown-fields, maps and property-less objects open', () => {
    const preserve = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { a: {} } };
    expect(strictSchema(preserve).additionalProperties).toBeUndefined();
    expect(strictSchema({ type: 'object', additionalProperties: { type: 'string' } })).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
    expect(strictSchema({ type: 'object' })).toEqual({ type: 'object' });
  });

  test('recurses into properties, items and additionalProperties, not into anyOf', () => {
    const s = strictSchema({
      type: 'object',
      properties: { list: { type: 'array', items: { type: 'object', properties: { b: {} } } } },
      additionalProperties: undefined,
      anyOf: [{ properties: { c: {} } }],
    });
    expect(s.properties.list.items.additionalProperties).toBe(false);
    expect(s.anyOf[0].additionalProperties).toBeUndefined();
  });

  test('the root and embedded resources accept apiVersion, kind and metadata', () => {
    const root = strictSchema({ type: 'object', properties: { spec: {} } }, true);
    expect(Object.keys(root.properties).sort()).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    const embedded = strictSchema({ type: 'object', properties: { template: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: {} } } } });
    expect(Object.keys(embedded.properties.template.properties).sort()).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
  });
});

describe('metadata of custom kinds', () => {
  const syncTarget = (metadata: Record<string, unknown>): CheckedObject => ({ file: 'st.yaml', object: { apiVersion: 'workload.kcp.io/v1alpha1', kind: 'SyncTarget', metadata, spec: {} } });

  test('the SyncTarget CRD declares metadata properties (what made labels fail before)', () => {
    const crd = JSON.parse(readFileSync(join(SCHEMA_DIR, 'kcp-synctarget.json'), 'utf8'));
    expect(Object.keys(crd.versions.v1alpha1.properties.metadata.properties)).toEqual(['name']);
  });

  test('labels, annotations and every other ObjectMeta field pass on a CRD kind that declares metadata.name', () => {
    const meta = { name: 'a', namespace: 'n', labels: { a: 'b' }, annotations: { c: 'd' }, finalizers: ['f'], ownerReferences: [] };
    expect(validateSchemas([syncTarget(meta)], registry)).toEqual([]);
  });

  test('an unknown metadata field fails, ObjectMeta types are checked, the CRD still constrains name', () => {
    const findings = validateSchemas([syncTarget({ name: 'a', labelz: {} }), syncTarget({ name: 'a', labels: { a: 3 } }), syncTarget({ name: 'x'.repeat(235) })], registry);
    expect(findings.map((f) => `${f.path}: ${f.message}`)).toEqual([
      'metadata.labelz: unknown field',
      'metadata.labels.a: must be string',
      'metadata.name: must NOT have more than 234 characters',
    ]);
  });

  test('metadataSchema keeps only name/generateName constraints and closes metadata to the ObjectMeta fields', () => {
    const s = metadataSchema({ type: 'object', properties: { name: { maxLength: 5 }, labels: { type: 'string' }, bogus: {} } });
    expect(s.properties.name).toEqual({ maxLength: 5 });
    expect(s.properties.labels).toEqual({});
    expect(s.properties.bogus).toBeUndefined();
    expect(s.additionalProperties).toBe(false);
    expect(strictSchema({ type: 'object', properties: { metadata: { type: 'object' } } }, true).properties.metadata).toEqual(metadataSchema(undefined));
  });
});
