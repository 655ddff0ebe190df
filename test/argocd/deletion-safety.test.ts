import { Testing } from 'cdk8s';
import { ApiBinding } from '../../src/constructs/api-binding';
import { TektonConfig } from '../../src/constructs/tekton-config';
import { only, testChart } from '../helpers';
import { buildArgoCd } from './build';

const options = (o: any): string[] => String(o.metadata.annotations?.['argocd.argoproj.io/sync-options'] ?? '').split(',');

describe('deleting an Application keeps what would uninstall Tekton or lose users’ data', () => {
  test('TektonConfig: Delete=false next to Prune=false and SkipDryRunOnMissingResource=true, in one list', () => {
    const chart = testChart();
    new TektonConfig(chart, 'tc', { train: 'phase-1' });
    const tc = only(Testing.synth(chart), 'TektonConfig');
    expect(tc.metadata.annotations['argocd.argoproj.io/sync-options']).toBe('SkipDryRunOnMissingResource=true,Prune=false,Delete=false');
  });

  test('APIBinding: deleting it would make kcp delete every bound object in the workspace', () => {
    const chart = testChart();
    new ApiBinding(chart, 'b', { exportPath: 'root:org:compute', exportName: 'kubernetes', workspacePath: 'root:team' });
    expect(options(only(Testing.synth(chart), 'APIBinding'))).toEqual(['Prune=false', 'Delete=false']);
  });

  test('in an environment: the TektonConfig app’s object carries it, the operator Subscription does not (OLM keeps the operator)', () => {
    const { components } = buildArgoCd();
    const objects = components.flatMap((c) => c.objects) as any[];
    expect(options(only(objects, 'TektonConfig'))).toContain('Delete=false');
    expect(options(only(objects, 'Subscription'))).not.toContain('Delete=false');
  });
});
