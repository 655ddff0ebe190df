import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { SyncWave, setHook, setSyncWave } from '../lib/argocd';
import { restrictedContainerSecurityContext } from '../lib/security';

export interface InstallPlanApproverProps {
  /** The Subscription's namespace: where OLM creates its InstallPlans. */
  readonly namespace: string;
  /** The Subscription whose installed CSV tells that nothing is left to approve. */
  readonly subscriptionName: string;
  /** The one CSV whose InstallPlan may be approved (`operator.startingCSV`). */
  readonly csv: string;
  /** An image with /bin/sh and kubectl, pinned by digest. */
  readonly image: string;
  /** Name of the ServiceAccount, Role, RoleBinding and Job. @default `${subscriptionName}-installplan-approver` */
  readonly name?: string;
  /** How long the Job waits for OLM to create the InstallPlan. @default 600 */
  readonly timeoutSeconds?: number;
}

/**
 * The approval step must never widen what git pinned: only an InstallPlan whose CSV list is
 * exactly [csv] is approved; every other pending plan is logged as refused and left alone.
 * Exits 0 once the CSV is installed or its plan approved, 1 on timeout (Argo CD retries the sync).
 */
const SCRIPT = `set -eu
deadline=$(( $(date +%s) + TIMEOUT_SECONDS ))
plans=/tmp/installplans
while :; do
  installed=$(kubectl get subscriptions.operators.coreos.com "$SUBSCRIPTION" -n "$NAMESPACE" -o jsonpath='{.status.installedCSV}')
  if [ "$installed" = "$CSV" ]; then echo "$CSV is installed: nothing to approve"; exit 0; fi
  kubectl get installplans.operators.coreos.com -n "$NAMESPACE" -o jsonpath='{range .items[*]}{.metadata.name}{" "}{.spec.approved}{" "}{.spec.clusterServiceVersionNames}{"\\n"}{end}' > "$plans"
  while read -r name approved csvs; do
    if [ "$csvs" = "[\\"$CSV\\"]" ]; then
      if [ "$approved" != "true" ]; then
        kubectl patch installplans.operators.coreos.com "$name" -n "$NAMESPACE" --type merge -p '{"spec":{"approved":true}}'
      fi
      echo "approved installplan $name for $CSV"
      exit 0
    elif [ "$approved" != "true" ]; then
      echo "refused installplan $name: it installs $csvs, only [\\"$CSV\\"] (operator.startingCSV) may be approved"
    fi
  done < "$plans"
  if [ "$(date +%s)" -ge "$deadline" ]; then echo "no installplan for $CSV after $TIMEOUT_SECONDS s" >&2; exit 1; fi
  sleep 10
done
`;

/**
 * Approves the Manual InstallPlan of the pinned CSV: a Job run as an Argo CD Sync hook in the
 * Subscription's wave (a later wave would wait on a Subscription that waits on approval).
 * RBAC is a namespaced Role: list/get/patch InstallPlans (their names are generated, so patch
 * cannot be narrowed by name) and get on this one Subscription.
 */
export class InstallPlanApprover extends Construct {
  public readonly name: string;
  public readonly job: k8s.KubeJob;
  public readonly role: k8s.KubeRole;

  constructor(scope: Construct, id: string, props: InstallPlanApproverProps) {
    super(scope, id);
    this.name = props.name ?? `${props.subscriptionName}-installplan-approver`;
    const metadata = { name: this.name, namespace: props.namespace };

    const sa = new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata });
    this.role = new k8s.KubeRole(this, 'Role', {
      metadata,
      rules: [
        { apiGroups: ['operators.coreos.com'], resources: ['installplans'], verbs: ['get', 'list', 'patch'] },
        { apiGroups: ['operators.coreos.com'], resources: ['subscriptions'], resourceNames: [props.subscriptionName], verbs: ['get'] },
      ],
    });
    const binding = new k8s.KubeRoleBinding(this, 'RoleBinding', {
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: this.name },
      subjects: [{ kind: 'ServiceAccount', name: this.name, namespace: props.namespace }],
    });
    for (const o of [sa, this.role, binding]) setSyncWave(o, SyncWave.ACCESS);

    const timeout = props.timeoutSeconds ?? 600;
    this.job = new k8s.KubeJob(this, 'Resource', {
      metadata,
      spec: {
        backoffLimit: 2,
        activeDeadlineSeconds: timeout + 300,
        template: {
          spec: {
            serviceAccountName: this.name,
            restartPolicy: 'Never',
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'approve',
                image: props.image,
                command: ['/bin/sh', '-c', SCRIPT],
                env: [
                  { name: 'NAMESPACE', value: props.namespace },
                  { name: 'SUBSCRIPTION', value: props.subscriptionName },
                  { name: 'CSV', value: props.csv },
                  { name: 'TIMEOUT_SECONDS', value: String(timeout) },
                  // kubectl writes its discovery cache under $HOME: keep it on the emptyDir.
                  { name: 'HOME', value: '/tmp' },
                ],
                resources: {
                  requests: { cpu: k8s.Quantity.fromString('10m'), memory: k8s.Quantity.fromString('64Mi') },
                  limits: { cpu: k8s.Quantity.fromString('200m'), memory: k8s.Quantity.fromString('128Mi') },
                },
                securityContext: restrictedContainerSecurityContext(),
                volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
              },
            ],
            volumes: [{ name: 'tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString('16Mi') } }],
          },
        },
      },
    });
    setSyncWave(this.job, SyncWave.INSTALL);
    setHook(this.job, 'Sync', 'BeforeHookCreation');
  }
}
