import { z } from 'zod';
import { cronSchedule, grammar, dnsLabel, dnsSubdomain, goDuration, imageByDigest, int32, port, secretKey, text } from './primitives';
import { replicasSchema, resourcesSchema } from './workload';


export const resultsDatabaseSchema = z.strictObject({
  /** Secret holding the connection: referenced, never written to git. */
  secretName: dnsSubdomain.default('tekton-results-database'),
  hostKey: secretKey.default('db.host'),
  nameKey: secretKey.default('db.name'),
  userKey: secretKey.default('db.user'),
  passwordKey: secretKey.default('db.password'),
  port: port.default(5432),
  /** libpq sslmode; anything weaker than verify-full trusts the network. */
  sslMode: z.enum(['disable', 'require', 'verify-ca', 'verify-full']).default('verify-full'),
  /** Secret and key of the CA that signed the database's certificate (DB_SSLROOTCERT, or PGSSLROOTCERT before Results v0.9). */
  caSecret: z.strictObject({ name: dnsSubdomain, key: secretKey.default('ca.crt') }).optional(),
  /** Database host and name as values: the operator (train `current`) takes them from TektonConfig, not from the Secret. */
  host: dnsSubdomain.optional(),
  name: text(63, { min: 1 }).optional(),
});

/** The Results API published outside the cluster; TLS passes through to the API (it serves its own certificate). */
export const resultsExposeSchema = z.strictObject({ host: dnsSubdomain });

/** How long Results keeps records (its retention policy agent; train `current`, ADR-0009). */
export const resultsRetentionSchema = z.strictObject({
  /** Days a record is kept. */
  days: int32(1).default(30),
  /** When the agent prunes (cron). */
  runAt: cronSchedule.default('5 5 * * 0'),
});

export const tektonResultsSchema = z
  .strictObject({
    /** Namespace of both controllers (created by this component). */
    namespace: dnsLabel.default('tekton-results'),
    /** Results release; default: the train's (src/trains/). */
    version: grammar((v) => (/^v\d{1,4}\.\d{1,4}\.\d{1,4}$/.test(v) ? undefined : 'must be a release tag such as v0.6.0')).optional(),
    /** Images pinned by digest; default: the release's, with the all-zero digest where no source shows it (0 replicas until set). */
    images: z.strictObject({ api: imageByDigest, watcher: imageByDigest }).optional(),
    database: resultsDatabaseSchema.prefault({}),
    /** kubernetes.io/tls Secret (tls.crt, tls.key) the API serves with; the watcher trusts its tls.crt. */
    tlsSecretName: dnsSubdomain.default('tekton-results-tls'),
    /** Publish the API (Ingress with TLS passthrough; an OpenShift Route when the operator manages Results); absent: in-cluster only. */
    expose: resultsExposeSchema.optional(),
    /** Record retention; only where the train's Results has the retention policy agent. */
    retention: resultsRetentionSchema.optional(),
    api: z
      .strictObject({
        replicas: replicasSchema.default(1),
        resources: resourcesSchema({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } }).prefault({}),
        logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
      })
      .prefault({}),
    watcher: z
      .strictObject({
        // One active watcher: it leader-elects, extra replicas only stand by.
        replicas: replicasSchema.default(1),
        /**
         * How long after a run finished and was stored the watcher deletes it from the cluster
         * (`-completed_run_grace_period`; Results is what prunes runs off cluster, ADR-0009).
         * Default: 10m where the train has Results prune (current); refused on phase-1.
         */
        completedRunGracePeriod: goDuration.optional(),
        resources: resourcesSchema({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } }).prefault({}),
      })
      .prefault({}),
  });

export type TektonResultsConfig = z.output<typeof tektonResultsSchema>;
