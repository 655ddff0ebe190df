import { Construct } from 'constructs';
import type { TektonResultsConfig } from '../config';
import { Controller } from './controller';
import { RestrictedNamespace } from './restricted-namespace';

const API_NAME = 'tekton-results-api';
const WATCHER_NAME = 'tekton-results-watcher';
/** The watcher's -api_addr names this Service: the name is part of the contract. */
export const RESULTS_API_SERVICE = 'tekton-results-api-service';
const API_PORT = 8080;
const TLS_PATH = '/etc/tls';
const DB_CA_PATH = '/etc/db-ca';

export type TektonResultsProps = TektonResultsConfig;

/**
 * Tekton Results: the API server (gRPC and REST on 8080, over TLS, backed by PostgreSQL) and
 * the watcher that records finished PipelineRuns and TaskRuns through it.
 * Database credentials and the TLS key stay in Secrets that are referenced here by name.
 * @see https://github.com/tektoncd/results/tree/main/config/base
 */
export class TektonResults extends Construct {
  public readonly namespace: RestrictedNamespace;
  public readonly api: Controller;
  public readonly watcher: Controller;

  constructor(scope: Construct, id: string, props: TektonResultsProps) {
    super(scope, id);
    const ns = props.namespace;
    const db = props.database;
    this.namespace = new RestrictedNamespace(this, 'Namespace', { name: ns });

    const fromDbSecret = (name: string, key: string) => ({ name, valueFrom: { secretKeyRef: { name: db.secretName, key } } });
    const apiConfig: Record<string, string> = {
      DB_PORT: String(db.port),
      DB_SSLMODE: db.sslMode,
      ...(db.caSecret ? { DB_SSLROOTCERT: `${DB_CA_PATH}/ca.crt` } : {}),
      DB_ENABLE_AUTO_MIGRATION: 'true',
      SERVER_PORT: String(API_PORT),
      PROMETHEUS_PORT: '9090',
      TLS_PATH,
      AUTH_DISABLE: 'false',
      // Impersonation would need `impersonate` on users and groups: not granted, so off.
      AUTH_IMPERSONATE: 'false',
      LOG_LEVEL: props.api.logLevel,
      LOGS_API: 'false',
      PROFILING: 'false',
    };

    this.api = new Controller(this, 'Api', {
      name: API_NAME,
      namespace: ns,
      image: props.images.api,
      replicas: props.api.replicas,
      resources: props.api.resources,
      // Secret values come in as env (they override the config file); the file holds the rest.
      env: [fromDbSecret('DB_HOST', db.hostKey), fromDbSecret('DB_NAME', db.nameKey), fromDbSecret('DB_USER', db.userKey), fromDbSecret('DB_PASSWORD', db.passwordKey)],
      ports: [
        { name: 'server', containerPort: API_PORT },
        { name: 'prometheus', containerPort: 9090 },
      ],
      probes: {
        liveness: { port: 'server', path: '/healthz', scheme: 'HTTPS' },
        readiness: { port: 'server', path: '/healthz', scheme: 'HTTPS' },
      },
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

    this.watcher = new Controller(this, 'Watcher', {
      name: WATCHER_NAME,
      namespace: ns,
      image: props.images.watcher,
      replicas: props.watcher.replicas,
      resources: props.watcher.resources,
      args: ['-api_addr', `${RESULTS_API_SERVICE}.${ns}.svc.cluster.local:${API_PORT}`, '-auth_mode', 'token'],
      env: [
        { name: 'SYSTEM_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
        { name: 'CONFIG_LOGGING_NAME', value: 'tekton-results-config-logging' },
        { name: 'CONFIG_LEADERELECTION_NAME', value: 'tekton-results-config-leader-election' },
        { name: 'CONFIG_OBSERVABILITY_NAME', value: 'tekton-results-config-observability' },
        { name: 'METRICS_DOMAIN', value: 'tekton.dev/results' },
      ],
      ports: [
        { name: 'metrics', containerPort: 9090 },
        { name: 'health', containerPort: 8080, expose: false },
      ],
      probes: {
        liveness: { port: 'health', path: '/health' },
        readiness: { port: 'health', path: '/readiness' },
      },
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
  }
}

/** KEY=value lines, as the API server reads its config file. */
function envFile(values: Record<string, string>): string {
  return Object.entries(values).map(([k, v]) => `${k}=${v}\n`).join('');
}
