import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ComponentChart } from '../charts/component-chart';
import { policyExceptionsOf } from '../lib/policy-exceptions';
import type { PolicyException } from '../validate/exceptions';
import { SynthError } from './manifests';

/**
 * The waivers constructs declared (`declarePolicyException`), each matching exactly the object it
 * was declared on: environment, target, component, kind, namespace and name; its `source` is
 * `<env>/<construct path>`, where `npm run check` reports it if it waives nothing. Throws (one line
 * per problem) when one is declared on something that is not an object of a component chart.
 */
export function collectPolicyExceptions(app: IConstruct, env: string): PolicyException[] {
  const out: PolicyException[] = [];
  const errors: string[] = [];
  for (const c of app.node.findAll()) {
    const declared = policyExceptionsOf(c);
    if (declared.length === 0) continue;
    const chart = c instanceof ApiObject ? Chart.of(c) : undefined;
    if (!(c instanceof ApiObject) || !ComponentChart.isComponentChart(chart)) {
      errors.push(`${c.node.path}: declares a policy exception but is not an object of a component chart`);
      continue;
    }
    const namespace = c.metadata.namespace;
    const match = { env, target: chart.target, component: chart.component, kind: c.kind, ...(namespace ? { namespace } : {}), name: c.name };
    for (const d of declared) out.push({ ...d, match, source: `${env}/${c.node.path}` });
  }
  if (errors.length > 0) throw new SynthError(errors);
  return out;
}
