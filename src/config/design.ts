import type { z } from 'zod';
import { TRAINS } from '../trains';

type Path = (string | number)[];

/** Whether the environment's train is the kcp design (ADR phase 1); false for an unknown train (reported on `train`). */
export function trainHasKcp(train: string): boolean {
  return TRAINS[train]?.kcp !== undefined;
}

/** `check` only where the train is the kcp design: on the other, designChecks names each kcp field once. */
export function kcpDesign<T>(check: (env: T, ctx: z.RefinementCtx) => void) {
  return (env: T & { readonly train: string }, ctx: z.RefinementCtx) => {
    if (trainHasKcp(env.train)) check(env, ctx);
  };
}

/** What the design checks read of a parsed environment. */
export interface DesignedEnvironment {
  readonly train: string;
  readonly kcp?: unknown;
  readonly pacGateway?: unknown;
  readonly githubApp?: unknown;
  readonly operator: { readonly catalogSource?: { readonly mirrors?: readonly unknown[] } };
  readonly clusters: readonly { readonly kcp?: unknown }[];
}

/**
 * Sections of one design in an environment of the other, one issue each at the field: the train
 * decides the design (with kcp: ADR phase 1; without: ADR-0009, its successor).
 */
export function designChecks(env: DesignedEnvironment, ctx: z.RefinementCtx): void {
  const train = TRAINS[env.train];
  if (!train) return;
  const add = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message });
  const tag = `train ${train.name}`;
  if (!train.kcp) {
    const noKcp = `${tag} has no kcp (kcp v0.11, the last release with TMC, belongs to train phase-1)`;
    if (env.kcp !== undefined) add(['kcp'], `${noKcp}: remove kcp or set train: phase-1`);
    if (env.pacGateway !== undefined) {
      add(['pacGateway'], `${noKcp}: Pipelines-as-Code runs on every cluster and gets its webhooks through the webhook proxy (${train.design.record}): remove pacGateway`);
    }
    env.clusters.forEach((c, i) => {
      if (c.kcp !== undefined) add(['clusters', i, 'kcp'], `${noKcp}: no SyncTarget or syncer for this cluster; remove it`);
    });
  } else if (env.githubApp !== undefined) {
    add(
      ['githubApp'],
      `belongs to the successor design (ADR-0009, train current), where Pipelines-as-Code runs on every cluster; on ${tag} it runs behind the kcp gateway on one cluster whose Secret is provided out of band: remove githubApp or set train: current`,
    );
  }
  if (env.operator.catalogSource?.mirrors && !train.design.imageDigestMirrorSet) {
    add(
      ['operator', 'catalogSource', 'mirrors'],
      `${tag} targets OpenShift ${train.kubernetes.openshift}, and ImageDigestMirrorSet (config.openshift.io/v1) exists from OpenShift 4.13 only: remove mirrors or set train: current`,
    );
  }
}
