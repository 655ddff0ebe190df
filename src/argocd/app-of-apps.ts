import { App, Chart } from 'cdk8s';
import type { Target } from '../charts/environment-app';
import { EnvironmentConfig } from '../config';
import { standardLabels } from '../lib/labels';
import type { SynthesizedComponent } from '../synth/manifests';
import { SynthError } from '../synth/manifests';
import { TemplateMismatch, TargetParameters, templateOf, type Json } from './application-set-template';
import { ChildApplication } from './child-application';
import { ComponentApplicationSet } from './component-application-set';
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
  /** ApplicationSet mode: the child Applications its templates are derived from, never written. */
  TEMPLATES = 'templates',
}

/** ApplicationSet mode: each target's parameter file, relative to argocd/ (a tree no Application reads). */
export const parameterFile = (env: string, target: string, component: string) => `${env}/targets/${target}/${component}.json`;
/** The git files generator's glob of one component's parameter files, relative to the repository. */
export const parameterFilesGlob = (env: string, component: string) => `argocd/${env}/targets/*/${component}.json`;
export const applicationSetName = (env: string, component: string) => `${env}-${component}`;

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
  /** ApplicationSet mode: one per component. */
  public readonly applicationSets: ComponentApplicationSet[] = [];
  /** ApplicationSet mode: parameter files, relative to argocd/, to their content. */
  public readonly parameterFiles = new Map<string, TargetParameters>();
  /** Synth-time warnings about the environment's components, as `<chart path>: <message>`. */
  public readonly componentWarnings: string[] = [];
  private readonly gitRepoURL: string;
  private readonly gitRevision: string;

  constructor(props: AppOfAppsProps) {
    super({ outdir: 'unused' });
    const { config } = props;
    const env = config.name;
    const ns = config.argocd.namespace;
    const git = config.git;
    this.gitRepoURL = git.repoURL;
    this.gitRevision = git.revision;
    const chartOpts = { disableResourceNameHashes: true };
    const labels = { ...standardLabels('app-of-apps'), [LABEL_ENVIRONMENT]: env };
    this.root = new Chart(this, AppOfAppsChart.ROOT, chartOpts);
    this.apps = new Chart(this, AppOfAppsChart.APPS, chartOpts);
    const applicationSetMode = config.argocd.mode === 'applicationset';
    const childScope = applicationSetMode ? new Chart(this, AppOfAppsChart.TEMPLATES, chartOpts) : this.apps;

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
        new ChildApplication(childScope, `${chart.target}-${chart.component}`, {
          name,
          namespace: ns,
          project: projectName(env),
          repoURL: git.repoURL,
          revision: git.revision,
          path: `dist/${env}/${key}`,
          destination: target.destination,
          wave: chart.terminal ? Math.max(chart.wave, lastWave) : chart.wave,
          placement: { target: chart.target, component: chart.component },
          retry: config.argocd.retry,
          recurse: props.nestedFolders?.has(key) ?? false,
          createNamespace,
          ignoreDifferences: ignoreDifferencesFor(objs, target.kind, undefined, { glbcCustomHosts: config.pacGateway?.glbc.customHosts ?? false }),
          labels: { ...labels, [LABEL_TARGET]: chart.target, [LABEL_COMPONENT]: chart.component },
        }),
      );
    }

    if (applicationSetMode) this.buildApplicationSets(env, ns, labels);

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

  /**
   * Per component, the ApplicationSet whose template and parameter files yield exactly the child
   * Applications app-of-apps mode writes (test/argocd/application-set.test.ts expands both).
   */
  private buildApplicationSets(env: string, namespace: string, labels: Record<string, string>): void {
    const byComponent = new Map<string, { target: string; app: Json; wave: number }[]>();
    for (const child of this.children) {
      const { target, component } = child.placement;
      const list = byComponent.get(component) ?? [];
      // An ApplicationSet's template holds metadata and spec only (the v2.9 CRD).
      const { metadata, spec } = child.resource.toJson() as { metadata: Json; spec: Json };
      list.push({ target, app: { metadata, spec }, wave: child.wave });
      byComponent.set(component, list);
    }
    const problems: string[] = [];
    for (const [component, apps] of byComponent) {
      let derived: ReturnType<typeof templateOf>;
      try {
        derived = templateOf(apps);
      } catch (e) {
        if (!(e instanceof TemplateMismatch)) throw e;
        problems.push(
          `argocd.mode: applicationset cannot express component ${component}: its Applications' ${e.path} differs between targets ${e.targets.join(' and ')}, and one Argo CD 2.9 ApplicationSet template has one structure for all its Applications (templatePatch is 2.10+): use argocd.mode app-of-apps`,
        );
        continue;
      }
      for (const p of derived.parameters) this.parameterFiles.set(parameterFile(env, p.target, component), p);
      this.applicationSets.push(
        new ComponentApplicationSet(this.apps, `ApplicationSet-${component}`, {
          name: applicationSetName(env, component),
          namespace,
          repoURL: this.gitRepoURL,
          revision: this.gitRevision,
          parameterFiles: parameterFilesGlob(env, component),
          template: derived.template,
          wave: apps[0].wave,
          labels: { ...labels, [LABEL_COMPONENT]: component },
        }),
      );
    }
    if (problems.length > 0) throw new SynthError(problems);
  }
}
