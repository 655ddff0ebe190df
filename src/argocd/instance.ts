import { ApiObject, App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import type { Target } from '../charts/environment-app';
import type { EnvironmentConfig } from '../config';
import { standardLabels } from '../lib/labels';
import type { Manifest, SynthesizedComponent } from '../synth/manifests';
import { SynthError } from '../synth/manifests';
import { ArgoCdConfigMapPatch } from './argocd-cm-patch';
import { ArgoCdResourcePatch } from './argocd-resource-patch';
import { HEALTH_CHECKS } from './health-checks';
import { groupOf } from './ignore-differences';
import { OPENSHIFT_GITOPS_DEFAULT_EXCLUSION, ResourceExclusion, excludes, kcpExclusions } from './resource-exclusions';

/** Folder under argocd/ of the per-instance settings: `_instance/<namespace>/` (no environment name starts with `_`). */
export const INSTANCE_FOLDER = '_instance';
export const instanceFolder = (namespace: string) => `${INSTANCE_FOLDER}/${namespace}`;
/** The two files of an instance folder. */
export const ARGOCD_RESOURCE_PATCH = 'argocd.patch.yaml';
export const ARGOCD_CM_PATCH = 'argocd-cm.patch.yaml';

/** What one environment needs from the Argo CD instance that deploys it. */
export interface ArgoCdInstanceContribution {
  readonly environment: string;
  /** `argocd.namespace`: the instance's namespace, which keys the instance. */
  readonly namespace: string;
  /** `argocd.instance`: the ArgoCD resource's name. */
  readonly instance: string;
  /** Server URL of each of the environment's kcp workspace targets -> `group/kind`s its apps deploy there. */
  readonly kcpWorkspaces: ReadonlyMap<string, ReadonlySet<string>>;
  /** Every target's destination (`server <url>` / `cluster <name>`) -> `group/kind`s deployed there. */
  readonly deployed: ReadonlyMap<string, ReadonlySet<string>>;
}

const destinationKey = (d: Target['destination']) => ('server' in d && d.server ? `server ${d.server}` : `cluster ${(d as { name: string }).name}`);

/** An environment's contribution, from its targets and components (objects reduced or whole). */
export function instanceContribution(config: EnvironmentConfig, targets: readonly Target[], components: readonly SynthesizedComponent[]): ArgoCdInstanceContribution {
  const byTarget = new Map(targets.map((t) => [t.name, t]));
  const deployed = new Map<string, Set<string>>();
  const kcpWorkspaces = new Map<string, Set<string>>();
  for (const t of targets) {
    const set = new Set<string>();
    deployed.set(destinationKey(t.destination), set);
    if (t.kind === 'kcp-workspace' && 'server' in t.destination && t.destination.server) kcpWorkspaces.set(t.destination.server, set);
  }
  for (const c of components) {
    const t = byTarget.get(c.target);
    if (!t) continue; // synthArgoCd reports it
    const set = deployed.get(destinationKey(t.destination))!;
    for (const o of c.objects) set.add(`${groupOf(o.apiVersion)}/${o.kind}`);
  }
  return { environment: config.name, namespace: config.argocd.namespace, instance: config.argocd.instance, kcpWorkspaces, deployed };
}

/** One instance's exclusions: OpenShift GitOps' default, then the kcp internals of its kcp workspaces. */
export function instanceExclusions(contributions: readonly ArgoCdInstanceContribution[]): ResourceExclusion[] {
  const kcp = new Map<string, Set<string>>();
  for (const c of contributions) for (const [server, kinds] of c.kcpWorkspaces) kcp.set(server, new Set([...(kcp.get(server) ?? []), ...kinds]));
  return [OPENSHIFT_GITOPS_DEFAULT_EXCLUSION, ...kcpExclusions(kcp)];
}

/** `resource.exclusions` as Argo CD parses it (a YAML list; keys in a fixed order). */
export function renderExclusions(exclusions: readonly ResourceExclusion[]): string {
  return stringify(
    exclusions.map((e) => ({ apiGroups: [...e.apiGroups], kinds: [...e.kinds], clusters: [...e.clusters] })),
    { lineWidth: 0 },
  );
}

/**
 * The settings of every Argo CD instance the environments use, once per instance (namespace),
 * merged across the environments it deploys: paths relative to argocd/ -> objects. Environments
 * sharing a namespace must name the same ArgoCD resource; no exclusion may hide a kind an app deploys.
 */
export function synthArgoCdInstances(contributions: readonly ArgoCdInstanceContribution[]): Map<string, Manifest> {
  const byNamespace = new Map<string, ArgoCdInstanceContribution[]>();
  for (const c of contributions) byNamespace.set(c.namespace, [...(byNamespace.get(c.namespace) ?? []), c]);
  const problems: string[] = [];
  const out = new Map<string, Manifest>();
  for (const namespace of [...byNamespace.keys()].sort()) {
    const envs = byNamespace.get(namespace)!;
    const names = [...new Set(envs.map((e) => e.instance))];
    if (names.length > 1) {
      problems.push(`argocd.instance: environments ${envs.map((e) => `${e.environment} (${e.instance})`).join(', ')} share Argo CD namespace ${namespace} but name different ArgoCD resources: one namespace holds one instance`);
      continue;
    }
    const exclusions = instanceExclusions(envs);
    for (const env of envs) {
      for (const [dest, kinds] of env.deployed) {
        const server = dest.startsWith('server ') ? dest.slice('server '.length) : undefined;
        for (const gk of [...kinds].sort()) {
          const [group, kind] = [gk.slice(0, gk.indexOf('/')), gk.slice(gk.indexOf('/') + 1)];
          // A destination by name matches only `*` (Argo CD matches clusters by server URL).
          const hit = exclusions.find((e) => (server ? excludes(e, group, kind, server) : e.clusters.includes('*') && excludes({ ...e, clusters: [] }, group, kind, '')));
          if (hit) problems.push(`${env.environment}: ${dest} deploys ${gk}, which Argo CD instance ${namespace} excludes (resource.exclusions ${JSON.stringify(hit)}): Argo CD would never apply it`);
        }
      }
    }
    const app = new App({ outdir: 'unused' });
    const chart = new Chart(app, 'instance', { disableResourceNameHashes: true });
    const labels = standardLabels('argocd-settings');
    const rendered = renderExclusions(exclusions);
    const resourcePatch = new ArgoCdResourcePatch(chart, 'ArgoCD', { name: names[0], namespace, healthChecks: HEALTH_CHECKS, resourceExclusions: rendered, labels });
    const cmPatch = new ArgoCdConfigMapPatch(chart, 'ConfigMap', { namespace, healthChecks: HEALTH_CHECKS, resourceExclusions: rendered, labels });
    for (const [file, obj] of [[ARGOCD_RESOURCE_PATCH, resourcePatch.resource], [ARGOCD_CM_PATCH, cmPatch.resource]] as const) {
      out.set(`${instanceFolder(namespace)}/${file}`, (obj as ApiObject).toJson() as Manifest);
    }
  }
  if (problems.length > 0) throw new SynthError(problems);
  return out;
}
