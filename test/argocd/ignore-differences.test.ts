import { join } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_IGNORE_CONTEXT, IGNORE_RULES, glbcIngressPaths, ignoreDifferencesFor, unsetFieldPaths } from '../../src/argocd/ignore-differences';
import { ROOT, readTree } from '../cli/cli-helpers';
import { only } from '../helpers';
import { buildArgoCd } from './build';
import { jqDelete, jqPathsEach } from './engines/engines';

const ruleFor = (kind: string) => IGNORE_RULES.find((r) => r.kind === kind)!;
/** Every path the expressions select (what Argo CD's del() removes), as sorted JSON. */
const selected = (exprs: readonly string[], obj: unknown) => [...new Set(jqPathsEach(exprs, obj).flatMap((ps) => ps.map((p) => JSON.stringify(p))))].sort();
const paths = (...ps: (string | number)[][]) => ps.map((p) => JSON.stringify(p)).sort();

/** A TektonConfig as git sets it (own fixture: the shape of the shipped one). */
const DESIRED_TEKTON_CONFIG = {
  apiVersion: 'operator.tekton.dev/v1alpha1',
  kind: 'TektonConfig',
  metadata: { name: 'config' },
  spec: {
    profile: 'all',
    targetNamespace: 'openshift-pipelines',
    pipeline: { 'default-service-account': 'appstudio-pipeline', 'enable-tekton-oci-bundles': true },
    pruner: { resources: ['taskrun'], keep: 10, schedule: '0 * * * *' },
    platforms: { openshift: { pipelinesAsCode: { enable: true } } },
    params: [{ name: 'createRbacResource', value: 'false' }],
  },
};

/**
 * What tektoncd/operator@v0.65.1 writes back: SetDefaults (pkg/apis/operator/v1alpha1/tektonconfig_defaults.go:
 * pipeline and trigger defaults, addon params, PaC settings) and the OpenShift extension's
 * setDefault (pkg/reconciler/openshift/tektonconfig/rbac.go: appends createRbacResource=true when
 * no param has exactly that name), plus the release-version label (markUpgrade).
 */
function operatorWritesBack(desired: any): { live: any; added: string[] } {
  const live = structuredClone(desired);
  live.metadata.labels = { 'operator.tekton.dev/release-version': 'v0.65.1' };
  live.metadata.generation = 2;
  live.spec.pipeline['enable-api-fields'] = 'stable';
  live.spec.pipeline['await-sidecar-readiness'] = true;
  live.spec.trigger = { 'enable-api-fields': 'stable' };
  live.spec.addon = { params: [{ name: 'clusterTasks', value: 'true' }, { name: 'pipelineTemplates', value: 'true' }] };
  live.spec.platforms.openshift.pipelinesAsCode.settings = { 'application-name': 'Pipelines as Code CI' };
  live.status = { version: 'v0.65.1', conditions: [{ type: 'Ready', status: 'True' }] };
  return {
    live,
    added: paths(
      ['spec', 'pipeline', 'enable-api-fields'],
      ['spec', 'pipeline', 'await-sidecar-readiness'],
      ['spec', 'trigger'],
      ['spec', 'addon'],
      ['spec', 'platforms', 'openshift', 'pipelinesAsCode', 'settings'],
    ),
  };
}

describe('ignore rules, evaluated by gojq as Argo CD does', () => {
  test('each rule says why', () => {
    expect(IGNORE_RULES.length).toBeGreaterThan(0);
    for (const r of IGNORE_RULES) expect(r.reason.length).toBeGreaterThan(40);
  });

  test('no rule for kinds nobody writes back', () => {
    expect(ignoreDifferencesFor([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'y' } }], 'workload-cluster')).toEqual([]);
  });

  test('TektonConfig: exactly the fields the operator adds are selected, every field git sets stays compared', () => {
    const exprs = unsetFieldPaths(DESIRED_TEKTON_CONFIG, ['spec']);
    const { live, added } = operatorWritesBack(DESIRED_TEKTON_CONFIG);
    expect(selected(exprs, live)).toEqual(added);
    expect(selected(exprs, DESIRED_TEKTON_CONFIG)).toEqual([]);
    expect(jqDelete(live, exprs)).toMatchObject(jqDelete(DESIRED_TEKTON_CONFIG, exprs) as object);
    const drifted = structuredClone(live);
    drifted.spec.pipeline['enable-tekton-oci-bundles'] = false;
    drifted.spec.params[0].value = 'true';
    expect(selected(exprs, drifted)).toEqual(added);
  });

  test('TektonConfig params: names compare whole, not as substrings (createRbac is not createRbacResource)', () => {
    const exprs = unsetFieldPaths(DESIRED_TEKTON_CONFIG, ['spec']);
    const live = structuredClone(DESIRED_TEKTON_CONFIG) as any;
    live.spec.params.push({ name: 'createRbac', value: 'true' }, { name: 'createRbacResourceX', value: 'true' }, { name: 'legacyPipelineRbac', value: 'true' });
    expect(selected(exprs, live)).toEqual(paths(['spec', 'params', 1], ['spec', 'params', 2], ['spec', 'params', 3]));
    // git sets none: the createRbacResource=true the operator appends is not ours.
    const none = { ...DESIRED_TEKTON_CONFIG, spec: { ...DESIRED_TEKTON_CONFIG.spec, params: [] } };
    const liveNone = { ...none, spec: { ...none.spec, params: [{ name: 'createRbacResource', value: 'true' }] } };
    expect(selected(unsetFieldPaths(none, ['spec']), liveNone)).toEqual(paths(['spec', 'params', 0]));
  });

  test('the TektonConfig app carries exactly these expressions and the release-version label pointer', () => {
    const { app, components } = buildArgoCd({ tektonConfig: { params: [{ name: 'createRbacResource', value: 'false' }] } });
    const desired = only(components.flatMap((c) => c.objects) as any[], 'TektonConfig');
    const rule = only(app('test-cluster-a-tekton-config').spec.ignoreDifferences, 'TektonConfig');
    expect(rule.jqPathExpressions).toEqual(unsetFieldPaths(desired, ['spec']));
    expect(rule.jsonPointers).toEqual(['/metadata/labels/operator.tekton.dev~1release-version']);
  });

  describe('Ingress on kcp (kcp-glbc)', () => {
    const OURS = 'pac.example.com';
    const GLBC = 'cbg0s1jf3v5g00ac2mcg.hcpapps.net';
    const desired = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'pac-gateway', namespace: 'pac-gateway', annotations: { 'argocd.argoproj.io/sync-wave': '0' } },
      spec: { rules: [{ host: OURS, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'pac-gateway', port: { number: 80 } } } }] } }] },
    };
    const annotations = (a: Record<string, string>) => ({ ...desired.metadata.annotations, 'kuadrant.dev/host.generated': GLBC, ...a });
    const tls = { hosts: [GLBC], secretName: 'hcg-tls-ingress-pac-gateway' };
    const exprs = (customHosts: boolean) => [...ruleFor('Ingress').jqPathExpressions!, ...glbcIngressPaths(desired, { glbcCustomHosts: customHosts })];

    test('default mode (host replaced): host, TLS and kuadrant.dev/* annotations only', () => {
      const live = structuredClone(desired) as any;
      live.metadata.annotations = annotations({ 'kuadrant.dev/custom-hosts.replaced': ` replaced custom hosts [${OURS}] to the glbc host` });
      live.spec.rules[0].host = GLBC;
      live.spec.tls = [tls];
      expect(selected(exprs(false), live)).toEqual(
        paths(['metadata', 'annotations', 'kuadrant.dev/host.generated'], ['metadata', 'annotations', 'kuadrant.dev/custom-hosts.replaced'], ['spec', 'rules', 0, 'host'], ['spec', 'tls']),
      );
      expect(jqDelete(live, exprs(false))).toEqual(jqDelete(desired, exprs(false)));
    });

    test('custom-hosts mode: the appended rule and TLS entry are ignored, our rule stays compared', () => {
      const live = structuredClone(desired) as any;
      live.metadata.annotations = annotations({});
      live.spec.rules.push({ ...structuredClone(desired.spec.rules[0]), host: GLBC });
      live.spec.tls = [tls];
      expect(selected(exprs(true), live)).toEqual(paths(['metadata', 'annotations', 'kuadrant.dev/host.generated'], ['spec', 'rules', 1], ['spec', 'tls']));
      expect(jqDelete(live, exprs(true))).toEqual(jqDelete(desired, exprs(true)));
      // A change to our rule is still drift.
      live.spec.rules[0].http.paths[0].backend.service.port.number = 8080;
      expect(jqDelete(live, exprs(true))).not.toEqual(jqDelete(desired, exprs(true)));
    });

    test('custom-hosts mode, host not verified yet: GLBC moves our rule to pendingCustomHosts, Argo CD shows the missing rule', () => {
      const live = structuredClone(desired) as any;
      live.metadata.annotations = annotations({ pendingCustomHosts: JSON.stringify({ rules: [desired.spec.rules[0]] }) });
      live.spec.rules = [{ ...structuredClone(desired.spec.rules[0]), host: GLBC }];
      expect(selected(exprs(true), live)).toEqual(paths(['metadata', 'annotations', 'kuadrant.dev/host.generated'], ['metadata', 'annotations', 'pendingCustomHosts'], ['spec', 'rules', 0], ['spec', 'tls']));
      expect(jqDelete(live, exprs(true))).not.toEqual(jqDelete(desired, exprs(true)));
    });

    test('custom-hosts mode with TLS in git: only the entry for the managed host is ignored', () => {
      const withTls = { ...desired, spec: { ...desired.spec, tls: [{ hosts: [OURS], secretName: 'pac-tls' }] } };
      const e = [...ruleFor('Ingress').jqPathExpressions!, ...glbcIngressPaths(withTls, { glbcCustomHosts: true })];
      const live = structuredClone(withTls) as any;
      live.spec.rules.push({ ...structuredClone(desired.spec.rules[0]), host: GLBC });
      live.spec.tls.push(tls);
      expect(selected(e, live)).toEqual(paths(['spec', 'rules', 1], ['spec', 'tls', 1]));
      expect(jqDelete(live, e)).toEqual(jqDelete(withTls, e));
    });

    test('the mode follows pacGateway.glbc.customHosts', () => {
      expect(ignoreDifferencesFor([desired], 'kcp-workspace', IGNORE_RULES, { glbcCustomHosts: true })[0].jqPathExpressions).toEqual(exprs(true));
      expect(ignoreDifferencesFor([desired], 'kcp-workspace', IGNORE_RULES, DEFAULT_IGNORE_CONTEXT)[0].jqPathExpressions).toEqual(exprs(false));
      expect(ignoreDifferencesFor([desired], 'workload-cluster')).toEqual([]);
    });
  });

  test('every jqPathExpressions entry of every committed Application runs under gojq on a live-like object of its kind', () => {
    const live: Record<string, unknown> = {
      TektonConfig: operatorWritesBack(DESIRED_TEKTON_CONFIG).live,
      Ingress: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'x', annotations: { 'kuadrant.dev/host.generated': 'g.example' } }, spec: { rules: [{ host: 'g.example' }], tls: [{ hosts: ['g.example'] }] } },
      ServiceAccount: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'x' }, imagePullSecrets: [{ name: 'x-dockercfg-7x2kd' }], secrets: [{ name: 'x-dockercfg-7x2kd' }] },
    };
    const byKind = new Map<string, Set<string>>();
    for (const [file, text] of Object.entries(readTree(join(ROOT, 'argocd')))) {
      const o = parse(text);
      if (o?.kind !== 'Application') continue;
      for (const d of o.spec.ignoreDifferences ?? []) {
        expect({ file, kind: d.kind, known: d.kind in live }).toEqual({ file, kind: d.kind, known: true });
        for (const e of d.jqPathExpressions ?? []) byKind.set(d.kind, new Set([...(byKind.get(d.kind) ?? []), e]));
      }
    }
    expect(byKind.size).toBeGreaterThan(0);
    for (const [kind, exprs] of byKind) {
      const result = jqPathsEach([...exprs], live[kind]);
      expect(result).toHaveLength(exprs.size);
      // The operator's additions to a TektonConfig are selected by some expression.
      if (kind === 'TektonConfig') expect(result.flat().length).toBeGreaterThan(0);
    }
  });
});
