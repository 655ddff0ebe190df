import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readErrorMessage } from '../lib/bounded-read';
import { EnvironmentConfig } from './environment';
import { ENVIRONMENTS_DIR } from './environments-dir';
import { ConfigError } from './errors';
import { quote } from './grammar/text';
import { loadEnvironmentFile } from './load';

export { ENVIRONMENTS_DIR };

const SUFFIX = '.yaml';

/**
 * The names of the environments in `dir` (`<name>.yaml`), sorted. Hidden entries (`.name`: editors'
 * swap and lock files) are skipped; any other entry is refused by name, so that a misspelt
 * `dev.yml` or a stray file is an error rather than an environment silently left out.
 */
export function environmentNames(dir: string = ENVIRONMENTS_DIR): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (e) {
    throw new ConfigError([readErrorMessage(e)], dir);
  }
  const names: string[] = [];
  const problems: string[] = [];
  for (const entry of entries.sort()) {
    if (entry.startsWith('.')) continue;
    if (entry.endsWith(SUFFIX) && entry.length > SUFFIX.length) names.push(entry.slice(0, -SUFFIX.length));
    else problems.push(`${quote(entry)}: not an environment file: ${dir}/ holds only <name>.yaml files, one environment each`);
  }
  if (problems.length === 0 && names.length === 0) problems.push(`holds no environment: add <name>.yaml (README "Add an environment")`);
  if (problems.length > 0) throw new ConfigError(problems, dir);
  return names;
}

/** The environment in `<dir>/<name>.yaml`, validated; its `name` must be the file's. */
export function loadEnvironmentByName(name: string, dir: string = ENVIRONMENTS_DIR): EnvironmentConfig {
  const file = join(dir, `${name}${SUFFIX}`);
  const config = loadEnvironmentFile(file);
  if (config.name !== name) throw new ConfigError([`name: must be ${quote(name)}, the file's name (got ${quote(config.name)}): rename the file or the environment`], file);
  return config;
}
