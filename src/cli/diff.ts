import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { EnvironmentConfig, formatPath } from '../config';
import { synthArgoCdInstances } from '../argocd/instance';
import { synthEnvironment } from '../synth/environment';
import { toYaml } from '../synth/files';
import { UsageError } from './usage-error';

/** Trees the diff compares: what Argo CD reads. */
export const DIFF_ROOTS = ['dist', 'argocd'] as const;
const MAX_PATHS = 12;

export interface ObjectChange {
  readonly change: 'added' | 'removed' | 'changed';
  /** `Kind namespace/name`, or the file path when it holds no object. */
  readonly object: string;
  readonly file: string;
  /** Changed field paths (`spec.channel`), for `changed`. */
  readonly fields: readonly string[];
}

export interface ApplicationChanges {
  /** The Application that deploys the files, or what applies them (`bootstrap`). */
  readonly application: string;
  readonly path: string;
  readonly changes: readonly ObjectChange[];
}

function git(args: string[], input?: string): Buffer {
  return execFileSync('git', args, { input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** origin/main when the clone has it, else HEAD: no fetch, no network. */
export function defaultRef(): string {
  try {
    git(['rev-parse', '--verify', '--quiet', 'origin/main^{commit}']);
    return 'origin/main';
  } catch {
    return 'HEAD';
  }
}

/** Every file below dist/ and argocd/ at `ref`, read with one `git cat-file --batch`. */
export function filesAtRef(ref: string): Map<string, string> {
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new UsageError(`unknown git ref "${ref}": name a branch, tag or commit of this clone (nothing is fetched)`);
  }
  const names = git(['ls-tree', '-r', '-z', '--name-only', ref, '--', ...DIFF_ROOTS]).toString('utf8').split('\0').filter(Boolean);
  const out = new Map<string, string>();
  if (names.length === 0) return out;
  const batch = git(['cat-file', '--batch'], names.map((n) => `${ref}:${n}\n`).join(''));
  let at = 0;
  for (const name of names) {
    const nl = batch.indexOf(10, at);
    const size = Number(batch.subarray(at, nl).toString('utf8').split(' ')[2]);
    out.set(name, batch.subarray(nl + 1, nl + 1 + size).toString('utf8'));
    at = nl + 1 + size + 1;
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Field paths where `a` and `b` differ: the deepest differing key; a list that changes length as a whole. */
export function changedFields(a: unknown, b: unknown, path: (string | number)[] = [], out: string[] = []): string[] {
  if (isObject(a) && isObject(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) changedFields(a[k], b[k], [...path, k], out);
  } else if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => changedFields(x, b[i], [...path, i], out));
  } else if (JSON.stringify(a) !== JSON.stringify(b)) {
    out.push(formatPath(path));
  }
  return out;
}

function describe(file: string, obj: any): string {
  if (!isObject(obj) || typeof obj.kind !== 'string') return file;
  const md = (obj.metadata ?? {}) as { name?: string; namespace?: string };
  return `${obj.kind} ${md.namespace ? `${md.namespace}/` : ''}${md.name ?? ''}`;
}

function safeParse(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return parse(text);
  } catch {
    return text;
  }
}

/**
 * Which Application deploys each folder, read from the Applications in both trees (the new tree
 * wins): a child's `source.path`; argocd/<env>/apps belongs to the root app; the rest of
 * argocd/ (each environment's root.yaml, argocd/_instance/<namespace>/) is applied by hand at bootstrap.
 */
function folderOwners(...trees: ReadonlyMap<string, string>[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const tree of [...trees].reverse()) {
    for (const [file, text] of tree) {
      if (!file.startsWith('argocd/')) continue;
      const o = safeParse(text) as any;
      if (o?.kind === 'Application' && typeof o.spec?.source?.path === 'string') owners.set(o.spec.source.path.replace(/\/+$/, ''), o.metadata.name);
    }
  }
  return owners;
}

/** Per Application, the objects added, removed and changed from `before` to `after`. */
export function diffTrees(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): ApplicationChanges[] {
  const owners = folderOwners(before, after);
  const groups = new Map<string, { application: string; path: string; changes: ObjectChange[] }>();
  for (const file of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = before.get(file);
    const b = after.get(file);
    if (a === b) continue;
    const folder = file.slice(0, file.lastIndexOf('/'));
    const application = owners.get(folder) ?? (file.startsWith('argocd/') ? 'bootstrap (applied by hand)' : '(no application)');
    const oa = safeParse(a);
    const ob = safeParse(b);
    const change: ObjectChange =
      a === undefined
        ? { change: 'added', object: describe(file, ob), file, fields: [] }
        : b === undefined
          ? { change: 'removed', object: describe(file, oa), file, fields: [] }
          : { change: 'changed', object: describe(file, ob), file, fields: changedFields(oa, ob) };
    if (change.change === 'changed' && change.fields.length === 0) continue; // only formatting differs
    const key = `${application}\0${folder}`;
    const g = groups.get(key) ?? { application, path: folder, changes: [] };
    g.changes.push(change);
    groups.set(key, g);
  }
  return [...groups.values()];
}

function fieldList(fields: readonly string[], code: (s: string) => string): string {
  const shown = fields.slice(0, MAX_PATHS).map(code).join(', ');
  return fields.length > MAX_PATHS ? `${shown} and ${fields.length - MAX_PATHS} more` : shown;
}

function totals(groups: readonly ApplicationChanges[]): string {
  const n = { added: 0, removed: 0, changed: 0 };
  for (const g of groups) for (const c of g.changes) n[c.change]++;
  const apps = new Set(groups.map((g) => g.application)).size;
  return `${apps} application${apps === 1 ? '' : 's'}: ${n.added} added, ${n.removed} removed, ${n.changed} changed`;
}

const SIGN = { added: '+', removed: '-', changed: '~' } as const;

export function renderText(groups: readonly ApplicationChanges[], ref: string): string {
  if (groups.length === 0) return `no changes against ${ref}\n`;
  const lines = [`changes against ${ref}, ${totals(groups)}`];
  for (const g of groups) {
    lines.push('', `${g.application} (${g.path})`);
    for (const c of g.changes) lines.push(`  ${SIGN[c.change]} ${c.object}${c.fields.length > 0 ? `: ${fieldList(c.fields, (s) => s)}` : ''}`);
  }
  return lines.join('\n') + '\n';
}

export function renderMarkdown(groups: readonly ApplicationChanges[], ref: string): string {
  if (groups.length === 0) return `No manifest changes against \`${ref}\`.\n`;
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [`### Manifest changes against \`${ref}\``, '', totals(groups)];
  for (const g of groups) {
    lines.push('', `**\`${g.application}\`** (\`${g.path}\`)`, '', '| change | object | changed fields |', '|---|---|---|');
    for (const c of g.changes) lines.push(`| ${c.change} | \`${cell(c.object)}\` | ${cell(fieldList(c.fields, (s) => `\`${s}\``))} |`);
  }
  return lines.join('\n') + '\n';
}

/** `diff [--ref REF] [--format text|markdown]`: synthesizes in memory, compares with git, writes nothing. */
export function runDiff(argv: string[], configs: readonly EnvironmentConfig[]): string {
  const { values, positionals } = parseArgs({ args: argv, options: { ref: { type: 'string' }, format: { type: 'string', default: 'text' } }, allowPositionals: true });
  if (positionals.length > 0) throw new UsageError(`diff takes no positional arguments (got ${positionals.join(' ')})`);
  if (values.format !== 'text' && values.format !== 'markdown') throw new UsageError(`unknown --format "${values.format}": use text or markdown`);
  const ref = values.ref ?? defaultRef();
  const before = filesAtRef(ref);
  const after = new Map<string, string>();
  const envs = configs.map(synthEnvironment);
  for (const env of envs) {
    for (const [p, c] of env.files) after.set(`dist/${p}`, c);
    for (const [p, c] of env.argocdFiles) after.set(`argocd/${p}`, c);
  }
  for (const [p, o] of synthArgoCdInstances(envs.map((e) => e.argocdInstance))) after.set(`argocd/${p}`, toYaml(o));
  const groups = diffTrees(before, after);
  return values.format === 'markdown' ? renderMarkdown(groups, ref) : renderText(groups, ref);
}
