import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { SyncWave, setSyncWave } from '../lib/argocd';

export interface ResultsUserRolesProps {
  /** Name prefix: upstream's bare `admin` would collide with the built-in ClusterRole. @default 'tekton-results-' */
  readonly prefix?: string;
}

const RESOURCES = ['results', 'records', 'logs'];

/**
 * The user roles Tekton Results ships on `results.tekton.dev` (tektoncd/results@v0.6.0:
 * config/base/default-clusterroles.yaml: readonly, readwrite, admin), aggregated as later releases
 * aggregate them (@v0.19.0: readonly into view and edit, admin into admin), so namespace viewers,
 * editors and admins get the matching access to their runs' records without extra bindings.
 */
export class ResultsUserRoles extends Construct {
  constructor(scope: Construct, id: string, props: ResultsUserRolesProps = {}) {
    super(scope, id);
    const prefix = props.prefix ?? 'tekton-results-';
    const role = (name: string, verbs: string[], aggregateTo: string[]) => {
      const r = new k8s.KubeClusterRole(this, name, {
        metadata: { name: `${prefix}${name}`, labels: Object.fromEntries(aggregateTo.map((a) => [`rbac.authorization.k8s.io/aggregate-to-${a}`, 'true'])) },
        rules: [{ apiGroups: ['results.tekton.dev'], resources: RESOURCES, verbs }],
      });
      setSyncWave(r, SyncWave.ACCESS);
    };
    role('readonly', ['get', 'list'], ['view', 'edit']);
    role('readwrite', ['create', 'update', 'get', 'list'], []);
    role('admin', ['create', 'update', 'get', 'list', 'delete'], ['admin']);
  }
}
