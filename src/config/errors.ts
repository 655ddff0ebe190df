import type { z } from 'zod';
import { quote } from './grammar/text';

/** Invalid input: one line per problem, each naming the field path. The CLI prints `lines` and exits 1. */
export class ConfigError extends Error {
  /** `source`: the file or module the config came from. */
  constructor(
    public readonly lines: readonly string[],
    public readonly source?: string,
  ) {
    super(lines.join('\n'));
    this.name = 'ConfigError';
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** `['clusters', 2, 'name']` -> `clusters[2].name`; keys with dots are quoted: `chain["artifacts.oci.storage"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (String(key).length <= 64 && IDENTIFIER.test(String(key))) out += out ? `.${String(key)}` : String(key);
    // A key is user input: quoted and cut short (a 300-character label key stays one short line).
    else out += `[${quote(String(key))}]`;
  }
  return out || '(root)';
}

/** One line per zod issue; an unknown key gets its own line at its own path. */
export function issueLines(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) lines.push(`${formatPath([...path, key])}: unknown field`);
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0 && issue.message === 'Invalid input') {
      lines.push(...issueLines(issue.errors[0], path));
    } else if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
      lines.push(`${formatPath(path)}: is required (${issue.expected})`);
    } else {
      lines.push(`${formatPath(path)}: ${issue.message}`);
    }
  }
  return lines;
}
