import { EnvironmentApp } from '../../charts/environment-app';
import { HeapBudget } from '../../lib/heap';
import { batchIndexes, synthesizeTree, targetHandler } from '../batches';
import { toYaml } from '../files';
import { BatchMessage, BatchWorkerData, NEXT_BATCH, POSTED } from './protocol';

/**
 * The helper thread (see batch-helper.ts): builds the environment's own charts (its batches'
 * charts depend on kcp compute), then claims batches from the shared counter until none are
 * left, posting each one's components and rendered files.
 */
export function runBatchWorker(data: BatchWorkerData): void {
  const { config, count, counters, results } = data;
  const post = (m: BatchMessage) => {
    results.postMessage(m);
    Atomics.add(counters, POSTED, 1);
    Atomics.notify(counters, POSTED);
  };
  const app = new EnvironmentApp(config, { withClusters: false });
  const heap = new HeapBudget();
  for (let b = Atomics.add(counters, NEXT_BATCH, 1); b < count; b = Atomics.add(counters, NEXT_BATCH, 1)) {
    try {
      const files: [string, string][] = [];
      const outcome = synthesizeTree(app.clusterBatch(batchIndexes(config, b)), config.name, targetHandler(config.name, (p, o) => files.push([p, toYaml(o)]), false));
      post({ batch: b, outcome: { ...outcome, exceptions: [], files } });
    } catch (e) {
      post({ batch: b, error: (e as Error).message });
    }
    heap.check();
  }
  results.close();
}
