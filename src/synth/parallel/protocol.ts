import type { MessagePort } from 'node:worker_threads';
import type { EnvironmentConfig } from '../../config';
import type { TreeOutcome } from '../batches';

/** Shared counters: the next unclaimed batch, and how many results the helper has posted. */
export const NEXT_BATCH = 0;
export const POSTED = 1;

export interface BatchWorkerData {
  readonly role: 'cluster-batches';
  readonly config: EnvironmentConfig;
  readonly count: number;
  readonly counters: Int32Array;
  readonly results: MessagePort;
}

export type BatchMessage = { readonly batch: number; readonly outcome: TreeOutcome } | { readonly batch: number; readonly error: string };
