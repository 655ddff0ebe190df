import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

/** Every file below `dir` whose name ends with one of `exts`, as absolute paths, sorted. */
export function filesBelow(dir: string, exts: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (exts.some((x) => e.name.endsWith(x))) out.push(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

/** Module specifiers of one file: imports, exports from, import types, require() and import() calls. */
export function specifiers(text: string): string[] {
  // TypeScript's own scanner for dependencies (what tsc and editors resolve), types included.
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** What the project's rules forbid (README, "Public APIs only"), per line of a source file. */
const FORBIDDEN: readonly { readonly rule: string; readonly test: (line: string) => boolean }[] = [
  { rule: "reads cdk8s's private `_additionalAttributes`", test: (l) => /\b_additionalAttributes\b/.test(l) },
  { rule: 'changes V8 flags at run time (setFlagsFromString)', test: (l) => /\bsetFlagsFromString\b/.test(l) },
  { rule: "assigns to a prototype (patches a library's classes)", test: (l) => /\.prototype(\.\w+|\[[^\]]+\])\s*=(?!=)/.test(l) || /Object\.(defineProperty|defineProperties|assign|setPrototypeOf)\(\s*[\w$.]+\.prototype\b/.test(l) },
];

/** One line per violation: `path:line: rule`. `path` is shown relative to `root`. */
export function violations(root: string, file: string, text: string): string[] {
  const rel = relative(root, file);
  const out: string[] = [];
  for (const s of specifiers(text)) {
    if (/^cdk8s(-plus-\d+)?\/lib(\/|$)/.test(s)) out.push(`${rel}: imports a library's internal path (${s})`);
  }
  text.split('\n').forEach((line, i) => {
    for (const { rule, test } of FORBIDDEN) if (test(line)) out.push(`${rel}:${i + 1}: ${rule}`);
  });
  return out;
}

const EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs', '.cjs'];

/** The file a relative specifier names (`./x` -> `./x.ts` or `./x/index.ts`), or undefined. */
function resolveRelative(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, ...EXTENSIONS.map((x) => base + x), ...EXTENSIONS.map((x) => join(base, `index${x}`))]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** The import graph of `files` (relative imports only: packages are not ours). */
export function importGraph(files: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const deps = specifiers(readFileSync(f, 'utf8'))
      .filter((s) => s.startsWith('.'))
      .map((s) => resolveRelative(f, s))
      .filter((p): p is string => p !== undefined);
    graph.set(f, [...new Set(deps)]);
  }
  return graph;
}

/** Every import cycle, each as the files around it (from its first file in sorted order), deduplicated. */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  // Tarjan's strongly connected components; then one cycle through each component's first file.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        c.push(w);
      } while (w !== v);
      const selfLoop = (graph.get(v) ?? []).includes(v);
      if (c.length > 1 || selfLoop) components.push(c.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) connect(v);
  return components.map((c) => cycleThrough(graph, c));
}

/** A shortest cycle from the component's first file back to it, staying inside the component. */
function cycleThrough(graph: ReadonlyMap<string, readonly string[]>, component: readonly string[]): string[] {
  const members = new Set(component);
  const start = component[0];
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(previous.get(path[0])!);
        return path;
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [...component];
}
