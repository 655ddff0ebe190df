import { ConfigError } from './errors';
import { quote } from './grammar/text';

/**
 * Environments written together must have distinct names: the name is their folder under dist/
 * and argocd/, and the prefix of their Argo CD applications. One short line naming both sources,
 * instead of every file the two would both write.
 */
export function checkUniqueEnvironmentNames(environments: readonly { readonly source: string; readonly name: string }[]): void {
  const first = new Map<string, string>();
  for (const env of environments) {
    const other = first.get(env.name);
    if (other !== undefined) {
      throw new ConfigError([`name: ${quote(env.name)} is also the name of the environment in ${other}: each environment needs its own name (its folder under dist/ and argocd/)`], env.source);
    }
    first.set(env.name, env.source);
  }
}
