import { createHash } from 'node:crypto';

/** What `kubectl kcp workload sync` (kcp v0.11) prefixes the syncer's downstream objects with. */
export const SYNCER_PREFIX = 'kcp-syncer-';
/** The DNS Role/RoleBinding prefix: the plugin replaces `syncer` by `dns` in the syncer id. */
export const DNS_PREFIX = 'kcp-dns-';
/** Kubernetes names that are DNS-1123 labels (Namespaces, Services, label values): at most 63. */
export const MAX_LABEL = 63;
/**
 * SyncTarget names are capped by the kcp-dns id `kcp-dns-<name>-<8>-<8>` (kcp-dev/kcp@v0.11.0:
 * pkg/syncer/shared/helpers.go GetDNSID), which names the DNS Deployment and Service and is its
 * pods' `app` label value: 8 + name + 18 <= 63, so 37. (The plugin checks it against 254 only:
 * pkg/cliplugins/workload/plugin/sync.go Validate.) The syncer id `kcp-syncer-<name>-<8>` then fits too.
 */
export const MAX_SYNC_TARGET_NAME = MAX_LABEL - DNS_PREFIX.length - 2 * (1 + 8);
/** A longer cluster name keeps this many characters, then `-<8 hash characters>`. */
const KEPT_PREFIX = MAX_SYNC_TARGET_NAME - 1 - 8;

/**
 * Lower-case base36 of bytes read as one big-endian number, with one leading `0` per leading
 * zero byte: what github.com/martinlindhe/base36 `EncodeBytes` returns (upper-cased there).
 */
export function base36(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  const hex = Buffer.from(bytes).toString('hex');
  const digits = zeros === bytes.length ? '' : BigInt(`0x${hex}`).toString(36);
  return '0'.repeat(zeros) + digits;
}

/** First 8 characters of base36(sha224(value)): the plugin's suffix for a SyncTarget UID. */
export function hash8(value: string): string {
  return base36(createHash('sha224').update(value, 'utf8').digest()).slice(0, 8);
}

/**
 * The id the kcp v0.11 plugin names the syncer's Namespace, ServiceAccount, ClusterRole(Binding),
 * kubeconfig Secret and Deployment after: `kcp-syncer-<synctarget>-<hash8(uid)>`.
 */
export function syncerId(syncTargetName: string, syncTargetUID: string): string {
  return `${SYNCER_PREFIX}${syncTargetName}-${hash8(syncTargetUID)}`;
}

/** The plugin's DNS Role/RoleBinding name: the syncer id with `syncer` replaced by `dns`. */
export function dnsId(id: string): string {
  return id.startsWith(SYNCER_PREFIX) ? DNS_PREFIX + id.slice(SYNCER_PREFIX.length) : id.replace('syncer', 'dns');
}

/**
 * SyncTarget name for a cluster: the cluster name when it has at most 37 characters, else its
 * first 28 characters (no trailing '-') and the 8-character hash of the whole name, so the
 * syncer namespace and the kcp-dns id stay within 63 characters and the name stays stable.
 */
export function syncTargetNameFor(clusterName: string): string {
  if (clusterName.length <= MAX_SYNC_TARGET_NAME) return clusterName;
  return `${clusterName.slice(0, KEPT_PREFIX).replace(/-+$/, '')}-${hash8(clusterName)}`;
}

/** The kcp-dns id of a SyncTarget, with `x` for the two hashes: the longest it can be (GetDNSID). */
export function dnsIdTemplate(syncTargetName: string): string {
  return `${DNS_PREFIX}${syncTargetName}-${'x'.repeat(8)}-${'x'.repeat(8)}`;
}

/**
 * Every name the kcp plugin and syncer derive from a SyncTarget name, with its limit: one
 * problem per name that would not fit (empty when all fit).
 */
export function derivedNameProblems(syncTargetName: string): string[] {
  const names: [string, string][] = [
    ['SyncTarget name (at most 37, so the kcp-dns id fits)', syncTargetName],
    ['syncer namespace and object names kcp-syncer-<synctarget>-<8>', `${SYNCER_PREFIX}${syncTargetName}-${'x'.repeat(8)}`],
    ['kcp-dns Deployment, Service and pod label kcp-dns-<synctarget>-<8>-<8>', dnsIdTemplate(syncTargetName)],
  ];
  const limits = [MAX_SYNC_TARGET_NAME, MAX_LABEL, MAX_LABEL];
  return names.flatMap(([what, name], i) => (name.length > limits[i] ? [`${what} "${name}" has ${name.length} characters, more than ${limits[i]}`] : []));
}

/** kcp-dev/kcp@v0.11.0:pkg/cliplugins/bind/plugin/bind_compute.go apiBindingName: `<export>-<hash8("/clusters/<path>")>`. */
export function pluginApiBindingName(exportPath: string, exportName: string): string {
  return `${exportName.slice(0, 253 - 1 - 8)}-${hash8(`/clusters/${exportPath}`)}`;
}

/**
 * bind_compute.go's Placement name when --name is not given: `placement-<hash8(namespace selector
 * + location selectors joined by ',' + location workspace)>`, over the flags' string forms.
 */
export function pluginPlacementName(namespaceSelector: string, locationSelectors: readonly string[], locationWorkspace: string): string {
  return `placement-${hash8(namespaceSelector + locationSelectors.join(',') + locationWorkspace)}`;
}

/** A short content hash for immutable objects (APIResourceSchema prefixes): sha256 of canonical JSON. */
export function contentHash(value: unknown, length = 10): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex').slice(0, length);
}

/** JSON with object keys sorted at every level, so equal content gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
