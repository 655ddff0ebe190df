import { z } from 'zod';
import { compareVersions } from '../trains';
import { urlProblem } from './grammar/url';
import { grammar, text } from './primitives';

/**
 * The `pipelines-as-code` ConfigMap settings, passed through TektonConfig
 * `platforms.openshift.pipelinesAsCode.settings` (keys as read by pipelines-as-code
 * pkg/params/settings of the releases the trains ship: v0.17.7 and v0.48.1). The ConfigMap
 * takes strings only, so booleans and numbers are written as strings here too; the values
 * are checked so that a typo ("ture") fails here, not silently as false in the controller.
 */
const boolString = z.enum(['true', 'false'], { error: 'must be the string "true" or "false" (ConfigMap values are strings)' });
const countString = grammar((v) => (/^[0-9]{1,9}$/.test(v) ? undefined : 'must be a non-negative integer of at most 9 digits written as a string, e.g. "5"'));
// An empty value is how the ConfigMap says "not set" for the URL keys.
const urlOrEmpty = grammar((v) => {
  if (v === '') return undefined;
  const problem = urlProblem(v, { schemes: ['https', 'http'], credentials: 'remove them: these links are shown to every user' });
  return problem && `${problem} (or "" for none)`;
});
/**
 * A console link template: PaC replaces `{{ name }}` placeholders (namespace, pr, task, pod,
 * firstFailedStep, Repository params) and falls back to `custom-console-url` when the result is
 * no URL (tektoncd/pipelines-as-code@v0.48.1: pkg/consoleui/custom.go generateURL), silently: so
 * the template must be an http(s) URL with each placeholder standing for a path or query part.
 */
const urlTemplate = grammar((v) => {
  if (v === '') return undefined;
  if (v.length > 4096) return `must be at most 4096 characters, got ${v.length}`;
  const problem = urlProblem(v.replace(/\{\{[^}]{2,}\}\}/g, 'x'), { schemes: ['https', 'http'], credentials: 'remove them: these links are shown to every user' });
  return problem && `${problem} (once {{ placeholders }} are filled in; or "" for none)`;
});
/** Values of the ConfigMap: one line each; a template or a regexp gets more room. */
const name = text(253, { min: 1 });
const line = text(1024);
const template = text(4096);

export const pacSettingsSchema = z.strictObject({
  /** Name shown in Git provider checks. Upstream default "Pipelines as Code CI". */
  'application-name': name.optional(),
  /** Create a Secret with the GitHub App token for private repositories. */
  'secret-auto-create': boolString.optional(),
  /** Scope the GitHub App token to the repository the event came from. */
  'secret-github-app-token-scoped': boolString.optional(),
  /** Extra `owner/repo` entries (comma separated) the scoped token may read. */
  'secret-github-app-scope-extra-repos': template.optional(),
  /** Tekton Hub API used to resolve remote tasks. */
  'hub-url': urlOrEmpty.optional(),
  'hub-catalog-name': name.optional(),
  /** Allow remote tasks in PipelineRun annotations. */
  'remote-tasks': boolString.optional(),
  /** Check that Bitbucket Cloud events come from Atlassian's published IP ranges. */
  'bitbucket-cloud-check-source-ip': boolString.optional(),
  /** Extra IPs or CIDRs (comma separated) accepted as Bitbucket Cloud sources. */
  'bitbucket-cloud-additional-source-ip': template.optional(),
  /** Upper bound for a PipelineRun's `max-keep-runs` annotation. */
  'max-keep-run-upper-limit': countString.optional(),
  /** `max-keep-runs` applied when a PipelineRun sets none. */
  'default-max-keep-runs': countString.optional(),
  'tekton-dashboard-url': urlOrEmpty.optional(),
  /** Create a Repository for every new GitHub repository the app is installed on. */
  'auto-configure-new-github-repo': boolString.optional(),
  /** Namespace template for auto-configured repositories, e.g. `{{repo_owner}}-{{repo_name}}-ci`. */
  'auto-configure-repo-namespace-template': line.optional(),
  /** Post the failing step's last log lines on the Git provider. */
  'error-log-snippet': boolString.optional(),
  'error-detection-from-container-logs': boolString.optional(),
  'error-detection-max-number-of-lines': countString.optional(),
  /** Go regexp with named groups filename, line, error. */
  'error-detection-simple-regexp': template.optional(),
  'custom-console-name': line.optional(),
  'custom-console-url': urlOrEmpty.optional(),
  /** URL template with {{ namespace }} and {{ pr }}. */
  'custom-console-url-pr-details': urlTemplate.optional(),
  /** URL template with {{ namespace }}, {{ pr }} and {{ task }}. */
  'custom-console-url-pr-tasklog': urlTemplate.optional(),
  /** URL template with {{ namespace }} (PaC v0.22+: not on train phase-1). */
  'custom-console-url-namespace': urlTemplate.optional(),
});

export type PacSettings = z.output<typeof pacSettingsSchema>;

/** Keys newer than some PaC release a train ships, with the first release that reads them. */
const PAC_KEYS_SINCE: Readonly<Record<string, string>> = {
  // tektoncd/pipelines-as-code@v0.22.0 pkg/params/settings/config.go (not in v0.17.7)
  'custom-console-url-namespace': 'v0.22.0',
};

/** Why PaC `version` ignores `key`, if it does. */
export function pacKeyProblem(key: string, version: string): string | undefined {
  const since = PAC_KEYS_SINCE[key];
  return since && compareVersions(version, since) < 0 ? `Pipelines-as-Code ${version} has no ${key} (first read by ${since}): remove it` : undefined;
}

/** Only the keys that are set, as the string map the ConfigMap takes. */
export function pacSettingsData(settings: PacSettings): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(settings)) if (value !== undefined) out[key] = value;
  return out;
}
