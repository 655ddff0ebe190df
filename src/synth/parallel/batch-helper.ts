import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { MessagePort, Worker } from 'node:worker_threads';
import type { EnvironmentConfig } from '../../config';
import type { TreeOutcome } from '../batches';
import { BatchMessage, BatchWorkerData, NEXT_BATCH, POSTED } from './protocol';

/**
 * A second thread synthesizing cluster batches beside the main thread. Both claim batches from
 * one shared counter, so each does what it can; the main thread receives the helper's results
 * without giving up its synchronous flow (receiveMessageOnPort), in batch order once assembled.
 * A helper that stalls (or never starts) costs nothing but time: the main thread redoes its
 * missing batches, and ignores what arrives late. Batches are independent construct trees.
 */
export interface BatchHelperOptions {
  /** The script the thread runs. @default the bundled CLI (build/cli.js) */
  readonly bundle?: string;
  /** No progress for this long: the helper is taken for dead. @default 10 s */
  readonly stallMs?: number;
}

export class BatchHelper {
  private readonly counters = new Int32Array(new SharedArrayBuffer(8));
  private readonly worker: Worker;
  private readonly results: MessagePort;
  private readonly receive: (port: MessagePort) => { message: unknown } | undefined;

  /** The helper, or undefined where the bundled CLI (which it runs) is not at hand (sources, tests). */
  static start(config: EnvironmentConfig, count: number, options: BatchHelperOptions = {}): BatchHelper | undefined {
    const bundle = options.bundle ?? bundlePath();
    return bundle ? new BatchHelper(bundle, config, count, options.stallMs ?? 10_000) : undefined;
  }

  private constructor(bundle: string, config: EnvironmentConfig, count: number, private readonly stallMs: number) {
    // Loaded here: worker_threads loaded into the start-up snapshot starts workers that crash.
    const threads = require('node:worker_threads') as typeof import('node:worker_threads');
    const { port1, port2 } = new threads.MessageChannel();
    const data: BatchWorkerData = { role: 'cluster-batches', config, count, counters: this.counters, results: port2 };
    // An 8 MB young generation: 16 MB added ~5 MiB to the peak at 1,000 clusters, the default more.
    this.worker = new threads.Worker(bundle, { workerData: data, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    this.worker.unref();
    this.worker.on('error', () => undefined); // its batches are redone by the main thread
    this.results = port1;
    this.receive = threads.receiveMessageOnPort;
  }

  /** The next batch for the main thread (numbers past the count mean none are left). */
  claim(): number {
    return Atomics.add(this.counters, NEXT_BATCH, 1);
  }

  /** Hands over every result the helper posted so far. */
  poll(take: (batch: number, outcome: TreeOutcome) => void): void {
    for (let m = this.receive(this.results); m; m = this.receive(this.results)) {
      const message = m.message as BatchMessage;
      if ('error' in message) throw new Error(`batch ${message.batch}: ${message.error}`);
      take(message.batch, message.outcome);
    }
  }

  /** Waits until `missing()` is empty, or until the helper stalls; then stops it. */
  finish(missing: () => readonly number[], take: (batch: number, outcome: TreeOutcome) => void): void {
    for (;;) {
      this.poll(take);
      if (missing().length === 0) break;
      const posted = Atomics.load(this.counters, POSTED);
      if (Atomics.wait(this.counters, POSTED, posted, this.stallMs) === 'timed-out') break;
    }
    this.results.close();
    void this.worker.terminate();
  }
}

/** build/cli.js: next to the start-up snapshot this process runs, or this very bundle. */
function bundlePath(): string | undefined {
  const argv = process.execArgv;
  const i = argv.findIndex((a) => a === '--snapshot-blob' || a.startsWith('--snapshot-blob='));
  const blob = i < 0 ? undefined : argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
  const candidate = blob ? join(dirname(resolve(blob)), 'cli.js') : typeof __filename === 'string' && basename(__filename) === 'cli.js' ? __filename : undefined;
  return candidate && existsSync(candidate) ? candidate : undefined;
}
