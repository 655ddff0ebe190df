import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';

/**
 * TektonConfig has no built-in health check: without one Argo CD calls it Healthy as soon as it
 * is applied. Ready follows the operator's knative-style condition; a spec the operator has not
 * seen yet (observedGeneration behind) is still Progressing.
 */
export const TEKTON_CONFIG_HEALTH_LUA = `local hs = { status = "Progressing", message = "waiting for the Tekton operator to reconcile" }
if obj.status == nil then return hs end
if obj.status.observedGeneration ~= nil and obj.metadata.generation ~= nil and obj.status.observedGeneration < obj.metadata.generation then
  return hs
end
if obj.status.conditions ~= nil then
  for _, c in ipairs(obj.status.conditions) do
    if c.type == "Ready" then
      if c.status == "True" then
        hs.status = "Healthy"
        hs.message = "Tekton " .. (obj.status.version or "") .. " is ready"
      elseif c.status == "False" then
        hs.status = "Degraded"
        hs.message = c.message or c.reason or "not ready"
      else
        hs.message = c.message or c.reason or hs.message
      end
    end
  end
end
return hs
`;

/**
 * Argo CD 1.8 dropped the health of Application objects, so a sync wave of child apps would not
 * wait for the previous wave to be Healthy. This restores it (the documented app-of-apps setup).
 */
export const APPLICATION_HEALTH_LUA = `local hs = { status = "Progressing", message = "" }
if obj.status ~= nil and obj.status.health ~= nil then
  hs.status = obj.status.health.status
  if obj.status.health.message ~= nil then hs.message = obj.status.health.message end
end
return hs
`;

/** `argocd-cm` key of a Lua health check for one kind. */
export function healthKey(group: string, kind: string): string {
  return `resource.customizations.health.${group}_${kind}`;
}

export interface ArgoCdHealthChecksProps {
  /** Argo CD's namespace. */
  readonly namespace: string;
  /** Merged into argocd-cm's labels too. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * The health checks as an `argocd-cm` merge patch, applied once at bootstrap
 * (`kubectl patch --type merge --patch-file`): argocd-cm belongs to the Argo CD install, not to git.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/health/#custom-health-checks
 */
export class ArgoCdHealthChecks extends Construct {
  public readonly resource: k8s.KubeConfigMap;

  constructor(scope: Construct, id: string, props: ArgoCdHealthChecksProps) {
    super(scope, id);
    this.resource = new k8s.KubeConfigMap(this, 'Resource', {
      metadata: { name: 'argocd-cm', namespace: props.namespace, labels: { ...props.labels } },
      data: {
        [healthKey('argoproj.io', 'Application')]: APPLICATION_HEALTH_LUA,
        [healthKey('operator.tekton.dev', 'TektonConfig')]: TEKTON_CONFIG_HEALTH_LUA,
      },
    });
  }
}
