import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Lexer, parseAllDocuments } from 'yaml';
import { readErrorMessage, readRegularFile } from '../lib/bounded-read';
import { CheckedObject, Finding, KubeObject } from './types';
import { yaml11Differences } from './yaml11';

/** A manifest larger than this is not read (the largest we write is a few KiB). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/**
 * Relative path -> content of every file below `dir`; empty when `dir` does not exist. With
 * `unreadable`, a file or folder that cannot be read is reported there and the walk goes on;
 * without it, the error is thrown.
 */
export function readTree(dir: string, unreadable?: (rel: string, message: string) => void): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  const fail = (rel: string, e: unknown) => {
    if (!unreadable) throw e;
    unreadable(rel, readErrorMessage(e));
  };
  const walk = (d: string, prefix: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch (e) {
      fail(prefix || '.', e);
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
      else {
        try {
          out.set(`${prefix}${e.name}`, readRegularFile(join(d, e.name), MAX_MANIFEST_BYTES));
        } catch (err) {
          fail(`${prefix}${e.name}`, err);
        }
      }
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

/**
 * YAML tokens a manifest file may hold: parsing costs microseconds and ~150 bytes of heap per
 * token, twice (1.2 and 1.1). Our largest manifests hold a few thousand; the config budget is the same.
 */
export const MAX_MANIFEST_TOKENS = 300_000;
/** Below this size a file cannot reach the budget cheaply enough to be worth counting first. */
const COUNT_TOKENS_FROM_BYTES = 256 * 1024;

/** Whether `text` has more than `max` YAML tokens (the library's public Lexer, stopped at `max`). */
export function exceedsTokens(text: string, max: number): boolean {
  let count = 0;
  for (const _ of new Lexer().lex(text)) if (++count > max) return true;
  return false;
}

/** One line of a library error: its first line, without the source excerpt. */
function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0];
}

/**
 * One file's objects, or findings; throws only for what the library refuses to expand (an
 * alias bomb: more aliases than `maxAliasCount`), which the caller reports with the file name.
 * Every document is also read as YAML 1.1, as kubectl and Argo CD read it: a scalar that
 * reads differently there (`on`, `no`, `0755`) is a finding at its field.
 */
function parseFile(file: string, text: string, objects: CheckedObject[], findings: Finding[]): void {
  const docs = parseAllDocuments(text);
  const docs11 = parseAllDocuments(text, { version: '1.1' });
  docs.forEach((doc, i) => {
    if (doc.errors.length > 0) {
      findings.push({ check: 'schema', file, message: `is not valid YAML: ${firstLine(doc.errors[0])}` });
      return;
    }
    const object = doc.toJSON() as unknown;
    const doc11 = docs11[i];
    if (doc11 === undefined || doc11.errors.length > 0) {
      const why = doc11 === undefined ? 'a document is missing' : firstLine(doc11.errors[0]);
      findings.push({ check: 'schema', file, message: `is not valid YAML 1.1 (as kubectl and Argo CD read it): ${why}` });
    } else {
      for (const line of yaml11Differences(object, doc11.toJS())) {
        const at = line.indexOf(': ');
        findings.push({ check: 'schema', file, path: line.slice(0, at), message: line.slice(at + 2) });
      }
    }
    if (object === null || object === undefined) return;
    if (typeof object !== 'object' || Array.isArray(object)) {
      findings.push({ check: 'schema', file, path: '(root)', message: 'must be a mapping (a Kubernetes object)' });
      return;
    }
    objects.push({ file, object: object as KubeObject, ...placeOf(file) });
  });
}

/**
 * Parses each file's YAML documents; a file that is not YAML, not a mapping, reads differently
 * as YAML 1.1, or cannot be expanded (an alias bomb) is a finding naming it, and the other files
 * are still parsed.
 */
export function parseManifests(files: ReadonlyMap<string, string>): { objects: CheckedObject[]; findings: Finding[] } {
  const objects: CheckedObject[] = [];
  const findings: Finding[] = [];
  for (const [file, text] of files) {
    // ApplicationSet mode's generator input, outside every folder an Application reads.
    if (/(^|\/)argocd\/[^/]+\/targets\/[^/]+\/[^/]+\.json$/.test(file)) continue;
    if (!/\.ya?ml$/.test(file)) {
      findings.push({ check: 'schema', file, message: 'is not a YAML manifest: Argo CD reads every file of an application folder' });
      continue;
    }
    if (text.length >= COUNT_TOKENS_FROM_BYTES && exceedsTokens(text, MAX_MANIFEST_TOKENS)) {
      findings.push({ check: 'schema', file, message: `has more than ${MAX_MANIFEST_TOKENS} YAML tokens: too large to check (not a manifest synth writes)` });
      continue;
    }
    const fileObjects: CheckedObject[] = [];
    const fileFindings: Finding[] = [];
    try {
      parseFile(file, text, fileObjects, fileFindings);
    } catch (e) {
      findings.push({ check: 'schema', file, message: `cannot be read as YAML: ${firstLine(e)}` });
      continue;
    }
    objects.push(...fileObjects);
    findings.push(...fileFindings);
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
