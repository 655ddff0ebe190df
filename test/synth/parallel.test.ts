import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { EnvironmentApp } from '../../src/charts/environment-app';
import { loadEnvironmentFile } from '../../src/config';
import { batchCount, batchIndexes, synthesizeTree, targetHandler } from '../../src/synth/batches';
import { toYaml } from '../../src/synth/files';
import { BatchHelper } from '../../src/synth/parallel/batch-helper';
import { runBatchWorker } from '../../src/synth/parallel/batch-worker';
import { BatchMessage, NEXT_BATCH, POSTED } from '../../src/synth/parallel/protocol';
import { ROOT, tempDir } from '../cli/cli-helpers';

const fixture = loadEnvironmentFile(join(ROOT, 'test/fixtures/scale/100-clusters.yaml'));
const config = { ...fixture, clusters: fixture.clusters.slice(0, 60) };

describe('the batch helper thread', () => {
  test('the worker claims every batch left and posts what the main thread would have made of it, files rendered', () => {
    const counters = new Int32Array(new SharedArrayBuffer(8));
    Atomics.store(counters, NEXT_BATCH, 1); // batch 0 taken by the "main thread"
    const { port1, port2 } = new MessageChannel();
    runBatchWorker({ role: 'cluster-batches', config, count: batchCount(config), counters, results: port2 });
    const messages: BatchMessage[] = [];
    for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) messages.push(m.message as BatchMessage);
    expect(messages.map((m) => m.batch)).toEqual([1, 2]);
    expect(Atomics.load(counters, POSTED)).toBe(2);

    const app = new EnvironmentApp(config, { withClusters: false });
    for (const m of messages) {
      if ('error' in m) throw new Error(m.error);
      const files: [string, string][] = [];
      const here = synthesizeTree(app.clusterBatch(batchIndexes(config, m.batch)), config.name, targetHandler(config.name, (p, o) => files.push([p, toYaml(o)]), false));
      expect(m.outcome.components).toEqual(here.components);
      expect(m.outcome.warnings).toEqual(here.warnings);
      expect(m.outcome.files).toEqual(files);
      expect(files.length).toBeGreaterThanOrEqual(batchIndexes(config, m.batch).length * 20);
    }
  });

  const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

  /** A stand-in thread that claims one batch, then runs `then` (`b` is its batch); the main thread claims the rest. */
  function withStandIn(then: string, stallMs: number) {
    const script = join(tempDir(), 'helper.js');
    writeFileSync(script, `const { workerData } = require('node:worker_threads');\nconst b = Atomics.add(workerData.counters, ${NEXT_BATCH}, 1);\n${then}\n`);
    const count = batchCount(config);
    const helper = BatchHelper.start(config, count, { bundle: script, stallMs })!;
    sleep(500); // a thread starts in tens of milliseconds
    const mine: number[] = [];
    for (let b = helper.claim(); b < count; b = helper.claim()) mine.push(b);
    return { helper, mine, missing: () => [0, 1, 2].filter((b) => !mine.includes(b)) };
  }

  test('a helper that claimed a batch and went silent is given up after the stall time, its batch left to redo', () => {
    const { helper, mine, missing } = withStandIn('setInterval(() => {}, 1000);', 300);
    expect(mine).toEqual([1, 2]);
    const t0 = Date.now();
    helper.finish(missing, () => {
      throw new Error('nothing was posted');
    });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(missing()).toEqual([0]);
  });

  test('an error in a helper batch is raised on the main thread, naming the batch', () => {
    const post = `workerData.results.postMessage({ batch: b, error: 'boom' }); Atomics.add(workerData.counters, ${POSTED}, 1); Atomics.notify(workerData.counters, ${POSTED});`;
    const { helper, missing } = withStandIn(post, 5000);
    expect(() => helper.finish(missing, () => undefined)).toThrow('batch 0: boom');
  });
});
