import { setFlagsFromString } from 'node:v8';

/**
 * V8's interrupt budget: how much bytecode a function runs before V8 considers optimizing it with
 * TurboFan (132 KiB by default). Optimizing runs on background threads, and in a synth, which is
 * short, it compiled far more than paid back: at 100 clusters as many instructions as the whole
 * main thread, on a machine with two cores that the output writer's thread also needs. With ~4x
 * the budget only the hottest functions are optimized (`npm run bench`, alternated runs):
 * 100 clusters 0.55 -> 0.42 s, 1,000 clusters 2.9 -> 2.5 s and 5.1 -> 4.2 s of CPU, shipped
 * environments 0.13 -> 0.10 s. 0.3, 1.2 and 2.4 million did no better.
 */
export const INTERRUPT_BUDGET = 600_000;

/**
 * Set at run time, not on node's command line: a start-up snapshot only loads under the flags
 * it was built with, so a flag there would have to be repeated wherever the snapshot is run.
 * It changes when functions are optimized, never what they compute.
 */
export function tuneTiering(): void {
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}
