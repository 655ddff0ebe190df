import { Construct } from 'constructs';
import { EnvironmentConfig, environmentTektonConfigInput, trainOf } from '../config';
import { PacGitHubAppSecret } from '../constructs/pac-github-app-secret';
import { TektonConfig } from '../constructs/tekton-config';
import { ComponentChart } from './component-chart';

export interface TektonConfigChartProps {
  readonly target: string;
  /** The environment (its train decides which fields the TektonConfig has). */
  readonly environment: EnvironmentConfig;
}

/** Component `tekton-config`: the TektonConfig the operator reconciles (and PaC's GitHub App Secret); synced after `operator`. */
export class TektonConfigChart extends ComponentChart {
  public static readonly COMPONENT = 'tekton-config';
  public readonly tektonConfig: TektonConfig;
  /** Present with `githubApp` while Pipelines-as-Code is on. */
  public readonly githubAppSecret?: PacGitHubAppSecret;

  constructor(scope: Construct, id: string, props: TektonConfigChartProps) {
    super(scope, id, { target: props.target, component: TektonConfigChart.COMPONENT });
    const env = props.environment;
    this.tektonConfig = new TektonConfig(this, 'TektonConfig', { train: trainOf(env.train).name, ...environmentTektonConfigInput(env) });
    const app = env.githubApp;
    if (app && env.tektonConfig.pipelinesAsCode.enable) {
      this.githubAppSecret = new PacGitHubAppSecret(this, 'GitHubAppSecret', { namespace: this.tektonConfig.targetNamespace, ...app.externalSecret });
    }
  }
}
