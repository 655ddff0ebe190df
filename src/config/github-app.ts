import { z } from 'zod';
import { externalSecretSourceSchema } from './external-secret';
import { text } from './primitives';

/** A key or property name in the external store. */
const remoteName = text(1024, { min: 1 });

/**
 * The GitHub App Pipelines-as-Code acts as (successor design, ADR-0009). Its credentials come from
 * an external store: PaC reads Secret `pipelines-as-code-secret` in its namespace, keys
 * `github-application-id`, `github-private-key`, `webhook.secret` (tektoncd/pipelines-as-code@v0.48.1:
 * pkg/params/info/controller_info.go, pkg/apis/pipelinesascode/keys/keys.go, pkg/secrets/secret.go).
 */
export const githubAppSchema = z.strictObject({
  /** The GitHub App's name: PaC's `application-name` (ADR-0009: the check runs show the app's name). */
  name: text(253, { min: 1 }),
  /** An ExternalSecret on every cluster materializes the Secret; never a value in git. */
  externalSecret: z.strictObject({
    storeRef: externalSecretSourceSchema.shape.storeRef,
    /** Key of the app's credentials in the store. */
    remoteKey: remoteName,
    /** The property of `remoteKey` holding each value PaC reads. */
    properties: z
      .strictObject({
        applicationId: remoteName.default('github-application-id'),
        privateKey: remoteName.default('github-private-key'),
        webhookSecret: remoteName.default('webhook.secret'),
      })
      .prefault({}),
    refreshInterval: externalSecretSourceSchema.shape.refreshInterval,
  }),
});

export type GitHubAppConfig = z.output<typeof githubAppSchema>;
