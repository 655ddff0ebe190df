import type { z } from 'zod';
import { KCP_COMPUTE_TARGET, kcpConsumerTarget } from './kcp';
import { pacGatewayTarget } from './pac-gateway';
import { TRAINS } from '../trains';

/** Argo CD tracks an Application's resources with a label holding its name: at most 63 characters. */
export const MAX_APPLICATION_NAME = 63;

/**
 * The components (Argo CD applications) per target, named as the charts name them
 * (`<Chart>.COMPONENT`); test/config/argocd-names.test.ts keeps the two in step.
 */
export const COMPONENT_NAMES = {
  operator: 'operator',
  tektonConfig: 'tekton-config',
  tektonResults: 'tekton-results',
  tektonChains: 'tekton-chains',
  kcpSyncer: 'kcp-syncer',
  kcpCompute: 'compute',
  kcpBinding: 'api-binding',
  pacGateway: 'pac-gateway',
  webhookProxy: 'webhook-proxy',
} as const;

interface NamedEnvironment {
  readonly name: string;
  readonly train: string;
  readonly tektonResults?: unknown;
  readonly tektonChains?: unknown;
  readonly kcp?: { readonly consumers: readonly { readonly name: string }[] };
  readonly pacGateway?: { readonly enabled: boolean; readonly workspace: string };
  readonly webhookProxy?: { readonly cluster?: string; readonly hostCluster?: { readonly name: string } };
  readonly clusters: readonly { readonly name: string }[];
}

/** One child Application: its target, its component, and the config field that names the target. */
export interface ExpectedApplication {
  readonly target: string;
  readonly component: string;
  readonly field: readonly (string | number)[];
}

/** The components every workload cluster runs in this environment. */
export function clusterComponents(env: NamedEnvironment): string[] {
  return [
    COMPONENT_NAMES.operator,
    COMPONENT_NAMES.tektonConfig,
    // Where the train's operator manages Results, TektonConfig configures them: no chart of their own (WorkloadCluster).
    ...(env.tektonResults && TRAINS[env.train]?.results.managedBy === 'manifests' ? [COMPONENT_NAMES.tektonResults] : []),
    ...(env.tektonChains ? [COMPONENT_NAMES.tektonChains] : []),
    ...(env.kcp ? [COMPONENT_NAMES.kcpSyncer] : []),
  ];
}

/** Every child Application the environment gets (`<env>-<target>-<component>`). */
export function expectedApplications(env: NamedEnvironment): ExpectedApplication[] {
  const apps: ExpectedApplication[] = [];
  if (env.kcp) {
    apps.push({ target: KCP_COMPUTE_TARGET, component: COMPONENT_NAMES.kcpCompute, field: ['kcp'] });
    env.kcp.consumers.forEach((c, i) => apps.push({ target: kcpConsumerTarget(c.name), component: COMPONENT_NAMES.kcpBinding, field: ['kcp', 'consumers', i, 'name'] }));
    if (env.pacGateway?.enabled) apps.push({ target: pacGatewayTarget(env.pacGateway.workspace), component: COMPONENT_NAMES.pacGateway, field: ['pacGateway', 'workspace'] });
  }
  const components = clusterComponents(env);
  env.clusters.forEach((c, i) => {
    for (const component of components) apps.push({ target: c.name, component, field: ['clusters', i, 'name'] });
    if (env.webhookProxy?.cluster === c.name) apps.push({ target: c.name, component: COMPONENT_NAMES.webhookProxy, field: ['clusters', i, 'name'] });
  });
  const host = env.webhookProxy?.hostCluster;
  if (host) apps.push({ target: host.name, component: COMPONENT_NAMES.webhookProxy, field: ['webhookProxy', 'hostCluster', 'name'] });
  return apps;
}

/**
 * Application names fit Argo CD's tracking label: each too long name is reported on the field
 * that names its target (`clusters[2].name`), with how many characters fit there.
 */
export function applicationNameChecks(env: NamedEnvironment, ctx: z.RefinementCtx): void {
  // `<env>-<target>-<component>`, and the root application `<env>-root`.
  const budget = MAX_APPLICATION_NAME - env.name.length - 2;
  const longest = new Map<string, ExpectedApplication>();
  for (const app of expectedApplications(env)) {
    const key = app.field.join('.');
    const seen = longest.get(key);
    if (!seen || app.component.length > seen.component.length) longest.set(key, app);
  }
  for (const app of longest.values()) {
    const name = `${env.name}-${app.target}-${app.component}`;
    if (name.length <= MAX_APPLICATION_NAME) continue;
    // What the field itself contributes: the target, minus a fixed prefix such as `kcp-`.
    const own = app.field[0] === 'kcp' && app.field.length === 1 ? undefined : app.field[0] === 'clusters' || app.field[0] === 'webhookProxy' ? app.target : app.target.slice('kcp-'.length);
    const fixed = app.target.length - (own?.length ?? 0);
    const room = budget - app.component.length - fixed;
    if (own === undefined || room < 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: `has ${env.name.length} characters, too many for the Argo CD application "${name}" (${name.length} characters; Argo CD application names must be at most ${MAX_APPLICATION_NAME}, a label value): shorten the environment name`,
      });
      return;
    }
    ctx.addIssue({
      code: 'custom',
      path: [...app.field],
      message: `has ${own.length} characters, at most ${room} fit here: it names the Argo CD application "${name}" (${name.length} characters), and Argo CD application names must be at most ${MAX_APPLICATION_NAME} (a label value); shorten it or the environment name`,
    });
  }
}
