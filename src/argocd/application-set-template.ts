/**
 * The pure part of `argocd.mode: applicationset`: turning the child Applications of one component
 * (one per target, as the app-of-apps mode writes them) into one ApplicationSet template plus one
 * parameter set per target, and expanding a template over parameter sets the way Argo CD v2.9's
 * ApplicationSet controller does with `goTemplate: true` and `missingkey=error`.
 *
 * Argo CD v2.9 templates every string field of the template with the generator's parameters
 * (argoproj/argo-cd@v2.9.0:applicationset/utils/utils.go `RenderTemplateParams`); the structure
 * (which fields exist, list lengths, booleans) is the same for every Application of one
 * ApplicationSet: `templatePatch`, which could vary it, arrived in v2.10.0 (argo-cd#14893).
 */

/** One target's parameters, as written to its parameter file. */
export interface TargetParameters {
  readonly target: string;
  readonly destination: { readonly server?: string; readonly name?: string };
  /** Strings that differ per target and are not derived from the target name, by template key. */
  readonly values?: Readonly<Record<string, string>>;
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A template string position that differs between targets, and where. */
export class TemplateMismatch extends Error {
  constructor(
    /** Field path in the Application (`spec.syncPolicy.syncOptions`). */
    public readonly path: string,
    public readonly targets: readonly [string, string],
  ) {
    super(`${path} differs between targets ${targets[0]} and ${targets[1]}`);
  }
}

const isObject = (v: Json): v is { [k: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);
const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);
/** A template key from a field path: `spec.ignoreDifferences[0].name` -> `spec_ignoreDifferences_0_name`. */
const keyOf = (path: string) => path.replace(/[^A-Za-z0-9]+/g, '_').replace(/_$/, '');

/**
 * The template of several Applications that differ only in string values, and each one's
 * parameters. A differing string is, in this order: the destination's server or name
 * (`{{.destination.server}}`), the same string once each target's name is replaced by
 * `{{.target}}`, or else a value of its own (`{{.values.<key>}}`). Throws TemplateMismatch where
 * the structure differs (a field present on one target only, a list of another length, another
 * number or boolean): what one v2.9 template cannot express.
 */
export function templateOf(apps: readonly { readonly target: string; readonly app: Json }[]): { template: Json; parameters: TargetParameters[] } {
  const values = apps.map(() => ({}) as Record<string, string>);
  const walk = (nodes: readonly Json[], path: string): Json => {
    const first = nodes[0];
    const differs = (i: number) => new TemplateMismatch(path || '(root)', [apps[0].target, apps[i].target]);
    if (Array.isArray(first)) {
      nodes.forEach((n, i) => {
        if (!Array.isArray(n) || n.length !== first.length) throw differs(i);
      });
      return first.map((_, k) => walk(nodes.map((n) => (n as Json[])[k]), join(path, k)));
    }
    if (isObject(first)) {
      const keys = Object.keys(first);
      nodes.forEach((n, i) => {
        if (!isObject(n) || Object.keys(n).length !== keys.length || keys.some((k) => !(k in n))) throw differs(i);
      });
      return Object.fromEntries(keys.map((k) => [k, walk(nodes.map((n) => (n as Record<string, Json>)[k]), join(path, k))]));
    }
    if (typeof first === 'string') {
      nodes.forEach((n, i) => {
        if (typeof n !== 'string') throw differs(i);
        if (n.includes('{{')) throw new TemplateMismatch(`${path}: "{{" would be read by Argo CD's Go template`, [apps[i].target, apps[i].target]);
      });
      if (nodes.every((n) => n === first)) return first;
      if (path === 'spec.destination.server' || path === 'spec.destination.name') return `{{.destination.${path.slice('spec.destination.'.length)}}}`;
      const byTarget = nodes.map((n, i) => (n as string).split(apps[i].target).join('{{.target}}'));
      if (byTarget.every((n) => n === byTarget[0]) && byTarget[0] !== first) return byTarget[0];
      const key = keyOf(path);
      nodes.forEach((n, i) => (values[i][key] = n as string));
      return `{{.values.${key}}}`;
    }
    nodes.forEach((n, i) => {
      if (n !== first) throw differs(i);
    });
    return first;
  };
  const template = walk(
    apps.map((a) => a.app),
    '',
  );
  const parameters = apps.map(({ target, app }, i) => {
    const d = (isObject(app) && isObject(app.spec) && isObject(app.spec.destination) ? app.spec.destination : {}) as Record<string, Json>;
    const destination = typeof d.server === 'string' ? { server: d.server } : { name: String(d.name) };
    return { target, destination, ...(Object.keys(values[i]).length > 0 ? { values: values[i] } : {}) };
  });
  return { template, parameters };
}

const PLACEHOLDER = /\{\{(.*?)\}\}/g;
const FIELD = /^\s*\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*$/;

/**
 * Renders a template over one parameter set as Argo CD does with `goTemplate: true` and
 * `goTemplateOptions: ["missingkey=error"]`, for the only actions this project's templates use
 * (`{{.a.b}}`); any other action, a missing key or a non-string value throws.
 */
export function renderTemplate(template: Json, params: Readonly<Record<string, unknown>>, path = ''): Json {
  if (Array.isArray(template)) return template.map((t, k) => renderTemplate(t, params, join(path, k)));
  if (isObject(template)) return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, renderTemplate(v, params, join(path, k))]));
  if (typeof template !== 'string') return template;
  return template.replace(PLACEHOLDER, (_, action: string) => {
    const field = FIELD.exec(action);
    if (!field) throw new Error(`${path}: template action {{${action}}} is not a field reference`);
    let v: unknown = params;
    for (const part of field[1].split('.')) {
      if (v === null || typeof v !== 'object' || !(part in (v as object))) throw new Error(`${path}: map has no entry for key "${part}" (missingkey=error)`);
      v = (v as Record<string, unknown>)[part];
    }
    if (typeof v !== 'string') throw new Error(`${path}: {{${action}}} is not a string`);
    return v;
  });
}
