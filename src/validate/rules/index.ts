import { imageNoLatestTag } from './image-no-latest-tag';
import { imagePinnedByDigest } from './image-pinned-by-digest';
import { noInlineCredentials } from './no-inline-credentials';
import { podDropAllCapabilities } from './pod-drop-all-capabilities';
import { podNoHostAccess } from './pod-no-host-access';
import { podNoPrivilegeEscalation } from './pod-no-privilege-escalation';
import { podProbes } from './pod-probes';
import { podResources } from './pod-resources';
import { podRunAsNonRoot } from './pod-run-as-non-root';
import { podSeccompRuntimeDefault } from './pod-seccomp-runtime-default';
import { rbacNoClusterAdmin } from './rbac-no-cluster-admin';
import { rbacNoWildcards } from './rbac-no-wildcards';
import { standardLabelsRule } from './standard-labels';

/** Every policy rule, in report order. */
export const RULES = [
  podRunAsNonRoot,
  podNoPrivilegeEscalation,
  podDropAllCapabilities,
  podSeccompRuntimeDefault,
  podNoHostAccess,
  podResources,
  imagePinnedByDigest,
  imageNoLatestTag,
  podProbes,
  noInlineCredentials,
  rbacNoWildcards,
  rbacNoClusterAdmin,
  standardLabelsRule,
] as const;

/** The id of a policy rule: what an exception names. */
export type RuleId = (typeof RULES)[number]['id'];

export type { PolicyRule, Violation } from './rule';
export type { RbacRule } from './rbac-no-wildcards';
