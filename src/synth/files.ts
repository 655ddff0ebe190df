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

/** Receives rendered files: a path relative to the output tree, and the content. */
export type FileSink = (path: string, content: string) => void;

/**
 * Renders one environment's files, under `<env>/<target>/<component>/`, into `sink` (by default
 * a map, returned).
 */
export function renderFiles(env: string, components: readonly ComponentManifests[]): Map<string, string>;
export function renderFiles(env: string, components: readonly ComponentManifests[], sink: FileSink): void;
export function renderFiles(env: string, components: readonly ComponentManifests[], sink?: FileSink): Map<string, string> | void {
  const files = new Map<string, string>();
  const put: FileSink = sink ?? ((path, content) => files.set(path, content));
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
      put(path, toYaml(obj));
    }
  }
  return sink ? undefined : files;
}
