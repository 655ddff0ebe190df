import { z } from 'zod';
import { dnsLabel, dnsSubdomain, imageByDigest, port, secretKey } from './primitives';
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
  /** Secret and key of the CA that signed the database's certificate (DB_SSLROOTCERT). */
  caSecret: z.strictObject({ name: dnsSubdomain, key: secretKey.default('ca.crt') }).optional(),
});

export const tektonResultsSchema = z
  .strictObject({
    /** Namespace of both controllers (created by this component). */
    namespace: dnsLabel.default('tekton-results'),
    /** Images pinned by digest; no default: a release is chosen per environment. */
    images: z.strictObject({ api: imageByDigest, watcher: imageByDigest }),
    database: resultsDatabaseSchema.prefault({}),
    /** kubernetes.io/tls Secret (tls.crt, tls.key) the API serves with; the watcher trusts its tls.crt. */
    tlsSecretName: dnsSubdomain.default('tekton-results-tls'),
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
        resources: resourcesSchema({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } }).prefault({}),
      })
      .prefault({}),
  });

export type TektonResultsConfig = z.output<typeof tektonResultsSchema>;
