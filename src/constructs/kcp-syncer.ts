import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import * as es from '../../imports/external-secrets-external-secrets.io';
import { ExternalSecretSourceProps, StoreSecret } from './store-secret';
import { SyncWave, setSyncWave } from '../lib/argocd';
import { SYNCER_PREFIX, dnsId, syncerId } from '../lib/kcp-names';
import { declarePolicyException } from '../lib/policy-exceptions';
import { addWarning } from '../lib/warnings';
import { SyncedResources, coversSyncedResources } from '../validate/exceptions';
import { restrictedContainerSecurityContext } from '../lib/security';

/** Key of the kubeconfig in the syncer's Secret, and its file under /kcp/ (as the plugin writes it). */
export const KUBECONFIG_KEY = 'kubeconfig';

/** Where the kubeconfig comes from; its token is never in git. */
export type KubeconfigProps =
  | { readonly secretName: string; readonly key?: string }
  | {
      readonly externalSecret: ExternalSecretSourceProps;
    };

export interface KcpSyncerProps {
  /** SyncTarget name in the compute workspace (at most 37 characters). */
  readonly syncTargetName: string;
  /**
   * UID kcp gave the SyncTarget. Unknown until the SyncTarget exists.
   * @default - pending: names without the UID hash, 0 replicas, a synth warning
   */
  readonly syncTargetUID?: string;
  /** Workspace path the syncer syncs from (`--from-cluster`), e.g. root:pipeline-service:compute. */
  readonly workspacePath: string;
  /** Syncer image, pinned by digest. */
  readonly image: string;
  /** @default - the syncer image */
  readonly dnsImage?: string;
  /** `plural[.group]` of each synced resource (one `--resources` each). */
  readonly resourcesToSync: readonly string[];
  /** @default 20 */
  readonly qps?: number;
  /** @default 30 */
  readonly burst?: number;
  /** @default '1m' */
  readonly apiImportPollInterval?: string;
  /** @default '30s' */
  readonly downstreamNamespaceCleanDelay?: string;
  /** @default - an existing Secret named like the syncer id, key `kubeconfig` */
  readonly kubeconfig?: KubeconfigProps;
  /** @default - requests 100m / 256Mi, limits 1 / 1Gi */
  readonly containerResources?: { readonly requests: { cpu: string; memory: string }; readonly limits: { cpu: string; memory: string } };
  /**
   * Keep the syncer stopped (0 replicas) even with a UID, e.g. while its image is not resolved.
   * @default false
   */
  readonly stopped?: boolean;
  /** Config field the warning tells the user to set, e.g. `clusters[0].kcp.syncTargetUID`. @default 'syncTargetUID' */
  readonly uidConfigPath?: string;
  /** Command that reveals the UID, for the warning. @default - kubectl against the current context */
  readonly uidCommand?: string;
}

/** The syncer container's index in the pod: the only container the pod-probes waiver covers. */
const SYNCER_CONTAINER_INDEX = 0;

/** Rules every syncer needs, independent of what it syncs (kcp v0.11 plugin template). */
const FIXED_RULES: k8s.PolicyRule[] = [
  { apiGroups: [''], resources: ['namespaces'], verbs: ['create', 'get', 'list', 'watch', 'delete'] },
  { apiGroups: [''], resources: ['endpoints'], verbs: ['get'] },
  { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['get', 'watch', 'list'] },
  { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['create', 'list', 'watch'] },
];

/** What the DNS component the syncer starts in its namespace needs. */
const DNS_RULES: k8s.PolicyRule[] = [
  { apiGroups: [''], resources: ['serviceaccounts', 'services'], verbs: ['create', 'get', 'list', 'update', 'delete', 'watch'] },
  { apiGroups: [''], resources: ['endpoints'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['apps'], resources: ['deployments'], verbs: ['create', 'get', 'list', 'update', 'delete', 'watch'] },
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: ['create', 'get', 'list', 'update', 'delete', 'watch'] },
];

/** Resources the syncer always reconciles, whatever it syncs: the workloads' Secrets and ConfigMaps. */
const ALWAYS_SYNCED = ['secrets', 'configmaps'] as const;

/** `plural[.group]` resources (plus secrets and configmaps) grouped by API group, groups in first-seen order. */
export function syncedResources(resources: readonly string[]): SyncedResources[] {
  const byGroup = new Map<string, Set<string>>();
  for (const r of [...resources, ...ALWAYS_SYNCED]) {
    const dot = r.indexOf('.');
    const group = dot < 0 ? '' : r.slice(dot + 1);
    const plural = dot < 0 ? r : r.slice(0, dot);
    if (!byGroup.has(group)) byGroup.set(group, new Set());
    byGroup.get(group)!.add(plural);
  }
  return [...byGroup].map(([apiGroup, set]) => ({ apiGroup, resources: [...set] }));
}

/**
 * `*` on every synced resource plus secrets and configmaps (the syncer always needs those),
 * one rule per API group, groups and resources sorted (as the plugin groups them).
 */
export function groupedRules(resources: readonly string[]): k8s.PolicyRule[] {
  return syncedResources(resources)
    .sort((a, b) => (a.apiGroup < b.apiGroup ? -1 : a.apiGroup > b.apiGroup ? 1 : 0))
    .map((s) => ({ apiGroups: [s.apiGroup], resources: [...s.resources].sort(), verbs: ['*'] }));
}

/**
 * The downstream half of a kcp v0.11 syncer, as `kubectl kcp workload sync` renders it, with the
 * kubeconfig referenced instead of inlined and a restricted container.
 *
 * Names follow the plugin: `kcp-syncer-<synctarget>-<hash8(uid)>` for everything, `kcp-dns-...`
 * for the DNS Role/RoleBinding. Without the UID the hash is unknown: objects are named
 * `kcp-syncer-<synctarget>` and the Deployment runs 0 replicas; once the UID is set, the names
 * change and Argo CD prunes the pending objects (nothing of them runs, so nothing is lost).
 * @see https://github.com/kcp-dev/kcp/tree/v0.11.0/pkg/cliplugins/workload/plugin
 */
export class KcpSyncer extends Construct {
  /** Namespace and name of every object: the plugin's syncer id, or `kcp-syncer-<synctarget>` while pending. */
  public readonly id: string;
  public readonly namespace: string;
  public readonly pending: boolean;
  public readonly replicas: 0 | 1;
  public readonly kubeconfigSecretName: string;
  public readonly deployment: k8s.KubeDeployment;
  public readonly clusterRole: k8s.KubeClusterRole;
  public readonly externalSecret?: es.ExternalSecretV1Beta1;

  constructor(scope: Construct, id: string, props: KcpSyncerProps) {
    super(scope, id);
    const st = props.syncTargetName;
    this.pending = props.syncTargetUID === undefined;
    this.id = props.syncTargetUID === undefined ? `${SYNCER_PREFIX}${st}` : syncerId(st, props.syncTargetUID);
    this.namespace = this.id;
    this.replicas = this.pending || props.stopped ? 0 : 1;
    const dns = dnsId(this.id);
    const ns = this.namespace;
    this.node.addValidation({
      validate: () =>
        ns.length > 63
          ? [`syncer namespace "${ns}" has ${ns.length} characters, more than the 63 a namespace may have: SyncTarget names must have at most 37 characters (use syncTargetNameFor)`]
          : [],
    });

    const namespace = new k8s.KubeNamespace(this, 'Namespace', { metadata: { name: ns } });
    setSyncWave(namespace, SyncWave.FOUNDATION);

    const sa = new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata: { name: this.id, namespace: ns } });
    const token = new k8s.KubeSecret(this, 'Token', {
      metadata: { name: `${this.id}-token`, namespace: ns, annotations: { 'kubernetes.io/service-account.name': this.id } },
      type: 'kubernetes.io/service-account-token',
    });
    this.clusterRole = new k8s.KubeClusterRole(this, 'ClusterRole', {
      metadata: { name: this.id },
      rules: [...FIXED_RULES, ...groupedRules(props.resourcesToSync)],
    });
    // kcp's design: the syncer owns the objects it syncs, so it needs every verb on exactly those.
    // Derived from resourcesToSync, not from the rules above: a '*' on anything else still fails.
    declarePolicyException(this.clusterRole, {
      rule: 'rbac-no-wildcards',
      reason:
        'the kcp v0.11 syncer creates, updates, deletes and watches every object it syncs (and their Secrets and ConfigMaps); ' +
        '`kubectl kcp workload sync` grants it `*` on exactly those resources',
      covers: coversSyncedResources(syncedResources(props.resourcesToSync)),
    });
    const crb = new k8s.KubeClusterRoleBinding(this, 'ClusterRoleBinding', {
      metadata: { name: this.id },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: this.id },
      subjects: [{ kind: 'ServiceAccount', name: this.id, namespace: ns }],
    });
    const dnsRole = new k8s.KubeRole(this, 'DnsRole', { metadata: { name: dns, namespace: ns }, rules: DNS_RULES });
    const dnsBinding = new k8s.KubeRoleBinding(this, 'DnsRoleBinding', {
      metadata: { name: dns, namespace: ns },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: dns },
      subjects: [{ kind: 'ServiceAccount', name: this.id, namespace: ns }],
    });
    for (const o of [sa, token, this.clusterRole, crb, dnsRole, dnsBinding]) setSyncWave(o, SyncWave.ACCESS);

    const source = props.kubeconfig ?? { secretName: this.id };
    let secretKey = KUBECONFIG_KEY;
    if ('externalSecret' in source) {
      const ext = source.externalSecret;
      this.kubeconfigSecretName = this.id;
      this.externalSecret = new StoreSecret(this, 'Kubeconfig', {
        name: this.id,
        namespace: ns,
        storeRef: ext.storeRef,
        refreshInterval: ext.refreshInterval,
        data: [{ secretKey: KUBECONFIG_KEY, remoteKey: ext.remoteKey, property: ext.property }],
      }).resource;
      setSyncWave(this.externalSecret, SyncWave.ACCESS);
    } else {
      this.kubeconfigSecretName = source.secretName;
      secretKey = source.key ?? KUBECONFIG_KEY;
    }

    const args = [
      `--from-kubeconfig=/kcp/${KUBECONFIG_KEY}`,
      `--sync-target-name=${st}`,
      ...(props.syncTargetUID === undefined ? [] : [`--sync-target-uid=${props.syncTargetUID}`]),
      `--from-cluster=${props.workspacePath}`,
      `--api-import-poll-interval=${props.apiImportPollInterval ?? '1m'}`,
      `--downstream-namespace-clean-delay=${props.downstreamNamespaceCleanDelay ?? '30s'}`,
      ...props.resourcesToSync.map((r) => `--resources=${r}`),
      `--qps=${props.qps ?? 20}`,
      `--burst=${props.burst ?? 30}`,
      `--dns-image=${props.dnsImage ?? props.image}`,
    ];
    const res = props.containerResources ?? { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } };
    const labels = { app: this.id };
    this.deployment = new k8s.KubeDeployment(this, 'Resource', {
      metadata: { name: this.id, namespace: ns },
      spec: {
        // The v0.11 syncer has no leader election: 0 or 1, and never two during a rollout.
        replicas: this.replicas,
        strategy: { type: 'Recreate' },
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: this.id,
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'kcp-syncer',
                image: props.image,
                imagePullPolicy: 'IfNotPresent',
                command: ['/ko-app/syncer'],
                args,
                env: [{ name: 'NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
                resources: {
                  requests: { cpu: k8s.Quantity.fromString(res.requests.cpu), memory: k8s.Quantity.fromString(res.requests.memory) },
                  limits: { cpu: k8s.Quantity.fromString(res.limits.cpu), memory: k8s.Quantity.fromString(res.limits.memory) },
                },
                securityContext: restrictedContainerSecurityContext(),
                terminationMessagePolicy: 'FallbackToLogsOnError',
                volumeMounts: [{ name: 'kcp-config', mountPath: '/kcp/', readOnly: true }],
              },
            ],
            volumes: [{ name: 'kcp-config', secret: { secretName: this.kubeconfigSecretName, optional: false, items: [{ key: secretKey, path: KUBECONFIG_KEY }] } }],
          },
        },
      },
    });
    setSyncWave(this.deployment, SyncWave.INSTALL);
    declarePolicyException(this.deployment, {
      rule: 'pod-probes',
      reason:
        'the kcp v0.11 syncer serves no health endpoint: cmd/syncer starts no HTTP server, and pkg/syncer reports liveness only ' +
        "by patching its SyncTarget's status.lastSyncerHeartbeatTime every 20s (kcp marks the SyncTarget not ready when it stops); " +
        'its ko-built image (/ko-app/syncer on a static base) has no shell or client for an exec probe either',
      covers: (v) => v.path.startsWith(`spec.template.spec.containers[${SYNCER_CONTAINER_INDEX}].`),
    });

    if (this.pending) {
      const where = props.uidCommand ?? `kubectl get synctarget ${st} -o jsonpath='{.metadata.uid}'`;
      addWarning(
        this,
        `SyncTarget "${st}" has no UID yet, so its syncer is rendered with 0 replicas under the pending name "${this.id}". ` +
          `Once Argo CD has applied the compute workspace, run \`${where}\` and set ${props.uidConfigPath ?? 'syncTargetUID'} to it.`,
      );
    }
  }
}
