import type { ValidateFunction } from 'ajv';

/*
 * The TektonConfig spec validators, precompiled. In the sources none: the built CLI gets this
 * module from scripts/build.mjs, which generates it with ajv's standalone code
 * (tekton-config-validators.ts), one export per spec schema id. Add an id here when a train adds
 * a spec schema (test/trains/precompiled-validators.test.ts checks both lists agree).
 */
export const v0_65: ValidateFunction | undefined = undefined;
export const v0_80: ValidateFunction | undefined = undefined;
