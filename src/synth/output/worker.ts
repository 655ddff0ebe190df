import { parentPort, workerData } from 'node:worker_threads';
import { manifestToYaml as toYaml } from '../yaml';
import { commitTrees, openTrees } from './trees';
import type { TreeUpdate } from './tree-update';
import type { OutputReply, OutputRequest } from './output-writer';

// The output writer's thread (see output-writer.ts): renders, compares and stages files while
// the main thread is still synthesizing, then commits or aborts on request.
const { dirs } = workerData as { dirs: readonly string[] };
let updates: TreeUpdate[] = [];
let failure: string | undefined;
try {
  updates = openTrees(dirs);
} catch (e) {
  failure = (e as Error).message;
}

parentPort!.on('message', (m: OutputRequest) => {
  if (m.type === 'put') {
    if (failure) return;
    try {
      for (const [tree, rel, content] of m.files) updates[tree].put(rel, typeof content === 'string' ? content : toYaml(content));
    } catch (e) {
      failure = (e as Error).message;
    }
    return;
  }
  let reply: OutputReply;
  if (m.type === 'commit' && !failure) {
    try {
      reply = { stats: commitTrees(updates) };
    } catch (e) {
      reply = { error: (e as Error).message };
    }
  } else {
    for (const u of updates) u.abort();
    reply = failure ? { error: failure } : { stats: [] };
  }
  parentPort!.postMessage(reply);
  parentPort!.close();
});
