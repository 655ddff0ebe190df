import { startupSnapshot } from 'node:v8';
import { main } from './main';

// Entry of the V8 start-up snapshot (scripts/build.mjs): every module is loaded and initialized
// when the snapshot is built, so `node --snapshot-blob build/cli.blob synth` starts with the heap
// ready instead of parsing and running the bundle. In a snapshot, argv[1] is the first argument.
startupSnapshot.setDeserializeMainFunction(() => {
  void main(process.argv.slice(1)).then((code) => (process.exitCode = code));
});
