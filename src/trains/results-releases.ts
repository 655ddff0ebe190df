import type { PinnedImage, TektonApi } from './types';

/**
 * What one Tekton Results release needs from its deployment: read from tektoncd/results at the
 * tag (cmd/api/main.go, pkg/api/server/config/config.go, config/base/{env/config,watcher.yaml}, go.mod)
 * and knative.dev/pkg's version.go at the go.mod pin.
 */
export interface ResultsRelease {
  readonly version: string;
  readonly images: { readonly api: PinnedImage; readonly watcher: PinnedImage };
  /** Pipelines APIs the watcher lists and watches; all must be served by the train's Pipelines. */
  readonly watches: readonly TektonApi[];
  /** The watcher exits on an older API server (knative sharedmain CheckK8sClientMinimumVersionOrDie) unless KUBERNETES_MIN_VERSION lowers it. */
  readonly builtInKubernetesMin: string;
  /**
   * How the API server takes the database CA:
   * - `env`: DB_SSLROOTCERT, and the API exits when sslmode is require/verify-* without it (v0.9+);
   * - `pgssl`: no DB_SSLROOTCERT; the DSN has no sslrootcert, so pgx reads PGSSLROOTCERT from the environment.
   */
  readonly databaseCa: 'env' | 'pgssl';
  /**
   * Config file keys: `v0.5` = GRPC_PORT 50051 + REST_PORT 8080 and NO_AUTH; `v0.6` = one SERVER_PORT and
   * AUTH_DISABLE / AUTH_IMPERSONATE.
   */
  readonly apiConfig: 'v0.5' | 'v0.6';
  /** Port the watcher dials (-api_addr): gRPC. */
  readonly grpcPort: number;
  /** The release ships the retention policy agent (config-results-retention-policy). */
  readonly retentionAgent: boolean;
  readonly source: string;
}

const gcr = (cmd: 'api' | 'watcher', tag: string): PinnedImage => ({
  image: `gcr.io/tekton-releases/github.com/tektoncd/results/cmd/${cmd}:${tag}`,
  // The release notes give Rekor UUIDs only; no source shows the digest (versions.md §4).
  digest: 'unknown',
  source: `tektoncd/results@${tag}:release/release.sh (ko, docker_repo gcr.io/tekton-releases)`,
});

export const RESULTS_RELEASES: Readonly<Record<string, ResultsRelease>> = {
  'v0.5.0': {
    version: 'v0.5.0',
    images: { api: gcr('api', 'v0.5.0'), watcher: gcr('watcher', 'v0.5.0') },
    // go.mod: tektoncd/pipeline v0.42.0, v1beta1 informers.
    watches: ['tekton.dev/v1beta1'],
    // go.mod: knative.dev/pkg 4fd6eb8652b7 -> version.go minimum v1.24.0
    builtInKubernetesMin: 'v1.24.0',
    // cmd/api/main.go: DSN "host user password dbname port sslmode", gorm postgres v1.4.6 -> pgx/v5 v5.2.0
    databaseCa: 'pgssl',
    apiConfig: 'v0.5',
    grpcPort: 50051,
    retentionAgent: false,
    source: 'tektoncd/results@v0.5.0:{go.mod,cmd/api/main.go,config/base/env/config}',
  },
  'v0.6.0': {
    version: 'v0.6.0',
    images: { api: gcr('api', 'v0.6.0'), watcher: gcr('watcher', 'v0.6.0') },
    watches: ['tekton.dev/v1beta1'],
    builtInKubernetesMin: 'v1.24.0',
    databaseCa: 'pgssl',
    apiConfig: 'v0.6',
    // One SERVER_PORT serves gRPC and REST (cmd/api/main.go grpcHandlerFunc).
    grpcPort: 8080,
    retentionAgent: false,
    source: 'tektoncd/results@v0.6.0:{go.mod,cmd/api/main.go,pkg/api/server/config/config.go,config/base/env/config}',
  },
  'v0.9.0': {
    version: 'v0.9.0',
    images: { api: gcr('api', 'v0.9.0'), watcher: gcr('watcher', 'v0.9.0') },
    watches: ['tekton.dev/v1beta1'],
    builtInKubernetesMin: 'v1.24.0',
    // cmd/api/main.go: log.Fatalf("DB_SSLROOTCERT can't be empty when DB_SSLMODE=%s") for require/verify-ca/verify-full
    databaseCa: 'env',
    apiConfig: 'v0.6',
    grpcPort: 8080,
    retentionAgent: false,
    source: 'tektoncd/results@v0.9.0:cmd/api/main.go',
  },
  'v0.12.0': {
    version: 'v0.12.0',
    images: { api: gcr('api', 'v0.12.0'), watcher: gcr('watcher', 'v0.12.0') },
    // go.mod: tektoncd/pipeline v0.60.2, v1 informers: needs Pipelines >= v0.43 (v1 served).
    watches: ['tekton.dev/v1'],
    builtInKubernetesMin: 'v1.28.0',
    databaseCa: 'env',
    apiConfig: 'v0.6',
    grpcPort: 8080,
    retentionAgent: true,
    source: 'tektoncd/results@v0.12.0:{go.mod,cmd/api/main.go}',
  },
  'v0.19.0': {
    version: 'v0.19.0',
    images: {
      // The OSP 1.23 builds (operator-managed in train `current`).
      api: {
        image: 'registry.redhat.io/openshift-pipelines/pipelines-results-api-rhel9',
        digest: 'sha256:012eb35e35584081395fd3962c128da78b92b413e461da9258b5d509e211f32d',
        source: 'openshift-pipelines/operator@release-v1.23.x:.konflux/olm-catalog/bundle/manifests/openshift-pipelines-operator-rh.clusterserviceversion.yaml',
      },
      watcher: {
        image: 'registry.redhat.io/openshift-pipelines/pipelines-results-watcher-rhel9',
        digest: 'sha256:2e95cb5586bbde38b0c74d44a7457361c38b8f914727bf06b762ce08c61137ed',
        source: 'openshift-pipelines/operator@release-v1.23.x:.konflux/olm-catalog/bundle/manifests/openshift-pipelines-operator-rh.clusterserviceversion.yaml',
      },
    },
    // go.mod: tektoncd/pipeline v1.12.0; v1 runs plus CustomRun v1beta1.
    watches: ['tekton.dev/v1', 'tekton.dev/v1beta1/customruns'],
    // knative.dev/pkg 396dbaacd652 -> v1.34.0; config/base/watcher.yaml sets KUBERNETES_MIN_VERSION v1.28.0
    builtInKubernetesMin: 'v1.34.0',
    databaseCa: 'env',
    apiConfig: 'v0.6',
    grpcPort: 8080,
    retentionAgent: true,
    source: 'tektoncd/results@v0.19.0:{go.mod,config/base/watcher.yaml,config/base/config-results-retention-policy.yaml}',
  },
};

/** Compares `v1.24.0`-style versions; missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.replace(/^v/, '').split('.').map((p) => Number.parseInt(p, 10) || 0);
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
