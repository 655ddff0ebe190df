import { ContainerAt, PodSpecAt, containersOf, podSpecOf } from '../pods';
import { KubeObject } from '../types';
import { PolicyRule, Violation } from './rule';

/** A rule over every container of every pod template; objects without one pass. */
export function podRule<Id extends string>(
  id: Id,
  description: string,
  why: string,
  checkContainer: (c: ContainerAt, pod: PodSpecAt) => Violation[],
  checkPod: (pod: PodSpecAt) => Violation[] = () => [],
): PolicyRule<Id> {
  return {
    id,
    description,
    why,
    check(obj: KubeObject): Violation[] {
      const pod = podSpecOf(obj);
      if (!pod) return [];
      return [...checkPod(pod), ...containersOf(pod).flatMap((c) => checkContainer(c, pod))];
    },
  };
}
