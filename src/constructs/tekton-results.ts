import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { TektonResultsConfig } from '../config/tekton-results';
import { SyncWave, setSyncWave } from '../lib/argocd';
import { DB_CA_PATH } from '../lib/tekton-results-spec';
import { ResultsRelease, compareVersions } from '../trains/results-releases';
import { Controller } from './controller';
import { RestrictedNamespace } from './restricted-namespace';
import { ResultsUserRoles } from './tekton-results-roles';

const API_NAME = 'tekton-results-api';
const WATCHER_NAME = 'tekton-results-watcher';
/** The watcher's -api_addr names this Service: the name is part of the contract. */
export const RESULTS_API_SERVICE = 'tekton-results-api-service';
const API_PORT = 8080;
const TLS_PATH = '/etc/tls';

export interface TektonResultsProps extends TektonResultsConfig {
  /** What the release reads (env names, ports, database CA), from src/trains/results-releases.ts. */
  readonly release: ResultsRelease;
  /** Oldest Kubernetes the train targets: the watcher's KUBERNETES_MIN_VERSION when its built-in minimum is newer. */
  readonly kubernetesMin: string;
  /** Run no pods (an image whose digest is not known yet). @default false */
  readonly stopped?: boolean;
}

/**
 * Tekton Results as direct manifests: the API server (TLS, PostgreSQL) and the watcher that
 * records finished runs through it, configured as the release reads it
 * (tektoncd/results@<release>:config/base/{api.yaml,watcher.yaml,env/config}), plus the user
 * roles upstream ships (config/base/default-clusterroles.yaml) and optional exposure.
 * Database credentials and keys stay in Secrets referenced by name.
 */
export class TektonResults extends Construct {
  public readonly namespace: RestrictedNamespace;
  public readonly api: Controller;
  public readonly watcher: Controller;

  constructor(scope: Construct, id: string, props: TektonResultsProps) {
    super(scope, id);
    const ns = props.namespace;
    const db = props.database;
    const release = props.release;
    if (!props.images) throw new Error('tekton results: images are required (the train resolves them)');
    this.namespace = new RestrictedNamespace(this, 'Namespace', { name: ns });

    const fromDbSecret = (name: string, key: string) => ({ name, valueFrom: { secretKeyRef: { name: db.secretName, key } } });
    const caFile = `${DB_CA_PATH}/ca.crt`;
    // Keys as the release's config struct names them (pkg/api/server/config/config.go).
    const apiConfig: Record<string, string> = {
      DB_PORT: String(db.port),
      DB_SSLMODE: db.sslMode,
      ...(db.caSecret && release.databaseCa === 'env' ? { DB_SSLROOTCERT: caFile } : {}),
      DB_ENABLE_AUTO_MIGRATION: 'true',
      ...(release.apiConfig === 'v0.5'
        ? { GRPC_PORT: String(release.grpcPort), REST_PORT: String(API_PORT), PROMETHEUS_PORT: '9090', TLS_PATH, NO_AUTH: 'false' }
        : // Impersonation would need `impersonate` on users and groups: not granted, so off.
          { SERVER_PORT: String(API_PORT), PROMETHEUS_PORT: '9090', TLS_PATH, AUTH_DISABLE: 'false', AUTH_IMPERSONATE: 'false' }),
      LOG_LEVEL: props.api.logLevel,
      LOGS_API: 'false',
    };
    const env: k8s.EnvVar[] = [fromDbSecret('DB_HOST', db.hostKey), fromDbSecret('DB_NAME', db.nameKey), fromDbSecret('DB_USER', db.userKey), fromDbSecret('DB_PASSWORD', db.passwordKey)];
    // Before v0.9 the DSN has no sslrootcert, so pgx (gorm postgres v1.4.6 -> jackc/pgx v5.2.0) takes it
    // from PGSSLROOTCERT (jackc/pgx@v5.2.0:pgconn/config.go parseEnvSettings).
    if (db.caSecret && release.databaseCa === 'pgssl') env.push({ name: 'PGSSLROOTCERT', value: caFile });

    const grpcSeparate = release.grpcPort !== API_PORT;
    this.api = new Controller(this, 'Api', {
      name: API_NAME,
      namespace: ns,
      image: props.images.api,
      replicas: props.stopped ? 0 : props.api.replicas,
      resources: props.api.resources,
      // Secret values come in as env (they override the config file); the file holds the rest.
      env,
      ports: [
        { name: 'server', containerPort: API_PORT },
        ...(grpcSeparate ? [{ name: 'grpc', containerPort: release.grpcPort }] : []),
        { name: 'prometheus', containerPort: 9090 },
      ],
      // The API serves gRPC health only, over TLS, which kubelet's gRPC probe cannot speak: TCP.
      probes: { liveness: { port: 'server' }, readiness: { port: grpcSeparate ? 'grpc' : 'server' } },
      serviceName: RESULTS_API_SERVICE,
      config: { name: 'tekton-results-api-config', data: { config: envFile(apiConfig) }, mountPath: '/etc/tekton/results' },
      secretMounts: [
        { name: 'tls', secretName: props.tlsSecretName, mountPath: TLS_PATH },
        ...(db.caSecret ? [{ name: 'db-ca', secretName: db.caSecret.name, mountPath: DB_CA_PATH, items: [{ key: db.caSecret.key, path: 'ca.crt' }] }] : []),
      ],
      // Callers' tokens are checked with TokenReview, their access with SubjectAccessReview.
      clusterRules: [
        { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
        { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
      ],
    });

    // knative sharedmain exits on an API server older than the compiled-in minimum unless this lowers it.
    const minVersion = compareVersions(release.builtInKubernetesMin, props.kubernetesMin) > 0 ? [{ name: 'KUBERNETES_MIN_VERSION', value: props.kubernetesMin }] : [];
    this.watcher = new Controller(this, 'Watcher', {
      name: WATCHER_NAME,
      namespace: ns,
      image: props.images.watcher,
      replicas: props.stopped ? 0 : props.watcher.replicas,
      resources: props.watcher.resources,
      args: ['-api_addr', `${RESULTS_API_SERVICE}.${ns}.svc.cluster.local:${release.grpcPort}`, '-auth_mode', 'token'],
      env: [
        { name: 'SYSTEM_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
        { name: 'CONFIG_LOGGING_NAME', value: 'tekton-results-config-logging' },
        { name: 'CONFIG_LEADERELECTION_NAME', value: 'tekton-results-config-leader-election' },
        { name: 'CONFIG_OBSERVABILITY_NAME', value: 'tekton-results-config-observability' },
        { name: 'METRICS_DOMAIN', value: 'tekton.dev/results' },
        ...minVersion,
      ],
      ports: [{ name: 'metrics', containerPort: 9090 }],
      // The watcher serves no health endpoint (cmd/watcher/main.go): its metrics listener.
      probes: { liveness: { port: 'metrics' }, readiness: { port: 'metrics' } },
      // Only the certificate, to trust the API: the watcher never needs the private key.
      secretMounts: [{ name: 'tls', secretName: props.tlsSecretName, mountPath: TLS_PATH, items: [{ key: 'tls.crt', path: 'tls.crt' }] }],
      clusterRules: [
        // Read runs, and annotate them with their result and record names.
        { apiGroups: ['tekton.dev'], resources: ['pipelineruns', 'taskruns'], verbs: ['get', 'list', 'watch', 'patch', 'update'] },
        { apiGroups: ['tekton.dev'], resources: ['pipelines'], verbs: ['get'] },
        // Checked by the API server through SubjectAccessReview for the watcher's token.
        { apiGroups: ['results.tekton.dev'], resources: ['results', 'records', 'logs'], verbs: ['create', 'get', 'update'] },
        { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
      ],
      namespaceRules: [
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
      ],
    });

    new ResultsUserRoles(this, 'UserRoles');

    if (props.expose) {
      // OpenShift turns this Ingress into a passthrough Route: the API keeps its own TLS end to end.
      const ingress = new k8s.KubeIngress(this, 'Ingress', {
        metadata: { name: API_NAME, namespace: ns, annotations: { 'route.openshift.io/termination': 'passthrough' } },
        spec: {
          rules: [
            {
              host: props.expose.host,
              http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: RESULTS_API_SERVICE, port: { name: 'server' } } } }] },
            },
          ],
        },
      });
      setSyncWave(ingress, SyncWave.INSTALL);
    }
  }
}

/** KEY=value lines, as the API server reads its config file. */
function envFile(values: Record<string, string>): string {
  return Object.entries(values).map(([k, v]) => `${k}=${v}\n`).join('');
}
