import { formatPath } from '../config/errors';
import { KubeObject } from './types';

/** A pod template found in an object, with the path of its spec. */
export interface PodSpecAt {
  readonly spec: Record<string, any>;
  readonly path: PropertyKey[];
  /** Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController: runs until stopped. */
  readonly longRunning: boolean;
}

export interface ContainerAt {
  readonly container: Record<string, any>;
  readonly path: PropertyKey[];
  /** A regular container (not init or ephemeral). */
  readonly regular: boolean;
}

const TEMPLATE = ['spec', 'template', 'spec'];
const WORKLOADS: Record<string, { path: readonly string[]; longRunning: boolean }> = {
  Pod: { path: ['spec'], longRunning: false },
  Deployment: { path: TEMPLATE, longRunning: true },
  StatefulSet: { path: TEMPLATE, longRunning: true },
  DaemonSet: { path: TEMPLATE, longRunning: true },
  ReplicaSet: { path: TEMPLATE, longRunning: true },
  ReplicationController: { path: TEMPLATE, longRunning: true },
  Job: { path: TEMPLATE, longRunning: false },
  CronJob: { path: ['spec', 'jobTemplate', 'spec', 'template', 'spec'], longRunning: false },
  PodTemplate: { path: ['template', 'spec'], longRunning: false },
};

function isRecord(x: unknown): x is Record<string, any> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The pod spec of a built-in workload kind, if the object is one. */
export function podSpecOf(obj: KubeObject): PodSpecAt | undefined {
  const w = typeof obj.kind === 'string' ? WORKLOADS[obj.kind] : undefined;
  if (!w) return undefined;
  let at: unknown = obj;
  for (const k of w.path) at = isRecord(at) ? at[k] : undefined;
  return isRecord(at) ? { spec: at, path: [...w.path], longRunning: w.longRunning } : undefined;
}

export function containersOf(pod: PodSpecAt): ContainerAt[] {
  const out: ContainerAt[] = [];
  for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
    const list = pod.spec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((c, i) => {
      if (isRecord(c)) out.push({ container: c, path: [...pod.path, field, i], regular: field === 'containers' });
    });
  }
  return out;
}

export function pathOf(...parts: (PropertyKey | readonly PropertyKey[])[]): string {
  return formatPath(parts.flatMap((p) => (Array.isArray(p) ? p : [p as PropertyKey])));
}
