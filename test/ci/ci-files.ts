import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../cli/cli-helpers';

export const WORKFLOW = '.github/workflows/pull-request.yaml';
export const PIPELINE_RUN = '.tekton/pull-request.yaml';

/** YAML as the Go tools that read these files parse it (1.1: `on`, `yes` and friends). */
export function readYaml(file: string, version: '1.1' | '1.2' = '1.2'): any {
  return parse(readFileSync(join(ROOT, file), 'utf8'), { version, uniqueKeys: true });
}

/** Every `npm run X` / `npm run --silent X` a shell script calls. */
export function npmRuns(script: string): string[] {
  return [...script.matchAll(/\bnpm run (?:--silent |-s )?([\w:-]+)/g)].map((m) => m[1]);
}

/** Every repository file a shell script runs with node. */
export function nodeScripts(script: string): string[] {
  return [...script.matchAll(/\bnode ((?:\.\/)?scripts\/[\w.-]+)/g)].map((m) => m[1]);
}

export const packageScripts = (): Record<string, string> => JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;
