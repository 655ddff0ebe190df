import { EnvironmentApp } from '../../src/charts/environment-app';
import { join } from 'node:path';
import { designWarnings, environmentNames, loadEnvironmentByName, trainOf } from '../../src/config';
import { synthesize } from '../../src/synth/manifests';
import { validateSchemas } from '../../src/validate';
import { registry } from '../validate/fixture-helpers';

// Environments without kcp are the successor design (ADR-0009, train current).
const DIR = join(__dirname, '../../environments');
const successors = environmentNames(DIR)
  .map((name) => [name, loadEnvironmentByName(name, DIR)] as const)
  .filter(([, config]) => config.kcp === undefined);

test('the successor environment ships, on train current, without kcp', () => {
  expect(successors.map(([name]) => name)).toContain('successor');
  expect(successors.find(([name]) => name === 'successor')![1].train).toBe('current');
});

describe.each(successors)('shipped environment %s: the successor design (ADR-0009)', (_name, config) => {
  const result = synthesize(new EnvironmentApp(config));
  const all = result.components.flatMap((c) => c.objects.map((o) => ({ target: c.target, component: c.component, o: o as any })));
  const tektonConfigs = all.filter((x) => x.o.kind === 'TektonConfig');

  test('member clusters (and the webhook proxy\'s host) only: no kcp workspace target, no syncer, no gateway', () => {
    const members = config.clusters.map((c) => c.name);
    const hosts = config.webhookProxy?.hostCluster ? [config.webhookProxy.hostCluster.name] : [];
    expect(new Set(result.components.map((c) => c.target))).toEqual(new Set([...members, ...hosts]));
    expect(all.filter((x) => /kcp\.io/.test(x.o.apiVersion))).toEqual([]);
    expect(new Set(result.components.filter((c) => members.includes(c.target)).map((c) => c.component))).toEqual(new Set(['operator', 'tekton-config']));
  });

  test('every TektonConfig validates against the OSP 1.23 structural CRD and the v0.80 rules', () => {
    expect(tektonConfigs.length).toBe(config.clusters.length);
    for (const { o } of tektonConfigs) {
      expect(validateSchemas([{ file: 'tektonconfig.yaml', object: o }], registry)).toEqual([]);
      expect(trainOf('current').tektonConfig.problems(o.spec)).toEqual([]);
    }
  });

  test('the specifics of the record, field by field', () => {
    expect(tektonConfigs.length).toBeGreaterThan(0);
    for (const { o } of tektonConfigs) {
      const spec = o.spec;
      expect(spec.trigger).toEqual({ disabled: true });
      expect(spec.profile).toBe('lite');
      expect(spec.pruner).toEqual({ disabled: true });
      // Results by the operator, database and TLS from referenced Secrets, retention pruning.
      expect(spec.result).toMatchObject({ disabled: false, is_external_db: true, db_secret_name: config.tektonResults!.database.secretName, db_sslmode: 'verify-full' });
      expect(spec.result.options.configMaps['tekton-results-config-results-retention-policy'].data.defaultRetention).toBe(String(config.tektonResults!.retention!.days));
      // ... and the watcher deletes stored runs from the cluster (ADR-0009: Results prunes off cluster).
      expect(spec.result.options.deployments['tekton-results-watcher'].spec.template.spec.containers).toEqual([
        { name: 'watcher', args: [`-completed_run_grace_period=${config.tektonResults!.watcher.completedRunGracePeriod}`] },
      ]);
      const pac = spec.platforms.openshift.pipelinesAsCode;
      expect(pac.enable).toBe(true);
      expect(pac.settings['application-name']).toBe(config.githubApp!.name);
      for (const key of trainOf('current').design.pacSettings) expect(pac.settings[key]).toMatch(/\S/);
      for (const key of ['custom-console-url-pr-details', 'custom-console-url-pr-tasklog']) expect(pac.settings[key]).toMatch(/^https:\/\/.*\{\{ pr \}\}/);
    }
    expect(designWarnings(config)).toEqual([]);
  });

  test('the GitHub App Secret is an ExternalSecret on every cluster, in the operator\'s target namespace, holding no value', () => {
    const secrets = all.filter((x) => x.o.kind === 'ExternalSecret' && x.o.metadata.name === 'pipelines-as-code-secret');
    expect(secrets.map((x) => x.target).sort()).toEqual(config.clusters.map((c) => c.name).sort());
    for (const { o, component } of secrets) {
      expect(component).toBe('tekton-config');
      expect(o.metadata).toMatchObject({ name: 'pipelines-as-code-secret', namespace: config.tektonConfig.targetNamespace });
      expect(o.spec.secretStoreRef).toEqual(config.githubApp!.externalSecret.storeRef);
      expect(o.spec.data.map((d: any) => d.secretKey)).toEqual(['github-application-id', 'github-private-key', 'webhook.secret']);
      expect(validateSchemas([{ file: 'es.yaml', object: o }], registry)).toEqual([]);
    }
    expect(all.filter((x) => x.o.kind === 'Secret')).toEqual([]);
  });

  test('the operator from the train\'s channel', () => {
    const subs = all.filter((x) => x.o.kind === 'Subscription');
    expect(subs.length).toBe(config.clusters.length);
    for (const { o } of subs) expect(o.spec.channel).toBe(trainOf('current').channels[0]);
  });
});
