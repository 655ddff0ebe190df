import { startupSnapshot } from 'node:v8';
import { main } from './main';
import { warmUp } from './warm-up';

// Synth's code compiled into the snapshot (see warm-up.ts); node takes the snapshot once the
// event loop is empty, so after this promise settles. Without it the snapshot still works, only
// starts slower: a failure (no writable temporary folder, say) does not fail the build.
warmUp().catch((e: unknown) => process.stderr.write(`warning: start-up snapshot not warmed up (${(e as Error).message}); synth still works, only starts slower\n`));

// Entry of the V8 start-up snapshot (scripts/build.mjs): every module is loaded and initialized
// when the snapshot is built, so `node --snapshot-blob build/cli.blob synth` starts with the heap
// ready instead of parsing and running the bundle. In a snapshot, argv[1] is the first argument.
// Once main is done (output committed), process.exit skips tearing the heap down: ~10 ms of the
// shipped environments' synth. Only when nothing is left to write to stdout or stderr (writes to
// pipes are asynchronous on some systems); otherwise the process ends as usual.
startupSnapshot.setDeserializeMainFunction(() => {
  void main(process.argv.slice(1)).then((code) => {
    if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
    process.exitCode = code;
  });
});
