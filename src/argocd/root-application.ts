import { Construct } from 'constructs';
import * as argo from '../../imports/argocd-application-argoproj.io';
import { ArgocdRetryConfig } from '../config';

/** The management cluster, as Argo CD names the cluster it runs in. */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';

export interface RootApplicationProps {
  readonly name: string;
  /** Argo CD's namespace: the root app deploys the child Applications and the AppProject there. */
  readonly namespace: string;
  readonly repoURL: string;
  readonly revision: string;
  /** `argocd/<env>/apps`. */
  readonly path: string;
  readonly retry: ArgocdRetryConfig;
  /** @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * The one object applied by hand (`kubectl apply -f argocd/<env>/root.yaml`). It lives in the
 * `default` project because the environment's AppProject is one of its own children and does not
 * exist yet at bootstrap. No resources finalizer, on purpose: deleting the root app by mistake
 * leaves every child app and cluster as it is; environments are torn down app by app.
 */
export class RootApplication extends Construct {
  public readonly resource: argo.Application;

  constructor(scope: Construct, id: string, props: RootApplicationProps) {
    super(scope, id);
    this.resource = new argo.Application(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace, labels: { ...props.labels } },
      spec: {
        project: 'default',
        source: { repoUrl: props.repoURL, targetRevision: props.revision, path: props.path },
        destination: { server: IN_CLUSTER_SERVER, namespace: props.namespace },
        syncPolicy: {
          automated: { prune: true, selfHeal: true },
          retry: { limit: props.retry.limit, backoff: { ...props.retry.backoff } },
        },
      },
    });
  }
}
