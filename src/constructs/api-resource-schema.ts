import { Construct } from 'constructs';
import * as apis from '../../imports/kcp-apiresourceschema-apis.kcp.io';
import { SyncWave, addSyncOptions, setSyncWave } from '../lib/argocd';
import { contentHash } from '../lib/kcp-names';

/** The parts of an `imports/schemas/<prefix>.json` file a kcp schema is made from. */
export interface CrdSchemaFile {
  readonly group: string;
  readonly scope: string;
  readonly names: {
    kind: string;
    plural: string;
    /** @default - left out of the schema's names */
    singular?: string;
    /** @default - left out of the schema's names */
    listKind?: string;
    /** @default - left out of the schema's names */
    shortNames?: string[];
    /** @default - left out of the schema's names */
    categories?: string[];
  };
  /** Written by `npm run import`. @default - none: the construct refuses the file */
  readonly storageVersion?: string;
  readonly versions: Record<string, unknown>;
  readonly versionInfo: Record<string, { served: boolean; storage: boolean; subresources?: Record<string, unknown>; additionalPrinterColumns?: unknown[] }>;
}

export interface ApiResourceSchemaProps {
  /** A pinned CRD's schema file (imports/schemas/*.json, written by `npm run import`). */
  readonly crd: CrdSchemaFile;
}

/**
 * An APIResourceSchema (apis.kcp.io/v1alpha1) made from a pinned CRD.
 *
 * Only the CRD's storage version is exported: kcp v0.11 schemas have no conversion webhook, so
 * serving a second version would hand out stored objects unconverted. Schemas are immutable:
 * the name prefix is a hash of the spec, so any change yields a new object (and a new entry in
 * the export) instead of a rejected update. Prune=false: kcp refuses to delete a schema an
 * export still references, and old bindings may still use it.
 */
export class ApiResourceSchema extends Construct {
  /** `<prefix>.<plural>.<group>`, as APIExport.spec.latestResourceSchemas lists it. */
  public readonly name: string;
  /** `<plural>.<group>`: what the syncer's --resources names. */
  public readonly resource: string;
  public readonly resourceObject: apis.ApiResourceSchema;

  constructor(scope: Construct, id: string, props: ApiResourceSchemaProps) {
    super(scope, id);
    const crd = props.crd;
    const version = crd.storageVersion;
    if (!version || !crd.versionInfo[version] || !(version in crd.versions)) {
      throw new Error(`schema file for ${crd.names.plural}.${crd.group} has no served storage version: rerun npm run import`);
    }
    const info = crd.versionInfo[version];
    const spec: apis.ApiResourceSchemaSpec = {
      group: crd.group,
      names: {
        kind: crd.names.kind,
        plural: crd.names.plural,
        singular: crd.names.singular,
        listKind: crd.names.listKind,
        shortNames: crd.names.shortNames,
        categories: crd.names.categories,
      },
      scope: crd.scope === 'Cluster' ? apis.ApiResourceSchemaSpecScope.CLUSTER : apis.ApiResourceSchemaSpecScope.NAMESPACED,
      versions: [
        {
          name: version,
          served: true,
          storage: true,
          schema: crd.versions[version],
          subresources: info.subresources,
          additionalPrinterColumns: info.additionalPrinterColumns as apis.ApiResourceSchemaSpecVersionsAdditionalPrinterColumns[] | undefined,
        },
      ],
    };
    this.resource = `${crd.names.plural}.${crd.group}`;
    this.name = `r${contentHash(spec)}.${this.resource}`;
    this.resourceObject = new apis.ApiResourceSchema(this, 'Resource', { metadata: { name: this.name }, spec });
    setSyncWave(this.resourceObject, SyncWave.FOUNDATION);
    addSyncOptions(this.resourceObject, 'Prune=false');
  }
}
