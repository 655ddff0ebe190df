import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { CheckedObject, Finding, KubeObject } from './types';

/** Relative path -> content of every file below `dir`; empty when `dir` does not exist. */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
      else out.set(`${prefix}${e.name}`, readFileSync(join(d, e.name), 'utf8'));
    }
  };
  walk(dir, '');
  return out;
}

/**
 * Folders of `dist/<env>/<target>/<component>/<file>` give an object its target and component;
 * other trees (argocd/) have neither.
 */
export function placeOf(file: string): { env?: string; target?: string; component?: string } {
  const parts = file.split('/');
  if (parts[0] === 'dist' && parts.length === 5) return { env: parts[1], target: parts[2], component: parts[3] };
  return { env: parts.length > 2 ? parts[1] : undefined };
}

/** Parses each file's YAML documents; a file that is not YAML, or not a mapping, is a finding. */
export function parseManifests(files: ReadonlyMap<string, string>): { objects: CheckedObject[]; findings: Finding[] } {
  const objects: CheckedObject[] = [];
  const findings: Finding[] = [];
  for (const [file, text] of files) {
    if (!/\.ya?ml$/.test(file)) {
      findings.push({ check: 'schema', file, message: 'is not a YAML manifest: Argo CD reads every file of an application folder' });
      continue;
    }
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) {
        findings.push({ check: 'schema', file, message: `is not valid YAML: ${doc.errors[0].message.split('\n')[0]}` });
        continue;
      }
      const object = doc.toJSON() as unknown;
      if (object === null || object === undefined) continue;
      if (typeof object !== 'object' || Array.isArray(object)) {
        findings.push({ check: 'schema', file, path: '(root)', message: 'must be a mapping (a Kubernetes object)' });
        continue;
      }
      objects.push({ file, object: object as KubeObject, ...placeOf(file) });
    }
  }
  return { objects, findings };
}

/** Files that differ between the committed tree and a fresh synth, one finding each. */
export function compareTrees(committed: ReadonlyMap<string, string>, fresh: ReadonlyMap<string, string>): Finding[] {
  const findings: Finding[] = [];
  for (const [file, text] of fresh) {
    const old = committed.get(file);
    if (old === undefined) findings.push({ check: 'stale', file, message: 'is produced by synth but not committed: run `npm run synth` and commit' });
    else if (old !== text) findings.push({ check: 'stale', file, message: 'differs from what synth produces: run `npm run synth` and commit' });
  }
  for (const file of committed.keys()) {
    if (!fresh.has(file)) findings.push({ check: 'stale', file, message: 'is no longer produced by synth: run `npm run synth` and commit the removal' });
  }
  return findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
