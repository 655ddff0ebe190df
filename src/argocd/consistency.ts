import { parse } from 'yaml';
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

/**
 * What Argo CD needs of the two trees to deploy them as intended. Paths are repository-relative
 * (`dist/...`, `argocd/...`). Returns one line per problem; empty when consistent.
 * - every Application's path exists and holds manifests;
 * - every dist/ folder is owned by exactly one Application;
 * - no object (same destination, group, kind, namespace, name) is managed by two Applications;
 * - every child Application's project exists and allows its repository, destination and kinds.
 * Linear in files, except for apps with `directory.recurse` (each scans the folder list).
 */
export function checkConsistency(dist: ReadonlyMap<string, ObjectRef>, argocd: ReadonlyMap<string, ObjectRef>): string[] {
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
    if (o.kind === 'AppProject') projects.set(`${o.metadata.namespace ?? ''}/${o.metadata.name}`, asProject(o));
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
    const project = projects.get(`${(argocd.get(app.file)?.metadata.namespace as string) ?? ''}/${app.project}`);
    if (!project) problems.push(`${where}: project ${app.project} is not defined next to it`);
    else {
      if (!project.sourceRepos.some((r) => r === '*' || r === app.repoURL)) problems.push(`${where}: repository ${app.repoURL} is not allowed by project ${app.project}`);
      const d = app.destination;
      const candidates = [...(project.destinations.get(destKey(d)) ?? []), ...project.anyDestination];
      const allowed = candidates.some((p) => (d.server ? glob(p.server, d.server) && !!p.server : glob(p.name, d.name) && !!p.name) && glob(p.namespace, d.namespace));
      if (!allowed) problems.push(`${where}: destination ${destKey(d)}${d.namespace ? ` namespace ${d.namespace}` : ''} is not allowed by project ${app.project}`);
    }
    const excluded = exclusions.get((argocd.get(app.file)?.metadata.namespace as string) ?? '') ?? [];
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
        if (hit) problems.push(`${f}: ${id(o)}: kind ${gk} is excluded on ${destKey(app.destination)} by resource.exclusions of Argo CD in ${(argocd.get(app.file)?.metadata.namespace as string) ?? ''}: Argo CD would never apply it`);
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
