import type { z } from 'zod';

/** The ServiceAccount the operator creates in every namespace unless `createRbacResource` is "false" (OpenShift Pipelines rbac reconciler). */
export const OPERATOR_SERVICE_ACCOUNT = 'pipeline';
/** Every namespace has it (the API server creates it). */
const ALWAYS_PRESENT = 'default';
const FLAG = 'default-service-account';
const PARAM = 'createRbacResource';

/**
 * With kcp, PipelineRuns run in namespaces the syncer creates on the workload cluster
 * (`kcp-<hash>`), where no user can create a ServiceAccount first: the one TektonConfig's
 * `default-service-account` names must be one something creates there - `default`, or the
 * operator's `pipeline` while `createRbacResource` is not "false".
 */
export function serviceAccountChecks(
  env: {
    readonly kcp?: unknown;
    readonly tektonConfig: { readonly pipeline: Readonly<Record<string, unknown>>; readonly params: readonly { readonly name: string; readonly value: string }[] };
  },
  ctx: z.RefinementCtx,
): void {
  if (!env.kcp) return;
  const sa = env.tektonConfig.pipeline[FLAG];
  if (typeof sa !== 'string' || sa === ALWAYS_PRESENT) return;
  const rbacIndex = env.tektonConfig.params.findIndex((p) => p.name === PARAM);
  const operatorCreates = rbacIndex < 0 || env.tektonConfig.params[rbacIndex].value !== 'false';
  if (sa === OPERATOR_SERVICE_ACCOUNT) {
    if (!operatorCreates) {
      ctx.addIssue({
        code: 'custom',
        path: ['tektonConfig', 'params', rbacIndex, 'value'],
        message: `is "false", so the operator creates no "${OPERATOR_SERVICE_ACCOUNT}" ServiceAccount, yet tektonConfig.pipeline["${FLAG}"] names it: PipelineRuns in the namespaces the kcp syncer creates would fail; set ${PARAM} to "true"`,
      });
    }
    return;
  }
  ctx.addIssue({
    code: 'custom',
    path: ['tektonConfig', 'pipeline', FLAG],
    message:
      `"${sa}" is created by nothing in the namespaces the kcp syncer creates on the workload clusters, so every PipelineRun without its own serviceAccountName fails; ` +
      `use "${OPERATOR_SERVICE_ACCOUNT}" (the operator creates it in every namespace while ${PARAM} is not "false") or "${ALWAYS_PRESENT}"`,
  });
}
