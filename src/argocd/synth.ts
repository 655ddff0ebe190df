import { ApiObject, Chart } from 'cdk8s';
import { collectWarnings } from '../lib/warnings';
import { manifestFileName, toYaml } from '../synth/files';
import { Manifest, SynthError } from '../synth/manifests';
import { AppOfApps, AppOfAppsChart, AppOfAppsProps } from './app-of-apps';
import { ArgoCdInstanceContribution, instanceContribution } from './instance';

export interface ArgoCdOutput {
  /** Paths relative to argocd/, starting with `<env>/`, to their objects. */
  readonly objects: ReadonlyMap<string, Manifest>;
  /** The same, rendered (on first use: synth hands the objects to the writer thread instead). */
  readonly files: ReadonlyMap<string, string>;
  /** Child Applications. */
  readonly applications: number;
  readonly warnings: readonly string[];
  /** What the environment needs from its Argo CD instance (merged across environments by synthArgoCdInstances). */
  readonly instance: ArgoCdInstanceContribution;
}

/** Files of the app-of-apps: the root alone in a fixed name, so bootstrap is one known path. */
function chartPath(env: string, chart: string, obj: Manifest): string {
  if (chart === AppOfAppsChart.ROOT) return `${env}/root.yaml`;
  return `${env}/apps/${manifestFileName(obj)}`;
}

/**
 * `<target>/<component>` of every component whose dist/ folder has subfolders
 * (dist paths `<env>/<target>/<component>/<more than one segment>`).
 */
export function nestedFolders(distFiles: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const p of distFiles) {
    const parts = p.split('/');
    if (parts.length > 4) out.add(`${parts[1]}/${parts[2]}`);
  }
  return out;
}

/** Builds, validates and renders one environment's app-of-apps, in memory. */
export function synthArgoCd(props: AppOfAppsProps): ArgoCdOutput {
  const app = new AppOfApps(props);
  const all = app.node.findAll();
  const errors = all.flatMap((c) => c.node.validate().map((e) => `${c.node.path}: ${e}`));
  if (errors.length > 0) throw new SynthError(errors);
  const env = props.config.name;
  const objects = new Map<string, Manifest>();
  for (const c of all) {
    if (!(c instanceof ApiObject)) continue;
    const obj = c.toJson() as Manifest;
    const path = chartPath(env, Chart.of(c).node.id, obj);
    if (objects.has(path)) throw new SynthError([`argocd/${path}: two objects would be written to the same file`]);
    objects.set(path, obj);
  }
  let files: Map<string, string> | undefined;
  return {
    objects,
    get files() {
      return (files ??= new Map([...objects].map(([p, o]) => [p, toYaml(o)])));
    },
    applications: app.children.length,
    warnings: [...app.componentWarnings, ...collectWarnings(app)],
    instance: instanceContribution(props.config, props.targets, props.components),
  };
}
