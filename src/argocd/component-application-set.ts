import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { setSyncWave } from '../lib/argocd';
import type { Json } from './application-set-template';

export interface ComponentApplicationSetProps {
  readonly name: string;
  /** Argo CD's namespace: the ApplicationSet controller reads ApplicationSets there. */
  readonly namespace: string;
  readonly repoURL: string;
  readonly revision: string;
  /** Repository path glob of the component's parameter files (one per target). */
  readonly parameterFiles: string;
  /** The Application template (metadata and spec), strings holding `{{.field}}` actions. */
  readonly template: Json;
  /** Order among the objects of the root Application. */
  readonly wave: number;
  /** @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * One component on every target: a git files generator yields one parameter set per target file,
 * the template one Application each (argoproj/argo-cd@v2.9.0:applicationset/generators/git.go).
 * Deleting a parameter file deletes its Application, whose resources finalizer deletes what it
 * deployed, as pruning a child Application does in app-of-apps mode (default policy `sync`,
 * preserveResourcesOnDeletion false). The ApplicationSet CRD is 876 kB: built as a plain ApiObject
 * and validated against imports/schemas/argocd-applicationset.json.
 */
export class ComponentApplicationSet extends Construct {
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: ComponentApplicationSetProps) {
    super(scope, id);
    this.resource = new ApiObject(this, 'Resource', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: props.name, namespace: props.namespace, labels: { ...props.labels } },
      spec: {
        goTemplate: true,
        // A parameter a template names but a file lacks fails the generation instead of rendering "<no value>".
        goTemplateOptions: ['missingkey=error'],
        generators: [{ git: { repoURL: props.repoURL, revision: props.revision, files: [{ path: props.parameterFiles }] } }],
        template: props.template,
      },
    });
    setSyncWave(this.resource, props.wave);
  }
}
