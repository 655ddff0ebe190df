import { ApiObject, ApiObjectMetadataDefinition, App, ImplicitTokenResolver, JsonPatch, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import { sanitizeValue } from 'cdk8s/lib/_util';
import { IConstruct } from 'constructs';

/**
 * cdk8s 2.70's ApiObject.toJson, with resolve() and sanitizeValue() done in one pass.
 * The library's resolve() walks to the root (App.of) and allocates a context and a key
 * path per value, which dominates synthesis at scale. Output is identical: the
 * equivalence test (test/synth/fast-to-json.test.ts) guards cdk8s upgrades.
 */

const libraryToJson = ApiObject.prototype.toJson;

/** Per run of withFastToJson: whether the fast path applies below a scope (an object's parent). */
let scopes: Map<IConstruct | undefined, boolean> | undefined;

/** Runs fn with ApiObject.prototype.toJson replaced (generated L1s call super.toJson()). */
export function withFastToJson<T>(fn: () => T): T {
  const previous = ApiObject.prototype.toJson;
  const previousScopes = scopes;
  ApiObject.prototype.toJson = fastToJson;
  scopes = new Map();
  try {
    return fn();
  } finally {
    ApiObject.prototype.toJson = previous;
    scopes = previousScopes;
  }
}

/** fastPathApplies, once per parent scope (the walk to the root was ~3% of synth at 100 clusters). */
function fastPathAppliesBelow(obj: IConstruct): boolean {
  if (!scopes) return fastPathApplies(obj);
  const scope = obj.node.scope;
  let applies = scopes.get(scope);
  if (applies === undefined) {
    applies = fastPathApplies(obj);
    scopes.set(scope, applies);
  }
  return applies;
}

// `props` and `patches` are TS-private in cdk8s, but toJson needs exactly them.
interface ApiObjectInternals {
  readonly props: Record<string, unknown>;
  readonly patches: JsonPatch[];
}

/**
 * Only the App's built-in resolvers, in cdk8s's order, are reproduced; anything else falls back.
 * So do prototypes patched with `resolve` or `value`, which the resolvers would see on strings,
 * numbers and booleans: the pass returns those as they are.
 */
function fastPathApplies(obj: IConstruct): boolean {
  for (const proto of [String.prototype, Number.prototype, Boolean.prototype]) {
    if ('resolve' in proto || 'value' in proto) return false;
  }
  let root = obj;
  while (root.node.scope) root = root.node.scope;
  const resolvers = (root as App).resolvers;
  return Array.isArray(resolvers) && resolvers.length === 3
    && resolvers[0]?.constructor === LazyResolver
    && resolvers[1]?.constructor === ImplicitTokenResolver
    && resolvers[2]?.constructor === NumberStringUnionResolver;
}

export function fastToJson(this: ApiObject): any {
  if (!fastPathAppliesBelow(this)) return libraryToJson.call(this);
  try {
    const { props, patches } = this as unknown as ApiObjectInternals;
    const data = { ...props, metadata: metadataJson(this.metadata) };
    const sortKeys = process.env.CDK8S_DISABLE_SORT ? false : true;
    const pass = new Pass(sortKeys, false);
    let json = pass.value(data);
    // Non-plain objects are left in place so resolve errors win, as in the library's two passes;
    // its sanitizeValue then throws (or recurses) at the same place it would have.
    if (pass.nonPlain) json = sanitizeValue(json, { sortKeys });
    // With no operations JsonPatch.apply returns its input (after cloning an empty list).
    const patched = patches.length > 0 ? JsonPatch.apply(json, ...patches) : json;
    const result: any = {};
    for (const k of ['apiVersion', 'kind', 'metadata', ...Object.keys(patched)]) {
      if (k in patched) result[k] = patched[k];
    }
    return result;
  } catch (e) {
    throw new Error(`Failed serializing construct at path '${this.node.path}' with name '${this.name}': ${e}`);
  }
}

// The fields ApiObjectMetadataDefinition.toJson() reads (`_additionalAttributes` is TS-private).
interface MetadataInternals {
  readonly _additionalAttributes: Record<string, unknown>;
  readonly name?: string;
  readonly namespace?: string;
  readonly annotations?: unknown;
  readonly finalizers?: unknown;
  readonly ownerReferences?: unknown;
  readonly labels?: unknown;
}

const libraryMetadataToJson = ApiObjectMetadataDefinition.prototype.toJson;

/** ApiObjectMetadataDefinition.toJson in the same one pass (sorted keys, empty lists and maps dropped). */
function metadataJson(metadata: ApiObjectMetadataDefinition): any {
  const m = metadata as unknown as MetadataInternals;
  if (metadata.toJson !== libraryMetadataToJson || typeof m._additionalAttributes !== 'object') return metadata.toJson();
  const pass = new Pass(true, true);
  // The library spreads `_additionalAttributes`; cdk8s deletes a key from it, so V8 keeps it as a
  // dictionary, which spreads ~5x slower than this copy of its keys (same keys, same order).
  const data: Record<string, unknown> = {};
  const extra = m._additionalAttributes;
  // (An own `__proto__` key is lost either way: tested.)
  for (const k of Object.keys(extra)) data[k] = extra[k];
  data.name = m.name;
  data.namespace = m.namespace;
  data.annotations = m.annotations;
  data.finalizers = m.finalizers;
  data.ownerReferences = m.ownerReferences;
  data.labels = m.labels;
  const json = pass.value(data);
  return pass.nonPlain ? sanitizeValue(json, { filterEmptyArrays: true, filterEmptyObjects: true }) : json;
}

class Pass {
  nonPlain = false;
  /** `filterEmpty`: sanitizeValue's filterEmptyArrays and filterEmptyObjects (metadata's options). */
  constructor(
    private readonly sortKeys: boolean,
    private readonly filterEmpty: boolean,
  ) {}

  /** resolve() then sanitizeValue() of one value; resolution order matches the library's. */
  value(v: any): any {
    if (v == null) return undefined;
    const type = typeof v;
    if (type === 'string' || type === 'number' || type === 'boolean') return v;
    // LazyResolver, ImplicitTokenResolver, NumberStringUnionResolver, in that order.
    if (v instanceof Lazy) return this.value(v.produce());
    if (typeof v.resolve === 'function') return this.value(v.resolve());
    const ctor = v.constructor;
    if (ctor !== Object) {
      const inner = v.value;
      if (typeof inner === 'number' || typeof inner === 'string') return this.value({ value: inner });
    }
    if (Array.isArray(v)) return this.filterEmpty && v.length === 0 ? undefined : v.map((x) => this.value(x));
    if (ctor == Object) {
      const out = this.object(v);
      return this.filterEmpty && Object.keys(out).length === 0 ? undefined : out;
    }
    if (type !== 'object') return v;
    this.nonPlain = true;
    return v;
  }

  private object(v: Record<string, unknown>): Record<string, unknown> {
    // Object.entries' snapshot semantics, without a pair array per key.
    const keys = Object.keys(v);
    const values = Object.values(v);
    const out: Record<string, unknown> = {};
    if (!this.sortKeys || isSorted(keys)) {
      for (let i = 0; i < keys.length; i++) {
        const r = this.value(values[i]);
        if (r != null) out[keys[i]] = r;
      }
      return out;
    }
    // Resolve in the library's order (producers may have side effects), then emit sorted.
    const n = keys.length;
    const resolved = new Array<unknown>(n);
    for (let i = 0; i < n; i++) resolved[i] = this.value(values[i]);
    for (const i of sortedOrder(keys)) if (resolved[i] != null) out[keys[i]] = resolved[i];
    return out;
  }
}

/** Indexes of (distinct) keys in Array.prototype.sort() order; small maps (labels) by insertion. */
function sortedOrder(keys: readonly string[]): number[] {
  const n = keys.length;
  const order = new Array<number>(n);
  if (n > 16) {
    for (let i = 0; i < n; i++) order[i] = i;
    return order.sort((a, b) => (keys[a] < keys[b] ? -1 : 1));
  }
  for (let i = 0; i < n; i++) {
    let j = i;
    for (; j > 0 && keys[order[j - 1]] > keys[i]; j--) order[j] = order[j - 1];
    order[j] = i;
  }
  return order;
}

/** Whether Array.prototype.sort() would leave these (distinct) keys as they are. */
function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return false;
  return true;
}
