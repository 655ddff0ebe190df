import type { Worker } from 'node:worker_threads';
import { manifestToYaml as toYaml } from '../yaml';
import type { Manifest } from '../manifests';
import { OutputTrees } from './trees';
import type { TreeUpdateStats } from './tree-update';

/**
 * Output trees written while synthesis runs: `put` as files are rendered, then `commit` once
 * everything has been validated (or `abort`). Until commit, no tree changes (see TreeUpdate).
 */
export interface OutputWriter {
  /** `tree` is an index into the trees the writer was opened with; an object is written as `toYaml(obj)`. */
  put(tree: number, rel: string, content: string | Manifest): void;
  commit(): Promise<TreeUpdateStats[]>;
  abort(): Promise<void>;
}

export type OutputRequest = { readonly type: 'put'; readonly files: readonly (readonly [number, string, string | Manifest])[] } | { readonly type: 'commit' | 'abort' };
export type OutputReply = { readonly stats: TreeUpdateStats[] } | { readonly error: string };

// The worker's bundled source, defined by scripts/build.mjs; absent when running from sources (tests).
declare const PS_OUTPUT_WORKER_SOURCE: string | undefined;
const WORKER_SOURCE = typeof PS_OUTPUT_WORKER_SOURCE === 'string' ? PS_OUTPUT_WORKER_SOURCE : undefined;

/**
 * Opens the output trees `trees` (paths relative to the output folder `root`: see OutputTrees;
 * the caller holds the output lock). In the bundled CLI the rendering of objects, the comparing,
 * staging and writing run on a worker thread, beside the synthesis on the main thread (this
 * machine has two cores, and rendering plus the file system took about as long as the synthesis
 * at a thousand clusters); from sources, in-process.
 */
export function openOutput(root: string, trees: readonly string[], options: { readonly thread?: boolean } = {}): OutputWriter {
  const thread = options.thread ?? WORKER_SOURCE !== undefined;
  if (thread && WORKER_SOURCE === undefined) throw new Error('the output worker is only part of the bundled CLI (scripts/build.mjs)');
  return thread ? openThreadOutput(WORKER_SOURCE!, root, trees) : new InProcessOutput(OutputTrees.open(root, trees));
}

/** The threaded writer, running `source` (the bundled worker.ts) as its worker. */
export function openThreadOutput(source: string, root: string, trees: readonly string[]): OutputWriter {
  return new ThreadOutput(source, root, trees);
}

class InProcessOutput implements OutputWriter {
  constructor(private readonly trees: OutputTrees) {}

  put(tree: number, rel: string, content: string | Manifest): void {
    this.trees.put(tree, rel, typeof content === 'string' ? content : toYaml(content));
  }

  async commit(): Promise<TreeUpdateStats[]> {
    return this.trees.commit();
  }

  async abort(): Promise<void> {
    this.trees.abort();
  }
}

/** Files go to the worker in batches; it replies once, to commit or abort, and ends. */
class ThreadOutput implements OutputWriter {
  private static readonly BATCH = 256;
  private readonly worker: Worker;
  private readonly reply: Promise<OutputReply>;
  private batch: [number, string, string | Manifest][] = [];
  private requested = false;

  constructor(source: string, root: string, trees: readonly string[]) {
    // Loaded here, not at start-up: node's worker_threads loaded into a start-up snapshot
    // starts workers that crash (its shared cwd counter does not survive the snapshot).
    const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
    // Its garbage is short-lived (objects rendered, files compared): a small young generation
    // keeps its heap at a few MB; the default grew to ~50 MB at a thousand clusters.
    this.worker = new Worker(source, { eval: true, workerData: { root, trees }, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    const worker = this.worker;
    this.reply = new Promise<OutputReply>((resolve) => {
      worker.once('message', resolve);
      worker.once('error', (e) => resolve({ error: `output worker: ${e.message}` }));
      worker.once('exit', (code) => resolve({ error: `output worker exited (${code}) without a reply` }));
    });
  }

  put(tree: number, rel: string, content: string | Manifest): void {
    this.batch.push([tree, rel, content]);
    if (this.batch.length >= ThreadOutput.BATCH) this.flush();
  }

  async commit(): Promise<TreeUpdateStats[]> {
    const reply = await this.request('commit');
    if ('error' in reply) throw new Error(reply.error);
    return reply.stats;
  }

  async abort(): Promise<void> {
    if (!this.requested) await this.request('abort');
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    this.worker.postMessage({ type: 'put', files: this.batch } satisfies OutputRequest);
    this.batch = [];
  }

  private request(type: 'commit' | 'abort'): Promise<OutputReply> {
    if (this.requested) throw new Error('output already committed or aborted');
    this.requested = true;
    if (type === 'commit') this.flush();
    this.worker.postMessage({ type } satisfies OutputRequest);
    return this.reply;
  }
}
