import { join } from 'node:path';
import { ApiObject, App, Chart, JsonPatch, Lazy, ResolutionContext } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { AppOfApps } from '../../src/argocd/app-of-apps';
import { EnvironmentApp } from '../../src/charts/environment-app';
import { EnvironmentConfig, loadEnvironmentFile, parseEnvironment } from '../../src/config';
import { ENVIRONMENTS } from '../../src/environments';
import { synthesize } from '../../src/synth/manifests';
import { withFastToJson } from '../../src/synth/fast-to-json';

/** The fast path's result, after checking it against the library's, key order included. */
function same(obj: ApiObject): any {
  const fast = withFastToJson(() => obj.toJson());
  const original = obj.toJson();
  expect(fast).toStrictEqual(original);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(original));
  return fast;
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

function apiObjects(root: IConstruct): ApiObject[] {
  return root.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
}

/** Every object of the environment and of its app-of-apps. */
function allObjects(config: EnvironmentConfig): ApiObject[] {
  const environment = new EnvironmentApp(config);
  const { components } = synthesize(environment);
  return [...apiObjects(environment), ...apiObjects(new AppOfApps({ config, targets: environment.targets, components }))];
}

function expectAllSame(objects: ApiObject[]): void {
  expect(objects.length).toBeGreaterThan(10);
  for (const o of objects) {
    const fast = withFastToJson(() => o.toJson());
    const original = o.toJson();
    // One comparison per object, so a failure names it without a thousand expect calls.
    if (JSON.stringify(fast) !== JSON.stringify(original)) throw new Error(`${o.node.path}: fast toJson differs`);
    expect(fast).toStrictEqual(original);
  }
}

describe('equals the library on the shipped environments', () => {
  test.each(Object.keys(ENVIRONMENTS))('%s', (name) => {
    expectAllSame(allObjects(parseEnvironment(ENVIRONMENTS[name])));
  });

  test('the scale fixture (its first clusters: with and without SyncTarget UIDs; the golden test covers all 100)', () => {
    const config = loadEnvironmentFile(join(__dirname, '../fixtures/scale/100-clusters.yaml'));
    expectAllSame(allObjects({ ...config, clusters: config.clusters.slice(0, 6) }));
  });
});

describe('equals the library on each resolver and sanitize rule', () => {
  const chart = () => new Chart(new App(), 'test');
  const configMap = (data: Record<string, unknown>, scope: Chart = chart()) => new ApiObject(scope, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', data });

  test('metadata: empty labels, annotations and lists dropped, extra fields and owner references kept, keys sorted', () => {
    const chart = new Chart(new App(), 'c', { labels: { z: 'chart' } });
    const obj = new ApiObject(chart, 'm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'm', namespace: 'ns', annotations: {}, finalizers: [], labels: { b: '2', a: Lazy.any({ produce: () => '1' }) as unknown as string } } });
    obj.metadata.add('generateName', 'm-');
    obj.metadata.add('empty', { nested: {} });
    obj.metadata.addOwnerReference({ apiVersion: 'v1', kind: 'Namespace', name: 'ns', uid: 'u', blockOwnerDeletion: undefined as unknown as boolean });
    obj.metadata.addFinalizers();
    const json = same(obj);
    expect(Object.keys(json.metadata)).toEqual(['generateName', 'labels', 'name', 'namespace', 'ownerReferences']);
    expect(json.metadata.labels).toEqual({ a: '1', b: '2', z: 'chart' });
    const bare = new ApiObject(new Chart(new App(), 'd'), 'n', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'n', labels: {} } });
    expect(same(bare).metadata).toEqual({ name: 'n' });
  });

  test('metadata from parsed JSON with a __proto__ key: what the library makes of it', () => {
    const metadata = JSON.parse('{"name": "p", "__proto__": {"polluted": "yes"}, "zone": "a"}');
    const obj = new ApiObject(new Chart(new App(), 'p'), 'p', { apiVersion: 'v1', kind: 'ConfigMap', metadata });
    const fast = same(obj);
    const library = obj.toJson();
    expect(Object.keys(fast.metadata)).toEqual(Object.keys(library.metadata));
    expect(Object.getPrototypeOf(fast.metadata)).toEqual(Object.getPrototypeOf(library.metadata));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('Lazy values, produced again until plain', () => {
    const json = same(configMap({ a: Lazy.any({ produce: () => ({ z: Lazy.any({ produce: () => 1 }), b: null }) }) }));
    expect(json.data).toEqual({ a: { z: 1 } });
  });

  test('objects with a resolve() method', () => {
    const json = same(configMap({ token: { resolve: () => ({ y: { resolve: () => 'deep' }, x: 1 }) } }));
    expect(json.data).toEqual({ token: { x: 1, y: 'deep' } });
  });

  test('number-or-string unions, raw and through a generated L1', () => {
    expect(same(configMap({ port: k8s.IntOrString.fromString('http'), size: k8s.Quantity.fromNumber(3) })).data)
      .toEqual({ port: { value: 'http' }, size: { value: 3 } });
    const c = chart();
    new k8s.KubeService(c, 'svc', { spec: { ports: [{ port: 80, targetPort: k8s.IntOrString.fromNumber(8080) }] } });
    new k8s.KubePod(c, 'pod', {
      spec: { containers: [{ name: 'c', image: 'i', resources: { limits: { memory: k8s.Quantity.fromString('1Gi') } } }] },
    });
    const [svc, pod] = apiObjects(c).map(same);
    expect(svc.spec.ports[0].targetPort).toBe(8080);
    expect(pod.spec.containers[0].resources.limits.memory).toBe('1Gi');
  });

  test('null and undefined: dropped from objects, undefined in arrays', () => {
    const json = same(configMap({ a: null, b: undefined, list: [1, null, undefined, { c: null }], empty: {} }));
    expect(json.data).toStrictEqual({ empty: {}, list: [1, undefined, undefined, {}] });
  });

  test('keys sorted as strings, integer-like keys included', () => {
    const json = same(configMap({ zeta: 1, alpha: { y: 1, b: 2 }, 10: 'ten', 2: 'two', Beta: 0 }));
    expect(JSON.stringify(json.data)).toBe('{"2":"two","10":"ten","Beta":0,"alpha":{"b":2,"y":1},"zeta":1}');
  });

  test('JSON patches, then apiVersion, kind and metadata first', () => {
    const obj = configMap({ a: 1, b: 2 });
    obj.addJsonPatch(JsonPatch.add('/data/c', 3), JsonPatch.remove('/data/a'), JsonPatch.add('/aaa', true));
    const json = same(obj);
    expect(Object.keys(json)).toEqual(['apiVersion', 'kind', 'metadata', 'data', 'aaa']);
    expect(json.data).toEqual({ b: 2, c: 3 });
  });

  test('CDK8S_DISABLE_SORT keeps insertion order', () => {
    process.env.CDK8S_DISABLE_SORT = '1';
    try {
      const json = same(configMap({ zeta: { y: 1, b: { resolve: () => ({ q: 1, p: 2 }) } }, alpha: null, mid: 2 }));
      expect(JSON.stringify(json.data)).toBe('{"zeta":{"y":1,"b":{"q":1,"p":2}},"mid":2}');
    } finally {
      delete process.env.CDK8S_DISABLE_SORT;
    }
  });

  test('a default app takes the fast path (the library resolves through App.of per value)', () => {
    const obj = configMap(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i])));
    const appOf = jest.spyOn(App, 'of');
    try {
      obj.toJson();
      const library = appOf.mock.calls.length;
      appOf.mockClear();
      withFastToJson(() => obj.toJson());
      expect(appOf.mock.calls.length).toBeLessThan(library - 50);
    } finally {
      appOf.mockRestore();
    }
  });

  test('an app with a custom resolver falls back to the library', () => {
    let calls = 0;
    const app = new App({ resolvers: [{ resolve: (ctx: ResolutionContext) => { calls += 1; if (ctx.value === 'REPLACE') ctx.replaceValue('replaced'); } }] });
    const obj = configMap({ a: 'REPLACE' }, new Chart(app, 'test'));
    calls = 0;
    expect(withFastToJson(() => obj.toJson()).data).toEqual({ a: 'replaced' });
    expect(calls).toBeGreaterThan(0);
    expect(same(obj).data).toEqual({ a: 'replaced' });
  });

  test('in one run, objects of a default app and of an app with a custom resolver each take their own path', () => {
    const custom = new App({ resolvers: [{ resolve: (ctx: ResolutionContext) => { if (ctx.value === 'REPLACE') ctx.replaceValue('replaced'); } }] });
    const objects = [configMap({ a: 'REPLACE' }), configMap({ a: 'REPLACE' }, new Chart(custom, 'test')), configMap({ b: 'REPLACE' })];
    expect(withFastToJson(() => objects.map((o) => o.toJson().data))).toEqual([{ a: 'REPLACE' }, { a: 'replaced' }, { b: 'REPLACE' }]);
  });

  test('a prototype giving primitives a resolve() falls back to the library', () => {
    Object.defineProperty(Boolean.prototype, 'resolve', { value: function (this: boolean) { return `${this}`; }, configurable: true });
    try {
      expect(same(configMap({ flag: true })).data).toEqual({ flag: 'true' });
    } finally {
      delete (Boolean.prototype as any).resolve;
    }
  });

  describe('errors are wrapped as the library wraps them', () => {
    class Thing { readonly x = 1; }
    test.each<[string, () => Record<string, unknown>]>([
      ['a class instance', () => ({ a: { b: new Thing() } })],
      ['a null-prototype object', () => ({ a: Object.create(null) })],
      ['the first non-plain object in sorted order', () => ({ z: new Thing(), a: [new Date(0)] })],
      ['a resolve error over an earlier non-plain object', () => ({ a: new Thing(), b: Lazy.any({ produce: () => { throw new Error('boom'); } }) })],
    ])('%s', (_, data) => {
      const obj = configMap(data());
      const fast = errorOf(() => withFastToJson(() => obj.toJson()));
      expect(fast).toBe(errorOf(() => obj.toJson()));
      expect(fast).toMatch(/^Failed serializing construct at path 'test\/cm' with name 'test-cm-.*': /);
    });
  });
});

describe('withFastToJson', () => {
  const libraryToJson = ApiObject.prototype.toJson;

  test('swaps ApiObject.prototype.toJson only while it runs', () => {
    expect(withFastToJson(() => ApiObject.prototype.toJson)).not.toBe(libraryToJson);
    expect(ApiObject.prototype.toJson).toBe(libraryToJson);
  });

  test('restores it when the function throws', () => {
    expect(() => withFastToJson(() => { throw new Error('inner'); })).toThrow('inner');
    expect(ApiObject.prototype.toJson).toBe(libraryToJson);
  });
});
