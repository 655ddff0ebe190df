import { ComponentManifests, Manifest, SynthError } from './manifests';
import { manifestToYaml } from './yaml';

/**
 * `<kind>_<namespace>_<name>.yaml`, or `<kind>_<name>.yaml` for cluster-scoped objects:
 * the namespace keeps same-named objects of two namespaces apart (the cdk8s per-resource
 * output overwrites them). ':' (RBAC names such as `apibinding:x`) is kept out of file names.
 */
export function manifestFileName(obj: Manifest): string {
  const parts = [obj.kind.toLowerCase(), obj.metadata.namespace, obj.metadata.name].filter((p): p is string => !!p);
  return `${parts.join('_').replace(/:/g, '~')}.yaml`;
}

/** Deterministic YAML: cdk8s already sorted keys; no line folding, so diffs stay one line per change. */
export function toYaml(obj: Manifest): string {
  return manifestToYaml(obj);
}

/** Receives objects to be written as files (rendered with `toYaml` by whoever writes them). */
export type ManifestSink = (path: string, obj: Manifest) => void;
/** Receives an environment's files: objects (rendered by whoever writes them), or rendered text. */
export type OutputSink = (path: string, content: Manifest | string) => void;

/** Renders one environment's files, under `<env>/<target>/<component>/`. */
export function renderFiles(env: string, components: readonly ComponentManifests[]): Map<string, string> {
  const files = new Map<string, string>();
  placeFiles(env, components, (path, obj) => files.set(path, toYaml(obj)));
  return files;
}

/**
 * Gives each object of one environment its file, under `<env>/<target>/<component>/`; two
 * objects that would share a file are an error.
 */
export function placeFiles(env: string, components: readonly ComponentManifests[], sink: ManifestSink): void {
  const owner = new Map<string, string>();
  for (const { target, component, objects } of components) {
    for (const obj of objects) {
      const path = `${env}/${target}/${component}/${manifestFileName(obj)}`;
      const id = `${obj.kind} ${obj.metadata.namespace ? obj.metadata.namespace + '/' : ''}${obj.metadata.name}`;
      const previous = owner.get(path);
      if (previous !== undefined) {
        throw new SynthError([`${path}: ${id} and ${previous} would be written to the same file`]);
      }
      owner.set(path, id);
      sink(path, obj);
    }
  }
}
