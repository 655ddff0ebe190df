import { quote } from '../config/grammar/text';

const CPU = /^([0-9]+(\.[0-9]+)?)(m?)$/;
const MEMORY = /^([0-9]+(\.[0-9]+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/;
const MEMORY_FACTOR: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };

/** CPU quantity in millicores (`500m`, `0.5`, `2`); undefined when it is not one. */
export function cpuMillis(q: string): number | undefined {
  const m = CPU.exec(q);
  if (!m) return undefined;
  return m[3] === 'm' ? Number(m[1]) : Number(m[1]) * 1000;
}

/** Memory quantity in bytes (`128Mi`, `1G`); undefined when it is not one. */
export function memoryBytes(q: string): number | undefined {
  const m = MEMORY.exec(q);
  if (!m) return undefined;
  return Number(m[1]) * MEMORY_FACTOR[m[3] ?? ''];
}

export interface ComputeResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

/** Problems with a requests/limits pair, as `<field>: message` (empty when fine). */
export function resourceProblems(r: ComputeResources): string[] {
  const problems: string[] = [];
  for (const side of ['requests', 'limits'] as const) {
    if (cpuMillis(r[side].cpu) === undefined) problems.push(`${side}.cpu: ${quote(r[side].cpu)} is not a CPU quantity such as 100m or 1`);
    if (memoryBytes(r[side].memory) === undefined) problems.push(`${side}.memory: ${quote(r[side].memory)} is not a memory quantity such as 128Mi or 1Gi`);
  }
  if (problems.length > 0) return problems;
  if (cpuMillis(r.requests.cpu)! > cpuMillis(r.limits.cpu)!) problems.push(`requests.cpu: ${r.requests.cpu} exceeds limits.cpu ${r.limits.cpu}`);
  if (memoryBytes(r.requests.memory)! > memoryBytes(r.limits.memory)!) problems.push(`requests.memory: ${r.requests.memory} exceeds limits.memory ${r.limits.memory}`);
  return problems;
}
