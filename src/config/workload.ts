import { z } from 'zod';
import { resourceProblems } from '../lib/quantity';
import { int32, text } from './primitives';

/** CPU and memory requests and limits of one container; both are always set. */
export function resourcesSchema(defaults: { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } }) {
  const pair = (d: { cpu: string; memory: string }) => z.strictObject({ cpu: text(32).default(d.cpu), memory: text(32).default(d.memory) });
  return z
    .strictObject({ requests: pair(defaults.requests).prefault({}), limits: pair(defaults.limits).prefault({}) })
    .superRefine((r, ctx) => {
      for (const problem of resourceProblems(r)) {
        const [field, ...rest] = problem.split(': ');
        ctx.addIssue({ code: 'custom', path: field.split('.'), message: rest.join(': ') });
      }
    });
}

export const replicasSchema = int32(0);
