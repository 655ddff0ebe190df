import { Construct } from 'constructs';
import { TektonResultsConfig, isUnresolvedImage } from '../config';
import { TektonResults } from '../constructs/tekton-results';
import { addWarning } from '../lib/warnings';
import { ReleaseTrain, RESULTS_RELEASES } from '../trains';
import { ComponentChart } from './component-chart';

export interface TektonResultsChartProps {
  readonly target: string;
  readonly results: TektonResultsConfig;
  /** The environment's train: the Results release and the Kubernetes range. */
  readonly train: ReleaseTrain;
}

/** Component `tekton-results`: the Results API server and watcher; synced after `tekton-config` (it needs the Tekton CRDs). */
export class TektonResultsChart extends ComponentChart {
  public static readonly COMPONENT = 'tekton-results';
  public readonly results: TektonResults;

  constructor(scope: Construct, id: string, props: TektonResultsChartProps) {
    super(scope, id, { target: props.target, component: TektonResultsChart.COMPONENT });
    const r = props.results;
    const release = RESULTS_RELEASES[r.version ?? props.train.results.versions[0]];
    const unresolved = [r.images?.api, r.images?.watcher].filter((i): i is string => i !== undefined && isUnresolvedImage(i));
    if (unresolved.length > 0) {
      addWarning(
        this,
        `Tekton Results ${release.version} runs 0 replicas: no source pins the digest of ${unresolved.map((i) => i.split('@')[0]).join(', ')}; ` +
          `set tektonResults.images (skopeo inspect docker://<image> --format '{{.Digest}}')`,
      );
    }
    this.results = new TektonResults(this, 'TektonResults', { ...r, release, kubernetesMin: props.train.kubernetes.min, stopped: unresolved.length > 0 });
  }
}
