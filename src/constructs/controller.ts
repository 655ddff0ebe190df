import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { SyncWave, setSyncWave } from '../lib/argocd';
import { ComputeResources, resourceProblems } from '../lib/quantity';
import { restrictedContainerSecurityContext } from '../lib/security';

const IMAGE_BY_DIGEST = /^[a-z0-9][a-z0-9.:_/-]*@sha256:[a-f0-9]{64}$/;
const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** One RBAC rule, as in a Role or ClusterRole. */
export interface ControllerRule {
  /** '' is the core group. */
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  /** Restrict the rule to these object names. @default - all objects */
  readonly resourceNames?: readonly string[];
}

export interface ControllerPort {
  /** Port name (IANA_SVC_NAME), used as the Service's targetPort. */
  readonly name: string;
  readonly containerPort: number;
  /** Publish it on the Service. @default true */
  readonly expose?: boolean;
  /** Port number on the Service. @default - containerPort */
  readonly servicePort?: number;
}

/** An HTTP probe when `path` is set, else a TCP probe. */
export interface HealthCheck {
  readonly port: string | number;
  /** HTTP path of the probe. @default - a TCP probe of `port` */
  readonly path?: string;
  /** @default 'HTTP' */
  readonly scheme?: 'HTTP' | 'HTTPS';
  /** @default 5 */
  readonly initialDelaySeconds?: number;
  /** @default 10 */
  readonly periodSeconds?: number;
  /** @default 3 */
  readonly failureThreshold?: number;
}

export interface SecretMount {
  /** Volume name. */
  readonly name: string;
  readonly secretName: string;
  readonly mountPath: string;
  /** Only these keys. @default - every key of the Secret */
  readonly items?: readonly { readonly key: string; readonly path: string }[];
}

export interface ControllerConfig {
  /** ConfigMap name. @default - `<name>-config` */
  readonly name?: string;
  readonly data: Readonly<Record<string, string>>;
  /** Mount it read-only here. @default - not mounted (the controller reads it through the API) */
  readonly mountPath?: string;
}

export interface ControllerProps {
  /** Name of the Deployment, ServiceAccount, Service and (Cluster)Role(Binding)s. */
  readonly name: string;
  readonly namespace: string;
  /** Container image, pinned by digest (`repo@sha256:<64 hex>`); tags are rejected. */
  readonly image: string;
  /** @default [] */
  readonly args?: readonly string[];
  /** @default [] */
  readonly env?: readonly k8s.EnvVar[];
  /** @default [] */
  readonly ports?: readonly ControllerPort[];
  /** Liveness and readiness checks; required: a controller without them is never restarted or taken out of a Service. */
  readonly probes: { readonly liveness: HealthCheck; readonly readiness: HealthCheck };
  /** @default 1 */
  readonly replicas?: number;
  /** @default Controller.DEFAULT_RESOURCES */
  readonly resources?: ComputeResources;
  /** Rules granted cluster-wide (ClusterRole + ClusterRoleBinding). @default [] */
  readonly clusterRules?: readonly ControllerRule[];
  /** Rules granted in `namespace` only (Role + RoleBinding). @default [] */
  readonly namespaceRules?: readonly ControllerRule[];
  /** Name of the ClusterRole and its binding: cluster-wide, so it must be unique on the cluster. @default - `name` */
  readonly clusterRoleName?: string;
  /** The controller's ConfigMap. @default - none */
  readonly config?: ControllerConfig;
  /** Secrets mounted read-only (TLS, keys): referenced by name, never created here. @default [] */
  readonly secretMounts?: readonly SecretMount[];
  /** Writable emptyDir paths, since the root filesystem is read-only. @default ['/tmp'] */
  readonly writablePaths?: readonly string[];
  /** Service name. @default - `name`; no Service when no port is exposed */
  readonly serviceName?: string;
  /** Extra pod template labels (the selector label is always added). @default {} */
  readonly podLabels?: Readonly<Record<string, string>>;
  /** Pod UID, for images whose USER is a name (runAsNonRoot cannot verify those). @default - the image's, or the one the platform assigns */
  readonly runAsUser?: number;
  /**
   * Create its own ServiceAccount. False: the pods run as the namespace's `default` account
   * without a token (for pods synced elsewhere, e.g. by the kcp syncer, where only `default`
   * exists); no RBAC rules are allowed then. @default true
   */
  readonly serviceAccount?: boolean;
}

/**
 * A controller Deployment with what it needs around it, secure by default: its own
 * ServiceAccount, least-privilege RBAC from typed rules, restricted pod security (non-root,
 * read-only root filesystem, no capabilities, RuntimeDefault seccomp), requests and limits,
 * probes, an image pinned by digest, a Service for its exposed ports and its ConfigMap.
 * Usable for any controller, including one's own; built from the k8s L1 classes so that
 * nothing but these props decides the output.
 */
export class Controller extends Construct {
  public static readonly DEFAULT_RESOURCES: ComputeResources = {
    requests: { cpu: '50m', memory: '64Mi' },
    limits: { cpu: '500m', memory: '256Mi' },
  };
  /** The label the Service selects the pods by. */
  public static readonly SELECTOR_LABEL = 'app.kubernetes.io/component';

  public readonly name: string;
  public readonly namespace: string;
  public readonly selector: Record<string, string>;
  public readonly deployment: k8s.KubeDeployment;
  /** Undefined when `serviceAccount` is false. */
  public readonly serviceAccount?: k8s.KubeServiceAccount;
  public readonly service?: k8s.KubeService;
  public readonly configMap?: k8s.KubeConfigMap;
  public readonly clusterRole?: k8s.KubeClusterRole;
  public readonly role?: k8s.KubeRole;

  constructor(scope: Construct, id: string, props: ControllerProps) {
    super(scope, id);
    this.name = props.name;
    this.namespace = props.namespace;
    if (!IMAGE_BY_DIGEST.test(props.image)) {
      throw new Error(`controller "${props.name}": image "${props.image}" must be pinned by digest (<registry>/<repository>@sha256:<64 hex digits>)`);
    }
    const replicas = props.replicas ?? 1;
    if (!Number.isInteger(replicas) || replicas < 0) throw new Error(`controller "${props.name}": replicas must be a non-negative integer, got ${replicas}`);
    const resources = props.resources ?? Controller.DEFAULT_RESOURCES;
    const problems = resourceProblems(resources);
    if (problems.length > 0) throw new Error(`controller "${props.name}": resources.${problems[0]}`);
    const ports = props.ports ?? [];
    const portNames = new Set(ports.map((p) => p.name));
    if (portNames.size !== ports.length) throw new Error(`controller "${props.name}": port names must be unique`);
    for (const probe of [props.probes.liveness, props.probes.readiness]) {
      if (typeof probe.port === 'string' && !portNames.has(probe.port)) {
        throw new Error(`controller "${props.name}": probe port "${probe.port}" is not one of its ports (${[...portNames].join(', ') || 'none'})`);
      }
    }

    const meta = { name: props.name, namespace: props.namespace };
    this.selector = { [Controller.SELECTOR_LABEL]: props.name };
    const clusterRules = props.clusterRules ?? [];
    const namespaceRules = props.namespaceRules ?? [];
    const talksToApi = clusterRules.length > 0 || namespaceRules.length > 0;
    const ownAccount = props.serviceAccount ?? true;
    if (!ownAccount && talksToApi) throw new Error(`controller "${props.name}": RBAC rules need its own ServiceAccount; set serviceAccount to true or drop the rules`);
    if (props.runAsUser !== undefined && (!Number.isInteger(props.runAsUser) || props.runAsUser <= 0)) {
      throw new Error(`controller "${props.name}": runAsUser must be a positive UID, got ${props.runAsUser}`);
    }

    // The token is mounted only when RBAC grants the controller something to do with it.
    if (ownAccount) {
      this.serviceAccount = new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata: meta, automountServiceAccountToken: talksToApi });
      setSyncWave(this.serviceAccount, SyncWave.ACCESS);
    }
    const subjects = [{ kind: 'ServiceAccount', name: props.name, namespace: props.namespace }];

    if (clusterRules.length > 0) {
      const name = props.clusterRoleName ?? props.name;
      this.clusterRole = new k8s.KubeClusterRole(this, 'ClusterRole', { metadata: { name }, rules: clusterRules.map(toPolicyRule) });
      const binding = new k8s.KubeClusterRoleBinding(this, 'ClusterRoleBinding', {
        metadata: { name },
        roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name },
        subjects,
      });
      setSyncWave(this.clusterRole, SyncWave.ACCESS);
      setSyncWave(binding, SyncWave.ACCESS);
    }
    if (namespaceRules.length > 0) {
      this.role = new k8s.KubeRole(this, 'Role', { metadata: meta, rules: namespaceRules.map(toPolicyRule) });
      const binding = new k8s.KubeRoleBinding(this, 'RoleBinding', {
        metadata: meta,
        roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name: props.name },
        subjects,
      });
      setSyncWave(this.role, SyncWave.ACCESS);
      setSyncWave(binding, SyncWave.ACCESS);
    }

    const volumes: k8s.Volume[] = [];
    const mounts: k8s.VolumeMount[] = [];
    if (props.config) {
      const name = props.config.name ?? `${props.name}-config`;
      this.configMap = new k8s.KubeConfigMap(this, 'ConfigMap', { metadata: { name, namespace: props.namespace }, data: { ...props.config.data } });
      setSyncWave(this.configMap, SyncWave.ACCESS);
      if (props.config.mountPath) {
        volumes.push({ name: 'config', configMap: { name } });
        mounts.push({ name: 'config', mountPath: props.config.mountPath, readOnly: true });
      }
    }
    for (const s of props.secretMounts ?? []) {
      volumes.push({ name: s.name, secret: { secretName: s.secretName, items: s.items?.map((i) => ({ key: i.key, path: i.path })) } });
      mounts.push({ name: s.name, mountPath: s.mountPath, readOnly: true });
    }
    (props.writablePaths ?? ['/tmp']).forEach((path, i) => {
      const name = `writable-${i}`;
      volumes.push({ name, emptyDir: {} });
      mounts.push({ name, mountPath: path });
    });

    this.deployment = new k8s.KubeDeployment(this, 'Resource', {
      metadata: meta,
      spec: {
        replicas,
        selector: { matchLabels: this.selector },
        template: {
          metadata: { labels: { ...(props.podLabels ?? {}), ...this.selector } },
          spec: {
            serviceAccountName: ownAccount ? props.name : undefined,
            automountServiceAccountToken: talksToApi,
            securityContext: { runAsNonRoot: true, runAsUser: props.runAsUser, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: props.name,
                image: props.image,
                args: props.args ? [...props.args] : undefined,
                env: props.env && props.env.length > 0 ? [...props.env] : undefined,
                ports: ports.length > 0 ? ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: 'TCP' })) : undefined,
                resources: {
                  requests: { cpu: k8s.Quantity.fromString(resources.requests.cpu), memory: k8s.Quantity.fromString(resources.requests.memory) },
                  limits: { cpu: k8s.Quantity.fromString(resources.limits.cpu), memory: k8s.Quantity.fromString(resources.limits.memory) },
                },
                livenessProbe: toProbe(props.probes.liveness),
                readinessProbe: toProbe(props.probes.readiness),
                securityContext: restrictedContainerSecurityContext(),
                volumeMounts: mounts.length > 0 ? mounts : undefined,
              },
            ],
            volumes: volumes.length > 0 ? volumes : undefined,
          },
        },
      },
    });
    setSyncWave(this.deployment, SyncWave.INSTALL);

    const exposed = ports.filter((p) => p.expose ?? true);
    if (exposed.length > 0) {
      this.service = new k8s.KubeService(this, 'Service', {
        metadata: { name: props.serviceName ?? props.name, namespace: props.namespace },
        spec: {
          type: 'ClusterIP',
          selector: this.selector,
          ports: exposed.map((p) => ({ name: p.name, port: p.servicePort ?? p.containerPort, targetPort: k8s.IntOrString.fromString(p.name), protocol: 'TCP' })),
        },
      });
      setSyncWave(this.service, SyncWave.INSTALL);
    }
  }

  /** In-cluster DNS name of the Service. */
  public get serviceHost(): string {
    if (!this.service) throw new Error(`controller "${this.name}" exposes no port, so it has no Service`);
    return `${this.service.name}.${this.namespace}.svc.cluster.local`;
  }
}

function toPolicyRule(r: ControllerRule): k8s.PolicyRule {
  if (r.verbs.includes('*') || r.resources.includes('*') || r.apiGroups.includes('*')) {
    throw new Error(`rbac rule on ${r.resources.join(',')}: wildcards are not least privilege; list the groups, resources and verbs`);
  }
  return { apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs], resourceNames: r.resourceNames ? [...r.resourceNames] : undefined };
}

function toProbe(h: HealthCheck): k8s.Probe {
  const port = typeof h.port === 'number' ? k8s.IntOrString.fromNumber(h.port) : k8s.IntOrString.fromString(h.port);
  return {
    httpGet: h.path !== undefined ? { path: h.path, port, scheme: h.scheme ?? 'HTTP' } : undefined,
    tcpSocket: h.path === undefined ? { port } : undefined,
    initialDelaySeconds: h.initialDelaySeconds ?? 5,
    periodSeconds: h.periodSeconds ?? 10,
    failureThreshold: h.failureThreshold ?? 3,
  };
}
