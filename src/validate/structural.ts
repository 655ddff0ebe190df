import type { IObjectMeta } from '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';

// Apart from schema.ts so that schemas built from our own data (src/trains/) need not load the trains' checks.

/**
 * The API server prunes (and `kubectl --validate=strict` rejects) fields a structural schema does
 * not declare: mark every object schema that lists properties as closed, unless it says
 * `x-kubernetes-preserve-unknown-fields` or already allows additional properties. anyOf/allOf/
 * oneOf/not only add value checks in a structural schema, so they are left as they are.
 */
export function strictSchema(schema: any, root = false): any {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out: any = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, strictSchema(v)]));
    const embedded = root || schema['x-kubernetes-embedded-resource'] === true;
    if (embedded) {
      for (const k of ['apiVersion', 'kind']) out.properties[k] ??= {};
      out.properties.metadata = metadataSchema(schema.properties.metadata);
    }
    if (schema.additionalProperties === undefined && schema['x-kubernetes-preserve-unknown-fields'] !== true) {
      out.additionalProperties = false;
    }
  }
  if (schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items)) out.items = strictSchema(schema.items);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    out.additionalProperties = strictSchema(schema.additionalProperties);
  }
  return out;
}

/** The only ObjectMeta fields a CRD schema may constrain; the API server validates the rest as ObjectMeta. */
const CRD_METADATA_FIELDS = ['name', 'generateName'] as const;

/** Every ObjectMeta field: typed against kubernetes-models, so a field added or dropped there fails to compile. */
const OBJECT_META_FIELDS: Record<keyof IObjectMeta, true> = {
  annotations: true,
  creationTimestamp: true,
  deletionGracePeriodSeconds: true,
  deletionTimestamp: true,
  finalizers: true,
  generateName: true,
  generation: true,
  labels: true,
  managedFields: true,
  name: true,
  namespace: true,
  ownerReferences: true,
  resourceVersion: true,
  selfLink: true,
  uid: true,
};

/**
 * A resource's `metadata` as the API server treats a CRD schema for it: exactly the ObjectMeta
 * fields (labels, annotations, ... always allowed, whatever the CRD declares; their values are
 * checked as ObjectMeta), with the CRD's own constraints applied to `name` and `generateName` only.
 */
export function metadataSchema(declared: any): any {
  const props = declared && typeof declared === 'object' ? (declared.properties ?? {}) : {};
  const properties: Record<string, object> = Object.fromEntries(Object.keys(OBJECT_META_FIELDS).map((k) => [k, {}]));
  for (const k of CRD_METADATA_FIELDS) if (props[k] !== undefined) properties[k] = props[k];
  return { type: 'object', properties, additionalProperties: false };
}
