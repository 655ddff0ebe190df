import { posix } from 'node:path';
import { parse } from 'yaml';
import { Json, renderTemplate } from './application-set-template';
import { groupOf } from './ignore-differences';
import { ResourceExclusion, excludes } from './resource-exclusions';

/** What the check needs of an object: its identity (and, for Argo CD objects, their spec). */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly [key: string]: unknown;
}

interface AppView {
  readonly file: string;
  readonly name: string;
  /** Where the Application lives (its ApplicationSet's namespace for a generated one). */
  readonly namespace: string;
  readonly project: string;
  readonly repoURL: string;
  readonly path: string;
  readonly recurse: boolean;
  readonly destination: { readonly server?: string; readonly name?: string; readonly namespace?: string };
}

type ProjectDestination = { server?: string; name?: string; namespace?: string };

interface ProjectView {
  readonly sourceRepos: readonly string[];
  /** Destinations by `server <url>` / `cluster <name>`, and those with a `*` server or name: no scan per app. */
  readonly destinations: ReadonlyMap<string, readonly ProjectDestination[]>;
  readonly anyDestination: readonly ProjectDestination[];
  readonly cluster: ReadonlySet<string>;
  readonly namespaced: ReadonlySet<string>;
}

const dirOf = (p: string) => p.slice(0, p.lastIndexOf('/'));
const id = (o: ObjectRef) => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;
const destKey = (d: AppView['destination']) => (d.server ? `server ${d.server}` : `cluster ${d.name}`);
const glob = (pattern: string | undefined, value: string | undefined) => pattern === '*' || (pattern ?? '') === (value ?? '');

function asApp(file: string, o: any): AppView {
  return {
    file,
    name: o.metadata.name,
    namespace: o.metadata.namespace ?? '',
    project: o.spec?.project ?? 'default',
    repoURL: o.spec?.source?.repoURL ?? '',
    path: String(o.spec?.source?.path ?? '').replace(/\/+$/, ''),
    recurse: o.spec?.source?.directory?.recurse === true,
    destination: o.spec?.destination ?? {},
  };
}

function asProject(o: any): ProjectView {
  const gk = (l: any[] | undefined) => new Set((l ?? []).map((r) => `${r.group}/${r.kind}`));
  const destinations = new Map<string, ProjectDestination[]>();
  const anyDestination: ProjectDestination[] = [];
  for (const d of (o.spec?.destinations ?? []) as ProjectDestination[]) {
    if (d.server === '*' || d.name === '*') anyDestination.push(d);
    else if (d.server || d.name) {
      const key = destKey(d);
      destinations.set(key, [...(destinations.get(key) ?? []), d]);
    }
  }
  return {
    sourceRepos: o.spec?.sourceRepos ?? [],
    destinations,
    anyDestination,
    cluster: gk(o.spec?.clusterResourceWhitelist),
    // Argo CD: no namespaceResourceWhitelist at all allows every namespaced kind.
    namespaced: o.spec?.namespaceResourceWhitelist === undefined ? new Set(['*']) : gk(o.spec.namespaceResourceWhitelist),
  };
}

/** ApplicationSet mode's parameter files: `argocd/<env>/targets/<target>/<component>.json`. */
export const PARAMETER_FILE = /(^|\/)argocd\/[^/]+\/targets\/[^/]+\/[^/]+\.json$/;

/**
 * A git files generator's glob as Argo CD v2.9 matches it by default: `git ls-files -- <glob>`
 * (argoproj/argo-cd@v2.9.0:util/git/client.go LsFiles), a pathspec whose `*` also matches `/`.
 */
function globRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/**
 * The Applications an ApplicationSet's git files generators yield from `parameterFiles`, as the
 * controller renders them (goTemplate; the generator adds `path` params:
 * argoproj/argo-cd@v2.9.0:applicationset/generators/git.go generateParamsFromGitFile).
 */
export function expandApplicationSet(appset: any, parameterFiles: ReadonlyMap<string, unknown>): { file: string; app?: any; error?: string }[] {
  const out: { file: string; app?: any; error?: string }[] = [];
  for (const g of appset.spec?.generators ?? []) {
    for (const f of g.git?.files ?? []) {
      const re = globRegExp(String(f.path));
      for (const file of [...parameterFiles.keys()].filter((k) => re.test(k)).sort()) {
        const dir = posix.dirname(file);
        const params = { ...(parameterFiles.get(file) as object), path: { path: dir, basename: posix.basename(dir), filename: posix.basename(file), segments: dir.split('/') } };
        try {
          const app = renderTemplate(appset.spec.template as Json, params) as any;
          out.push({ file, app: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', ...app, metadata: { ...app.metadata, namespace: app.metadata?.namespace ?? appset.metadata.namespace } } });
        } catch (e) {
          out.push({ file, error: (e as Error).message });
        }
      }
    }
  }
  return out;
}

/**
 * What Argo CD needs of the two trees to deploy them as intended. Paths are repository-relative
 * (`dist/...`, `argocd/...`). Returns one line per problem; empty when consistent.
 * - every Application's path exists and holds manifests;
 * - every dist/ folder is owned by exactly one Application;
 * - no object (same destination, group, kind, namespace, name) is managed by two Applications;
 * - every child Application's project exists and allows its repository, destination and kinds;
 * - ApplicationSets (mode `applicationset`) count as the Applications they generate from
 *   `parameterFiles` (repository path -> parsed JSON), each of which must be read by one.
 * Linear in files, except for apps with `directory.recurse` (each scans the folder list).
 */
export function checkConsistency(dist: ReadonlyMap<string, ObjectRef>, argocd: ReadonlyMap<string, ObjectRef>, parameterFiles: ReadonlyMap<string, unknown> = new Map()): string[] {
  const problems: string[] = [];
  const folders = new Map<string, string[]>();
  for (const p of [...dist.keys()].sort()) {
    const d = dirOf(p);
    const list = folders.get(d) ?? [];
    list.push(p);
    folders.set(d, list);
  }
  const argocdFolders = new Set([...argocd.keys()].map(dirOf));
  const apps: AppView[] = [];
  // Parameter file -> the ApplicationSets that read it.
  const readBy = new Map<string, string[]>();
  const projects = new Map<string, ProjectView>();
  // Per Argo CD namespace, the resource.exclusions of its argocd-cm patch (argocd/_instance/<ns>/).
  const exclusions = new Map<string, ResourceExclusion[]>();
  for (const [file, o] of argocd) {
    const text = o.apiVersion === 'v1' && o.kind === 'ConfigMap' && o.metadata.name === 'argocd-cm' ? (o as { data?: Record<string, string> }).data?.['resource.exclusions'] : undefined;
    if (text === undefined) continue;
    const list = parse(text);
    if (!Array.isArray(list)) problems.push(`${file}: resource.exclusions is not a YAML list`);
    else exclusions.set(o.metadata.namespace ?? '', list.map((e: any) => ({ apiGroups: e?.apiGroups ?? [], kinds: e?.kinds ?? [], clusters: e?.clusters ?? [] })));
  }
  for (const [file, o] of argocd) {
    if (o.apiVersion !== 'argoproj.io/v1alpha1') continue;
    if (o.kind === 'Application') apps.push(asApp(file, o));
    if (o.kind === 'ApplicationSet') {
      const generated = expandApplicationSet(o, parameterFiles);
      if (generated.length === 0) problems.push(`${file}: ApplicationSet ${o.metadata.name} generates no Application: no parameter file matches its generators`);
      for (const g of generated) {
        const readers = readBy.get(g.file) ?? [];
        readers.push(o.metadata.name);
        readBy.set(g.file, readers);
        if (g.error) problems.push(`${file}: ApplicationSet ${o.metadata.name} over ${g.file}: ${g.error}`);
        else apps.push(asApp(`${file} (${g.file})`, g.app));
      }
    }
    if (o.kind === 'AppProject') projects.set(`${o.metadata.namespace ?? ''}/${o.metadata.name}`, asProject(o));
  }

  for (const file of [...parameterFiles.keys()].sort()) {
    const r = readBy.get(file) ?? [];
    if (r.length !== 1) problems.push(`${file}: parameter file read by ${r.length === 0 ? 'no ApplicationSet' : `${r.length} ApplicationSets: ${r.join(', ')}`}`);
  }
  const names = new Map<string, string>();
  for (const app of apps) {
    const key = `${app.namespace}/${app.name}`;
    const other = names.get(key);
    if (other !== undefined) problems.push(`${app.file}: Application ${app.name} is also produced by ${other}`);
    else names.set(key, app.file);
  }
  const owners = new Map<string, string[]>();
  const managed = new Map<string, string>();
  for (const app of apps.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const where = `${app.file}: Application ${app.name}`;
    if (app.path.startsWith('argocd/')) {
      if (!argocdFolders.has(app.path)) problems.push(`${where}: path ${app.path} holds no manifests`);
      continue;
    }
    const owned = app.recurse ? [...folders.keys()].filter((f) => f === app.path || f.startsWith(`${app.path}/`)) : folders.has(app.path) ? [app.path] : [];
    if (owned.length === 0) {
      problems.push(`${where}: path ${app.path} does not exist or holds no manifests`);
      continue;
    }
    const project = projects.get(`${app.namespace}/${app.project}`);
    if (!project) problems.push(`${where}: project ${app.project} is not defined next to it`);
    else {
      if (!project.sourceRepos.some((r) => r === '*' || r === app.repoURL)) problems.push(`${where}: repository ${app.repoURL} is not allowed by project ${app.project}`);
      const d = app.destination;
      const candidates = [...(project.destinations.get(destKey(d)) ?? []), ...project.anyDestination];
      const allowed = candidates.some((p) => (d.server ? glob(p.server, d.server) && !!p.server : glob(p.name, d.name) && !!p.name) && glob(p.namespace, d.namespace));
      if (!allowed) problems.push(`${where}: destination ${destKey(d)}${d.namespace ? ` namespace ${d.namespace}` : ''} is not allowed by project ${app.project}`);
    }
    const excluded = exclusions.get(app.namespace) ?? [];
    for (const folder of owned) {
      const list = owners.get(folder) ?? [];
      list.push(app.name);
      owners.set(folder, list);
      for (const f of folders.get(folder)!) {
        const o = dist.get(f)!;
        const gk = `${groupOf(o.apiVersion)}/${o.kind}`;
        if (project && !(o.metadata.namespace ? project.namespaced.has(gk) || project.namespaced.has('*') : project.cluster.has(gk))) {
          problems.push(`${f}: ${id(o)}: kind ${gk} is not allowed by project ${app.project} (${o.metadata.namespace ? 'namespaceResourceWhitelist' : 'clusterResourceWhitelist'})`);
        }
        // Argo CD matches `clusters` against the server URL; a destination by name only matches `*`.
        const server = app.destination.server;
        const hit = excluded.find((e) => (server ? excludes(e, groupOf(o.apiVersion), o.kind, server) : e.clusters.includes('*') && excludes({ ...e, clusters: [] }, groupOf(o.apiVersion), o.kind, '')));
        if (hit) problems.push(`${f}: ${id(o)}: kind ${gk} is excluded on ${destKey(app.destination)} by resource.exclusions of Argo CD in ${app.namespace}: Argo CD would never apply it`);
        const key = `${destKey(app.destination)} ${gk} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;
        const other = managed.get(key);
        if (other !== undefined && other !== app.name) problems.push(`${f}: ${id(o)} on ${destKey(app.destination)} is managed by two Applications: ${other} and ${app.name}`);
        else managed.set(key, app.name);
      }
    }
  }
  for (const folder of folders.keys()) {
    const o = owners.get(folder) ?? [];
    if (o.length === 0) problems.push(`${folder}: no Application deploys this folder`);
    else if (o.length > 1) problems.push(`${folder}: deployed by ${o.length} Applications: ${o.join(', ')}`);
  }
  return problems;
}

/** ApplicationSet mode's parameter files among repository files (path -> text), parsed. */
export function parseParameterFiles(files: ReadonlyMap<string, string> | Record<string, string>): Map<string, unknown> {
  const entries = files instanceof Map ? [...files] : Object.entries(files);
  return new Map(entries.filter(([p]) => PARAMETER_FILE.test(p)).map(([p, text]) => [p, JSON.parse(text) as unknown]));
}

/** Reads repository files (path -> YAML text, one object each) into the check's input. */
export function parseManifests(files: ReadonlyMap<string, string> | Record<string, string>): Map<string, ObjectRef> {
  const entries = files instanceof Map ? [...files] : Object.entries(files);
  const out = new Map<string, ObjectRef>();
  for (const [path, text] of entries) {
    if (!/\.ya?ml$/.test(path)) continue;
    const o = parse(text);
    if (o && typeof o === 'object' && typeof o.kind === 'string') out.set(path, o as ObjectRef);
  }
  return out;
}
