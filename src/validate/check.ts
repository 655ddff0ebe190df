import { DeployedObject, findDuplicates } from './duplicates';
import { POLICY_EXCEPTIONS, PolicyException } from './exceptions';
import { checkPolicy, describeException } from './policy';
import { SchemaRegistry, validateSchemas } from './schema';
import { Finding } from './types';

export interface CheckOptions {
  readonly registry?: SchemaRegistry;
  readonly exceptions?: readonly PolicyException[];
  /** Report exceptions that waived nothing (only meaningful over the whole output). */
  readonly reportUnusedExceptions?: boolean;
}

export interface CheckResult {
  readonly objects: number;
  readonly findings: readonly Finding[];
}

/** Schema, policy and duplicate checks over in-memory objects. */
export function checkObjects(objects: readonly DeployedObject[], options: CheckOptions = {}): CheckResult {
  const exceptions = options.exceptions ?? POLICY_EXCEPTIONS;
  const schema = validateSchemas(objects, options.registry);
  const policy = checkPolicy(objects, exceptions);
  const duplicates = findDuplicates(objects);
  const unused: Finding[] = options.reportUnusedExceptions
    ? policy.unusedExceptions.map((e) => ({
        check: 'exception',
        file: e.source ?? 'src/validate/exceptions.ts',
        message: `exception ${describeException(e)} waives nothing: remove it`,
      }))
    : [];
  return { objects: objects.length, findings: [...schema, ...policy.findings, ...duplicates, ...unused] };
}

const LABELS: Record<Finding['check'], string> = {
  stale: 'stale files',
  schema: 'schema errors',
  policy: 'policy violations',
  duplicate: 'duplicates',
  exception: 'unused exceptions',
};

/** `checked 16 objects: 0 stale files, 0 schema errors, 0 policy violations, 0 duplicates`. */
export function summaryLine(objects: number, findings: readonly Finding[]): string {
  const counts = new Map<Finding['check'], number>();
  for (const f of findings) counts.set(f.check, (counts.get(f.check) ?? 0) + 1);
  const parts = (Object.keys(LABELS) as Finding['check'][])
    .filter((c) => c !== 'exception' || counts.has(c))
    .map((c) => `${counts.get(c) ?? 0} ${LABELS[c]}`);
  return `checked ${objects} objects: ${parts.join(', ')}`;
}
