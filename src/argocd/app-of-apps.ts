import { App, Chart } from 'cdk8s';
import type { Target } from '../charts/environment-app';
import { EnvironmentConfig } from '../config';
import { standardLabels } from '../lib/labels';
import type { SynthesizedComponent } from '../synth/manifests';
import { SynthError } from '../synth/manifests';
import { ChildApplication } from './child-application';
import { groupOf, ignoreDifferencesFor } from './ignore-differences';
import { GroupKind, PipelineServiceProject } from './pipeline-service-project';
import { RootApplication } from './root-application';

export const LABEL_ENVIRONMENT = 'pipeline-service.openshift.io/environment';
export const LABEL_TARGET = 'pipeline-service.openshift.io/target';
export const LABEL_COMPONENT = 'pipeline-service.openshift.io/component';

export interface AppOfAppsProps {
  readonly config: EnvironmentConfig;
  /** Where the environment deploys (EnvironmentApp.targets). */
  readonly targets: readonly Target[];
  /** Its synthesized components, in construct order (their objects may be reduced to their identity). */
  readonly components: readonly SynthesizedComponent[];
  /** Folders (`<target>/<component>`) whose component has files in subfolders. */
  readonly nestedFolders?: ReadonlySet<string>;
}

/** Where each chart of the app-of-apps is written, under argocd/<env>/. */
export enum AppOfAppsChart {
  ROOT = 'root',
  APPS = 'apps',
}

// By code units, not localeCompare: the output's order must not depend on ICU or the locale
// (and the collator's first use cost ~10 ms per run).
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function byGroupKind(a: GroupKind, b: GroupKind): number {
  return compare(a.group, b.group) || compare(a.kind, b.kind);
}

/** The Argo CD names of one environment's objects. */
export function applicationName(env: string, target: string, component: string): string {
  return `${env}-${target}-${component}`;
}
export const rootApplicationName = (env: string) => `${env}-root`;
export const projectName = (env: string) => `${env}-pipeline-service`;

/**
 * The Argo CD app-of-apps of one environment, derived from the charts that produce dist/<env>/:
 * a root Application (argocd/<env>/root.yaml) that deploys argocd/<env>/apps/: the AppProject
 * and one child Application per (target, component), ordered by the charts' dependencies.
 * Nothing here names a target kind or component: new ones get Applications as they are added.
 */
export class AppOfApps extends App {
  public readonly root: Chart;
  public readonly apps: Chart;
  public readonly children: ChildApplication[] = [];
  public readonly project: PipelineServiceProject;
  /** Synth-time warnings about the environment's components, as `<chart path>: <message>`. */
  public readonly componentWarnings: string[] = [];

  constructor(props: AppOfAppsProps) {
    super({ outdir: 'unused' });
    const { config } = props;
    const env = config.name;
    const ns = config.argocd.namespace;
    const git = config.git;
    const chartOpts = { disableResourceNameHashes: true };
    const labels = { ...standardLabels('app-of-apps'), [LABEL_ENVIRONMENT]: env };
    this.root = new Chart(this, AppOfAppsChart.ROOT, chartOpts);
    this.apps = new Chart(this, AppOfAppsChart.APPS, chartOpts);

    new RootApplication(this.root, 'Root', {
      name: rootApplicationName(env),
      namespace: ns,
      repoURL: git.repoURL,
      revision: git.revision,
      path: `argocd/${env}/apps`,
      retry: config.argocd.retry,
      labels,
    });

    const targets = new Map<string, Target>(props.targets.map((t) => [t.name, t]));
    // Namespaces some app of the target creates: Argo CD must not also create them.
    const managedNamespaces = new Map<string, Set<string>>();
    for (const c of props.components) {
      for (const o of c.objects) {
        if (o.kind !== 'Namespace' || groupOf(o.apiVersion) !== '') continue;
        const set = managedNamespaces.get(c.target) ?? new Set<string>();
        set.add(o.metadata.name);
        managedNamespaces.set(c.target, set);
      }
    }

    const clusterKinds = new Map<string, GroupKind>();
    const namespacedKinds = new Map<string, GroupKind>();
    const names = new Map<string, string>();
    // Terminal components follow every other wave, so nothing waits on their health.
    const lastWave = Math.max(0, ...props.components.filter((c) => !c.terminal).map((c) => c.wave)) + 1;
    for (const chart of props.components) {
      const key = `${chart.target}/${chart.component}`;
      const target = targets.get(chart.target);
      if (!target) throw new SynthError([`${chart.path}: component ${key} deploys to target "${chart.target}", which the environment never registered (EnvironmentApp.addTarget)`]);
      const objs = chart.objects;
      for (const o of objs) {
        const gk = { group: groupOf(o.apiVersion), kind: o.kind };
        (o.metadata.namespace ? namespacedKinds : clusterKinds).set(`${gk.group}/${gk.kind}`, gk);
      }
      const unmanaged = [...new Set(objs.map((o) => o.metadata.namespace).filter((n): n is string => !!n))]
        .filter((n) => !managedNamespaces.get(chart.target)?.has(n))
        .sort();
      if (unmanaged.length > 1) {
        this.componentWarnings.push(`${chart.path}: objects in namespaces ${unmanaged.join(', ')} that no app creates: Argo CD's CreateNamespace creates only one, so none is created; add Namespace objects`);
      }
      const createNamespace = unmanaged.length === 1 ? unmanaged[0] : undefined;
      if (createNamespace) clusterKinds.set('/Namespace', { group: '', kind: 'Namespace' });

      const name = applicationName(env, chart.target, chart.component);
      const previous = names.get(name);
      if (previous) throw new SynthError([`argo cd application name "${name}" is produced by both ${previous} and ${key}: rename a target or component`]);
      names.set(name, key);
      this.children.push(
        new ChildApplication(this.apps, `${chart.target}-${chart.component}`, {
          name,
          namespace: ns,
          project: projectName(env),
          repoURL: git.repoURL,
          revision: git.revision,
          path: `dist/${env}/${key}`,
          destination: target.destination,
          wave: chart.terminal ? Math.max(chart.wave, lastWave) : chart.wave,
          retry: config.argocd.retry,
          recurse: props.nestedFolders?.has(key) ?? false,
          createNamespace,
          ignoreDifferences: ignoreDifferencesFor(objs, target.kind, undefined, { glbcCustomHosts: config.pacGateway?.glbc.customHosts ?? false }),
          labels: { ...labels, [LABEL_TARGET]: chart.target, [LABEL_COMPONENT]: chart.component },
        }),
      );
    }

    this.project = new PipelineServiceProject(this.apps, 'Project', {
      name: projectName(env),
      namespace: ns,
      repoURL: git.repoURL,
      destinations: props.targets.map((t) => t.destination),
      clusterResources: [...clusterKinds.values()].sort(byGroupKind),
      namespaceResources: [...namespacedKinds.values()].sort(byGroupKind),
      labels,
    });
  }
}
