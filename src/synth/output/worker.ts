import { parentPort, workerData } from 'node:worker_threads';
import { manifestToYaml as toYaml } from '../yaml';
import { OutputTrees } from './trees';
import type { OutputReply, OutputRequest } from './output-writer';

// The output writer's thread (see output-writer.ts): renders, compares and stages files while
// the main thread is still synthesizing, then commits or aborts on request.
const { root, trees } = workerData as { root: string; trees: readonly string[] };
let output: OutputTrees | undefined;
let failure: string | undefined;
try {
  output = OutputTrees.open(root, trees);
} catch (e) {
  failure = (e as Error).message;
}

parentPort!.on('message', (m: OutputRequest) => {
  if (m.type === 'put') {
    if (failure) return;
    try {
      for (const [tree, rel, content] of m.files) output!.put(tree, rel, typeof content === 'string' ? content : toYaml(content));
    } catch (e) {
      failure = (e as Error).message;
    }
    return;
  }
  let reply: OutputReply;
  if (m.type === 'commit' && !failure) {
    try {
      reply = { stats: output!.commit() };
    } catch (e) {
      reply = { error: (e as Error).message };
    }
  } else {
    output?.abort();
    reply = failure ? { error: failure } : { stats: [] };
  }
  parentPort!.postMessage(reply);
  parentPort!.close();
});
