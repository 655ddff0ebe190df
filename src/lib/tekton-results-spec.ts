import type { TektonResultsConfig } from '../config/tekton-results';
import type { Json } from './tekton-config-spec';

/** Where the database CA is mounted in the Results API container (our volume, not the operator's). */
export const DB_CA_PATH = '/etc/db-ca';
/** Upstream names (tektoncd/results config/base with the `tekton-results-` prefix). */
export const RESULTS_API_DEPLOYMENT = 'tekton-results-api';
export const RESULTS_API_CONTAINER = 'api';
export const RETENTION_CONFIGMAP = 'tekton-results-config-results-retention-policy';
export const RESULTS_WATCHER_DEPLOYMENT = 'tekton-results-watcher';
export const RESULTS_WATCHER_CONTAINER = 'watcher';

/**
 * TektonConfig `spec.result` of operator v0.80 (OSP 1.23) for an external PostgreSQL whose
 * credentials stay in a referenced Secret. Fields: tektoncd/operator@v0.80.0:
 * pkg/apis/operator/v1alpha1/tektonresult_types.go (ResultsAPIProperties, Result.Options).
 * `db_sslrootcert` is only a path in the API's config file: the CA itself is mounted through
 * `options.deployments`, which the operator merges into its Deployment by container name
 * (pkg/reconciler/common/transformer_additional_options.go updateContainers/updateVolumes).
 */
export function operatorResultSpec(r: TektonResultsConfig | undefined): Json {
  // The CRD requires both keys; disabled keeps the operator from installing Results at all.
  if (!r) return { disabled: true, is_external_db: false };
  const db = r.database;
  const ca = db.caSecret;
  const options: Json = {};
  if (r.retention) {
    // tektoncd/results@v0.19.0:pkg/apis/config/retention.go: runAt, defaultRetention (days)
    options.configMaps = { [RETENTION_CONFIGMAP]: { data: { runAt: r.retention.runAt, defaultRetention: String(r.retention.days) } } };
  }
  const deployments: Json = {};
  const grace = r.watcher.completedRunGracePeriod;
  if (grace !== undefined) {
    // The operator merges args by flag name (v0.80 transformer_additional_options.go updateContainers);
    // the watcher deletes a finished run in the reconcile that stored it, past the grace period
    // (tektoncd/results@v0.19.0 pkg/watcher/reconciler/dynamic/dynamic.go deleteUponCompletion).
    deployments[RESULTS_WATCHER_DEPLOYMENT] = {
      spec: { template: { spec: { containers: [{ name: RESULTS_WATCHER_CONTAINER, args: [`-completed_run_grace_period=${grace}`] }] } } },
    };
  }
  if (ca) {
    deployments[RESULTS_API_DEPLOYMENT] = {
      spec: {
        template: {
          spec: {
            volumes: [{ name: 'db-ca', secret: { secretName: ca.name, items: [{ key: ca.key, path: 'ca.crt' }] } }],
            containers: [{ name: RESULTS_API_CONTAINER, volumeMounts: [{ name: 'db-ca', mountPath: DB_CA_PATH, readOnly: true }] }],
          },
        },
      },
    };
  }
  if (Object.keys(deployments).length > 0) options.deployments = deployments;
  const spec: Json = {
    disabled: false,
    is_external_db: true,
    db_host: db.host,
    db_port: db.port,
    db_name: db.name,
    db_sslmode: db.sslMode,
    db_sslrootcert: ca ? `${DB_CA_PATH}/ca.crt` : undefined,
    db_secret_name: db.secretName,
    db_secret_user_key: db.userKey,
    db_secret_password_key: db.passwordKey,
    db_enable_auto_migration: true,
    log_level: r.api.logLevel,
    auth_disable: false,
    auth_impersonate: false,
    route_enabled: r.expose !== undefined,
    route_host: r.expose?.host,
    // The API serves its own certificate: the router passes TLS through.
    route_tls_termination: r.expose ? 'passthrough' : undefined,
    options: Object.keys(options).length > 0 ? options : undefined,
  };
  return Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined));
}
