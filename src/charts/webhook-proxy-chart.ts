import { Construct } from 'constructs';
import { ClusterConfig, WebhookProxyConfig, isUnresolvedImage, webhookProxyBackends, webhookProxyTarget } from '../config';
import { WebhookProxy } from '../constructs/webhook-proxy';
import { addWarning } from '../lib/warnings';
import { ComponentChart } from './component-chart';

export interface WebhookProxyChartProps {
  readonly proxy: WebhookProxyConfig;
  /** Every member cluster: each one's PaC route is a backend. */
  readonly clusters: readonly ClusterConfig[];
}

/**
 * Component `webhook-proxy` of the cluster the proxy runs on: SprayProxy with one backend per
 * member cluster. Terminal: its Application syncs after every other wave of the environment, so
 * after each member's TektonConfig (which runs PaC) has synced. While its image digest is the
 * unresolved placeholder it runs 0 replicas and synth warns.
 */
export class WebhookProxyChart extends ComponentChart {
  public static readonly COMPONENT = 'webhook-proxy';
  public readonly proxy: WebhookProxy;

  constructor(scope: Construct, id: string, props: WebhookProxyChartProps) {
    const p = props.proxy;
    super(scope, id, { target: webhookProxyTarget(p), component: WebhookProxyChart.COMPONENT, terminal: true });
    const stopped = isUnresolvedImage(p.image);
    if (stopped) {
      addWarning(
        this,
        `webhookProxy.image: SprayProxy runs 0 replicas: upstream publishes ${p.image.split('@')[0]} by tag only and no digest could be pinned offline; ` +
          `set webhookProxy.image to it by digest (skopeo inspect docker://<image> --format '{{.Digest}}')`,
      );
    }
    this.proxy = new WebhookProxy(this, 'WebhookProxy', {
      namespace: p.namespace,
      image: p.image,
      host: p.host,
      backends: webhookProxyBackends(props.clusters),
      webhookSecret: p.webhookSecret,
      maxRequestBytes: p.maxRequestBytes,
      forwardTimeout: p.forwardTimeout,
      replicas: stopped ? 0 : p.replicas,
      resources: p.resources,
      networkPolicy: p.networkPolicy,
    });
  }
}
