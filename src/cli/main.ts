import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { instanceFolder, synthArgoCdInstances } from '../argocd/instance';
import { ConfigError, EnvironmentConfig, checkUniqueEnvironmentNames, loadEnvironmentFile, parseEnvironment } from '../config';
import { ENVIRONMENTS } from '../environments';
import { EnvironmentSummary, synthEnvironmentTo } from '../synth/environment';
import { SynthError } from '../synth/manifests';
import { OutputLock } from '../synth/output/output-lock';
import { openOutput } from '../synth/output/output-writer';
import type { TreeUpdateStats } from '../synth/output/tree-update';
import { UsageError } from './usage-error';

const OUTPUT_THREAD_CLUSTERS = 100;
/** How long synth waits for another synth writing the same output folder, by default. */
const DEFAULT_WAIT_SECONDS = 60;

const USAGE = `usage:
  synth [--config FILE] [--outdir DIR] [--wait SECONDS]
                                         write DIR/dist/ and DIR/argocd/ (default DIR: .) from every shipped environment,
                                         or only DIR/dist/<env>/ and DIR/argocd/<env>/ from the environment in FILE (YAML or JSON);
                                         waits up to SECONDS (default ${DEFAULT_WAIT_SECONDS}) for another synth writing DIR
  diff [REF | --ref REF] [--config FILE | --to REF2] [--format text|markdown] [--output FILE]
                                         per Argo CD application, the objects a fresh synth (of every shipped environment,
                                         or of the one in FILE) adds, removes and changes against dist/ and argocd/ at REF
                                         (default origin/main, else HEAD), with old and new values; identical changes on
                                         many targets in one entry; --to REF2: the tree at REF2 instead of a synth;
                                         --output FILE: the full diff too (markdown on stdout fits a PR comment)
  config <env>                           print an environment's effective config (defaults filled in) as YAML
  check [PATH...]                        synth into a temporary folder, fail on stale dist/ or argocd/ files, then
                                         validate every object (schema, policy, duplicates, YAML 1.1 reading); with PATHs,
                                         only those files (dist and argocd with the constructs' waivers, others without)`;



export function shippedEnvironment(name: string): EnvironmentConfig {
  const input = ENVIRONMENTS[name];
  if (!input) throw new UsageError(`unknown environment "${name}" (known: ${Object.keys(ENVIRONMENTS).join(', ')})`);
  return parseEnvironment(input, `src/environments/${name}.ts`);
}

function summary(outputs: readonly EnvironmentSummary[], distDir: string, argocdDir: string, stats: readonly TreeUpdateStats[], instanceFiles: number): string {
  const [dist, argocd, instance] = stats;
  const lines: string[] = [];
  let objects = 0;
  let files = 0;
  let argocdFiles = 0;
  for (const env of outputs) {
    const envObjects = env.targets.reduce((n, t) => n + t.objects, 0);
    objects += envObjects;
    files += env.fileCount;
    lines.push(`${env.name}: ${env.targets.length} targets, ${envObjects} objects, ${env.fileCount} files`);
    for (const t of env.targets) lines.push(`  ${t.target}: ${t.components} components, ${t.objects} objects`);
    lines.push(`  argocd: root application, ${env.applications} applications, ${env.argocdFileCount} files`);
    argocdFiles += env.argocdFileCount;
  }
  const changes = (s: TreeUpdateStats) => `${s.written} new or changed, ${s.removed} removed, ${s.unchanged} unchanged`;
  const instances = [...new Set(outputs.map((o) => o.argocdInstance.namespace))].sort();
  lines.push(`argo cd instance settings (${instanceFolder('<namespace>')}/): ${instances.join(', ')}, ${instanceFiles} files`);
  const both = instance ? { written: argocd.written + instance.written, removed: argocd.removed + instance.removed, unchanged: argocd.unchanged + instance.unchanged } : argocd;
  lines.push(`wrote ${argocdFiles + instanceFiles} files to ${argocdDir}: ${changes(both)}`);
  lines.push(`wrote ${files} files (${objects} objects) to ${distDir}: ${changes(dist)}`);
  return lines.join('\n');
}

/** What a synth run reports: its warnings (stderr) and its summary (stdout). */
export interface SynthReport {
  readonly warnings: readonly string[];
  readonly summary: string;
}

/**
 * The synth command; it writes the output trees, and leaves printing to the caller, except
 * `notify` while it waits for another synth's lock.
 */
export async function synth(argv: string[], notify: (line: string) => void = () => {}): Promise<SynthReport> {
  const { values, positionals } = parseArgs({ args: argv, options: { config: { type: 'string' }, outdir: { type: 'string' }, wait: { type: 'string' } }, allowPositionals: true });
  if (positionals.length > 0) throw new UsageError(`synth takes no positional arguments (got ${positionals.join(' ')})`);
  const waitSeconds = values.wait === undefined ? DEFAULT_WAIT_SECONDS : Number(values.wait);
  if (values.wait !== undefined && (values.wait.trim() === '' || !Number.isFinite(waitSeconds) || waitSeconds < 0)) throw new UsageError(`--wait: must be a number of seconds, 0 or more (got "${values.wait}")`);
  const outdir = resolve(values.outdir ?? '.');
  const configs = values.config ? [loadEnvironmentFile(values.config)] : Object.keys(ENVIRONMENTS).map(shippedEnvironment);
  if (!values.config) checkUniqueEnvironmentNames(Object.keys(ENVIRONMENTS).map((k, i) => ({ source: `src/environments/${k}.ts`, name: configs[i].name })));
  const lock = await OutputLock.acquire(outdir, {
    waitMs: waitSeconds * 1000,
    onWait: (owner) => notify(`synth: output ${outdir} is being written by pid ${owner.pid} (since ${owner.started}); waiting up to ${waitSeconds} s`),
  });
  try {
    return await synthLocked(outdir, configs, values.config !== undefined);
  } finally {
    lock.release();
  }
}

async function synthLocked(outdir: string, configs: readonly EnvironmentConfig[], fromFile: boolean): Promise<SynthReport> {
  const distDir = resolve(outdir, 'dist');
  const argocdDir = resolve(outdir, 'argocd');
  // With --config, only that environment's folders are replaced; otherwise both trees whole.
  const env = fromFile ? configs[0].name : undefined;
  // The writer's thread pays off from about a hundred clusters (npm run bench: even at 100,
  // 0.3-0.5 s faster at 1,000); below, its start-up is the last thing synth waits for (+40 ms).
  const clusters = configs.reduce((n, c) => n + c.clusters.length, 0);
  // With --config, the instance folder of that environment's Argo CD is replaced too, from it alone.
  const instanceDir = env ? instanceFolder(configs[0].argocd.namespace) : undefined;
  const trees = env ? [`dist/${env}`, `argocd/${env}`, `argocd/${instanceDir}`] : ['dist', 'argocd'];
  const output = openOutput(outdir, trees, clusters >= OUTPUT_THREAD_CLUSTERS ? {} : { thread: false });
  const rel = (p: string) => (env ? p.slice(env.length + 1) : p);
  let outputs: EnvironmentSummary[];
  let instanceFiles: number;
  try {
    // Files are staged as they render; nothing in the trees changes before everything validated.
    outputs = configs.map((config) => synthEnvironmentTo(config, { dist: (p, c) => output.put(0, rel(p), c), argocd: (p, c) => output.put(1, rel(p), c) }));
    // Once per Argo CD instance, merged across the environments it deploys.
    const instances = synthArgoCdInstances(outputs.map((o) => o.argocdInstance));
    for (const [p, o] of instances) output.put(env ? 2 : 1, env ? p.slice(instanceDir!.length + 1) : p, o);
    instanceFiles = instances.size;
  } catch (e) {
    await output.abort();
    throw e;
  }
  const stats = await output.commit();
  return { warnings: outputs.flatMap((o) => o.warnings), summary: summary(outputs, distDir, argocdDir, stats, instanceFiles) };
}

function printConfig(argv: string[]): void {
  const { positionals } = parseArgs({ args: argv, options: {}, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('config takes exactly one environment name');
  process.stdout.write(stringify(shippedEnvironment(positionals[0]), { lineWidth: 0 }));
}

export async function main(argv: string[]): Promise<number> {
  // A reader that stops early (`npm run config -- dev | head`): end quietly, as cat does.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(0);
  });
  // `npm run bench` reads the peak memory of each run here (node has no rusage of children).
  const rusageFile = process.env.BENCH_RUSAGE_FILE;
  if (rusageFile) process.on('exit', () => writeFileSync(rusageFile, String(process.resourceUsage().maxRSS)));
  const [command, ...rest] = argv;
  try {
    if (command === 'synth') {
      const report = await synth(rest, (line) => process.stderr.write(`${line}\n`));
      for (const w of report.warnings) process.stderr.write(`warning: ${w}\n`);
      process.stdout.write(`${report.summary}\n`);
    }
    else if (command === 'config') printConfig(rest);
    // Loaded on use: synth and config need neither, nor child_process.
    else if (command === 'diff') (require('./diff') as typeof import('./diff')).diffCommand(rest, () => Object.keys(ENVIRONMENTS).map(shippedEnvironment));
    else if (command === 'check') return (require('./check') as typeof import('./check')).check(rest);
    else throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
    return 0;
  } catch (e) {
    if (e instanceof ConfigError || e instanceof SynthError) {
      const source = e instanceof ConfigError && e.source ? `${e.source}: ` : '';
      process.stderr.write(`error: ${source}invalid configuration (${e.lines.length} problem${e.lines.length === 1 ? '' : 's'}), nothing written:\n`);
      for (const line of e.lines) process.stderr.write(`${line}\n`);
      return 1;
    }
    if (e instanceof UsageError || (e as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      process.stderr.write(`error: ${(e as Error).message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 1;
  }
}

// `node build/cli.js ...`; scripts/run.mjs (npm run synth) requires it and calls main.
if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
