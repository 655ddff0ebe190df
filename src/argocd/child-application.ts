import { Construct } from 'constructs';
import * as argo from '../../imports/argocd-application-argoproj.io';
import { ArgocdRetryConfig, Destination } from '../config';
import { setSyncWave } from '../lib/argocd';

/** Deleting an Application with this finalizer deletes what it deployed (cascade). */
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';
/** Argo CD tracks resources with a label holding the Application name: a label value. */
export const MAX_APPLICATION_NAME = 63;
/**
 * Paths (relative to the source path) a new commit must touch for Argo CD to regenerate the app's
 * manifests; otherwise the cached ones stay valid for the new commit. Webhook only up to 2.10,
 * polling too from 2.11 (argoproj/argo-cd@v2.9.0, v2.11.0:docs/operator-manual/high_availability.md).
 */
export const MANIFEST_GENERATE_PATHS = 'argocd.argoproj.io/manifest-generate-paths';

export interface ChildApplicationProps {
  readonly name: string;
  /** Argo CD's namespace, where Applications live. */
  readonly namespace: string;
  readonly project: string;
  readonly repoURL: string;
  readonly revision: string;
  /** Folder in the repository (`dist/<env>/<target>/<component>`). */
  readonly path: string;
  readonly destination: Destination;
  /** Order among the apps of the root Application. */
  readonly wave: number;
  readonly retry: ArgocdRetryConfig;
  /** Read subfolders too. @default false */
  readonly recurse?: boolean;
  /** A namespace the app's objects use that no app creates: Argo CD creates it. @default - none */
  readonly createNamespace?: string;
  /** @default [] */
  readonly ignoreDifferences?: readonly argo.ApplicationSpecIgnoreDifferences[];
  /** @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Which target and component it deploys (ApplicationSet mode groups by component). @default - from the path */
  readonly placement?: { readonly target: string; readonly component: string };
}

/**
 * One component on one target: auto-synced with prune and self-heal, retried with backoff,
 * cascade-deleted through the resources finalizer.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/#applications
 */
export class ChildApplication extends Construct {
  public readonly resource: argo.Application;
  public readonly placement: { readonly target: string; readonly component: string };
  public readonly wave: number;

  constructor(scope: Construct, id: string, props: ChildApplicationProps) {
    super(scope, id);
    const parts = props.path.split('/');
    this.placement = props.placement ?? { target: parts[parts.length - 2] ?? '', component: parts[parts.length - 1] ?? '' };
    this.wave = props.wave;
    if (props.name.length > MAX_APPLICATION_NAME) {
      this.node.addValidation({
        validate: () => [
          `argo cd application name "${props.name}" has ${props.name.length} characters, at most ${MAX_APPLICATION_NAME} fit its tracking label: shorten the environment, target or component name`,
        ],
      });
    }
    const ignore = props.ignoreDifferences ?? [];
    const syncOptions = [
      ...(props.createNamespace ? ['CreateNamespace=true'] : []),
      // Without it a sync would still write the ignored fields back.
      ...(ignore.length > 0 ? ['RespectIgnoreDifferences=true'] : []),
    ];
    this.resource = new argo.Application(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace, labels: { ...props.labels }, finalizers: [RESOURCES_FINALIZER] },
      spec: {
        project: props.project,
        source: {
          repoUrl: props.repoURL,
          targetRevision: props.revision,
          path: props.path,
          directory: props.recurse ? { recurse: true } : undefined,
        },
        destination: { ...props.destination, namespace: props.createNamespace },
        ignoreDifferences: ignore.length > 0 ? [...ignore] : undefined,
        syncPolicy: {
          automated: { prune: true, selfHeal: true },
          retry: { limit: props.retry.limit, backoff: { ...props.retry.backoff } },
          syncOptions: syncOptions.length > 0 ? syncOptions : undefined,
        },
      },
    });
    setSyncWave(this.resource, props.wave);
    // `.`: the app's own folder, all it reads (one folder per app; the consistency check holds that).
    this.resource.metadata.addAnnotation(MANIFEST_GENERATE_PATHS, '.');
  }
}
