import { parse } from 'yaml';
import { FieldChange, changedFields } from './fields';

export type ChangeKind = 'added' | 'removed' | 'changed';

/**
 * One object change, identical on `targets` (one entry for a change made on many clusters).
 * Names that hold the target are shown with `<target>` when there is more than one.
 */
export interface DiffEntry {
  readonly change: ChangeKind;
  /** `Kind namespace/name`, or the file when it holds no object. */
  readonly object: string;
  /** Changed fields with old and new values, for `changed`. */
  readonly fields: readonly FieldChange[];
}

/** Per Argo CD application (or family of one per target), its entries. */
export interface DiffGroup {
  /** The Application that deploys the files, or what applies them (`bootstrap`). */
  readonly application: string;
  readonly path: string;
  /** Targets the group's changes are made on, sorted; empty when not per target. */
  readonly targets: readonly string[];
  /** Targets of the environment that have this component (the denominator); 0 when not per target. */
  readonly of: number;
  readonly entries: readonly DiffEntry[];
}

export interface DiffTotals {
  readonly applications: number;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  /** Entries after collapsing identical changes. */
  readonly entries: number;
}

export interface TreeDiff {
  readonly groups: readonly DiffGroup[];
  readonly totals: DiffTotals;
}

function safeParse(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return parse(text);
  } catch {
    return text;
  }
}

function describe(file: string, obj: any): string {
  if (typeof obj !== 'object' || obj === null || typeof obj.kind !== 'string') return file;
  const md = (obj.metadata ?? {}) as { name?: string; namespace?: string };
  return `${obj.kind} ${md.namespace ? `${md.namespace}/` : ''}${md.name ?? ''}`;
}

const DIST_FOLDER = /^dist\/([^/]+)\/([^/]+)\/([^/]+)$/;

/** Where a rendered folder deploys: environment, target, component. */
function placeOf(folder: string): { env: string; target: string; component: string } | undefined {
  const m = DIST_FOLDER.exec(folder);
  return m ? { env: m[1], target: m[2], component: m[3] } : undefined;
}

// A source path line of an Application as synth writes it; candidates are parsed to confirm.
const PATH_LINE = /^\s+path:\s*(\S+)\s*$/gm;

/**
 * Which Application deploys each of `folders`, read from the Applications in both trees (the new
 * tree wins): a child's `source.path`; argocd/<env>/apps belongs to the root app; the rest of
 * argocd/<env>/ is applied by hand at bootstrap. Only Applications naming one of `folders` are
 * parsed (at 1,000 clusters, 4,000 would be).
 */
function folderOwners(folders: ReadonlySet<string>, ...trees: ReadonlyMap<string, string>[]): Map<string, string> {
  const owners = new Map<string, string>();
  const seen = new Set<string>();
  for (const tree of [...trees].reverse()) {
    for (const [file, text] of tree) {
      if (!file.startsWith('argocd/') || seen.has(text) || !text.includes('kind: Application')) continue;
      seen.add(text);
      if (![...text.matchAll(PATH_LINE)].some((m) => folders.has(m[1].replace(/\/+$/, '')))) continue;
      const o = safeParse(text) as any;
      if (o?.kind === 'Application' && typeof o.spec?.source?.path === 'string') owners.set(o.spec.source.path.replace(/\/+$/, ''), o.metadata?.name);
    }
  }
  return owners;
}

/** Per environment and component, how many targets have it (either side). */
function componentCounts(...trees: ReadonlyMap<string, string>[]): Map<string, number> {
  const targets = new Map<string, Set<string>>();
  for (const tree of trees) {
    for (const file of tree.keys()) {
      const p = placeOf(file.slice(0, file.lastIndexOf('/')));
      if (!p) continue;
      const key = `${p.env}/${p.component}`;
      const set = targets.get(key) ?? new Set<string>();
      set.add(p.target);
      targets.set(key, set);
    }
  }
  return new Map([...targets].map(([k, s]) => [k, s.size]));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `s` with the target's name, where it stands as a whole name part, replaced by `<target>`. */
export function templated(s: string, target: string): string {
  return s.replace(new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(target)}(?![A-Za-z0-9])`, 'g'), '<target>');
}

interface Located {
  readonly application: string;
  readonly path: string;
  readonly place?: { env: string; target: string; component: string };
  readonly entry: DiffEntry;
}

/** The Application, folder and (for per-target files) place of one changed file. */
function locate(file: string, before: unknown, after: unknown, owners: ReadonlyMap<string, string>): Omit<Located, 'entry'> {
  const folder = file.slice(0, file.lastIndexOf('/'));
  const application = owners.get(folder) ?? (file.startsWith('argocd/') ? 'bootstrap (applied by hand)' : '(no application)');
  // A child Application (in the root app's folder) is per target too: the target of the folder it deploys.
  const app = (after ?? before) as any;
  const deploys = file.startsWith('argocd/') && app?.kind === 'Application' && typeof app.spec?.source?.path === 'string' ? placeOf(app.spec.source.path.replace(/\/+$/, '')) : undefined;
  return { application, path: folder, place: placeOf(folder) ?? deploys };
}

/**
 * Per Argo CD application, the objects added, removed and changed from `before` to `after`, with
 * identical changes on several targets of one environment and component collapsed into one group.
 */
export function diffTrees(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): TreeDiff {
  const files = [...new Set([...before.keys(), ...after.keys()])].sort().filter((f) => before.get(f) !== after.get(f));
  const owners = folderOwners(new Set(files.map((f) => f.slice(0, f.lastIndexOf('/')))), before, after);
  const counts = componentCounts(before, after);
  const located: Located[] = [];
  const n = { added: 0, removed: 0, changed: 0 };
  const applications = new Set<string>();
  for (const file of files) {
    const a = before.get(file);
    const b = after.get(file);
    const oa = safeParse(a);
    const ob = safeParse(b);
    const entry: DiffEntry =
      a === undefined
        ? { change: 'added', object: describe(file, ob), fields: [] }
        : b === undefined
          ? { change: 'removed', object: describe(file, oa), fields: [] }
          : { change: 'changed', object: describe(file, ob), fields: changedFields(oa, ob) };
    if (entry.change === 'changed' && entry.fields.length === 0) continue; // only formatting differs
    const where = locate(file, oa, ob, owners);
    n[entry.change]++;
    applications.add(where.application);
    // Field by field: a bump on all targets stays one entry when some targets change more.
    if (entry.change === 'changed') for (const f of entry.fields) located.push({ ...where, entry: { ...entry, fields: [f] } });
    else located.push({ ...where, entry });
  }

  // 1. Identical changes (names templated on the target) across targets: one entry, many targets.
  const byChange = new Map<string, { first: Located; family: string; targets: Set<string> }>();
  for (const l of located) {
    const t = l.place?.target;
    const key = JSON.stringify(
      t === undefined
        ? [l.application, l.path, l.entry]
        : [l.place!.env, l.place!.component, templated(l.application, t), templated(l.path, t), { ...l.entry, object: templated(l.entry.object, t) }],
    );
    const slot = byChange.get(key) ?? { first: l, family: l.place ? `${l.place.env}/${l.place.component}` : '', targets: new Set<string>() };
    if (t !== undefined) slot.targets.add(t);
    byChange.set(key, slot);
  }

  // 2. Entries on the same targets of one application family: one group, as one Application reads.
  const groups = new Map<string, { application: string; path: string; targets: string[]; of: number; entries: DiffEntry[] }>();
  for (const { first, family, targets } of byChange.values()) {
    const list = [...targets].sort();
    const many = list.length > 1;
    const t = first.place?.target;
    const name = (s: string) => (many && t !== undefined ? templated(s, t) : s);
    const application = name(first.application);
    const path = name(first.path);
    const key = JSON.stringify([application, path, list]);
    const g = groups.get(key) ?? { application, path, targets: list, of: family ? (counts.get(family) ?? list.length) : 0, entries: [] };
    const object = name(first.entry.object);
    // The fields of one object on the same targets join again.
    const same = first.entry.change === 'changed' ? g.entries.findIndex((e) => e.change === 'changed' && e.object === object) : -1;
    if (same >= 0) g.entries[same] = { ...g.entries[same], fields: [...g.entries[same].fields, ...first.entry.fields] };
    else g.entries.push({ ...first.entry, object });
    groups.set(key, g);
  }
  const all = [...groups.values()];
  return { groups: all, totals: { applications: applications.size, ...n, entries: all.reduce((s, g) => s + g.entries.length, 0) } };
}
