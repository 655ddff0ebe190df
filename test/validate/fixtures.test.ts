import { RULES, formatFinding } from '../../src/validate';
import { check, fixtureNames, load } from './fixture-helpers';

describe('good fixtures', () => {
  test.each(fixtureNames('good'))('%s passes schema, policy and duplicate checks', (name) => {
    expect(check(load(name)).map(formatFinding)).toEqual([]);
  });
});

/** Each broken fixture: the one finding it must produce. */
const SCHEMA_CASES: Record<string, { object: string; path: string; message: RegExp }> = {
  'schema/unknown-field.yaml': { object: 'Subscription openshift-operators/openshift-pipelines-operator', path: 'spec.config.env[0].valu', message: /^unknown field$/ },
  'schema/missing-required.yaml': { object: 'Subscription openshift-operators/openshift-pipelines-operator', path: 'spec.source', message: /^is required$/ },
  'schema/wrong-type.yaml': { object: 'ClusterRole reader', path: 'rules[0].verbs', message: /^must be array$/ },
  'schema/bad-enum.yaml': { object: 'OperatorGroup pipeline-service/pipelines', path: 'spec.upgradeStrategy', message: /^must be one of "Default", "TechPreviewUnsafeFailForward"$/ },
  'schema/bad-enum-builtin.yaml': { object: 'Service pipeline-service/controller', path: 'spec.type', message: /^must be one of .*"ClusterIP"/ },
  'schema/unknown-kind.yaml': { object: 'Widget w', path: 'kind', message: /^unknown kind Widget in example\.com\/v1/ },
  'schema/unserved-version.yaml': { object: 'TektonConfig config', path: 'kind', message: /^unknown kind TektonConfig in operator\.tekton\.dev\/v1:/ },
  'schema/crd-metadata-wrong-type.yaml': { object: 'OperatorGroup pipeline-service/pipelines', path: 'metadata.annotations.replicas', message: /^must be string$/ },
  'schema/crd-metadata-unknown-field.yaml': { object: 'SyncTarget cluster-a', path: 'metadata.lables', message: /^unknown field$/ },
  'schema/crd-metadata-name.yaml': { object: 'Workspace Compute_Workspace', path: 'metadata.name', message: /^must match pattern / },
  'schema/missing-name.yaml': { object: 'ConfigMap (no name)', path: 'metadata.name', message: /^is required$/ },
};

describe('schema fixtures', () => {
  test('every schema fixture has an expectation', () => {
    expect(fixtureNames('schema')).toEqual(Object.keys(SCHEMA_CASES).sort());
  });

  test.each(Object.entries(SCHEMA_CASES))('%s fails with one finding naming file, object and field', (name, want) => {
    const findings = check(load(name));
    expect(findings).toEqual([{ check: 'schema', file: `test/fixtures/${name}`, object: want.object, path: want.path, message: expect.stringMatching(want.message) }]);
    expect(formatFinding(findings[0])).toMatch(new RegExp(`^test/fixtures/${name}: ${want.object.replace(/[()]/g, '\\$&')}: ${want.path.replace(/[[\]().]/g, '\\$&')}: `));
  });
});

/** Per rule: the fixture breaking it and the field it must name. */
const POLICY_CASES: Record<string, { path: string; pass: string }> = {
  'pod-run-as-non-root': { path: 'spec.template.spec.containers[0].securityContext.runAsNonRoot', pass: 'good/deployment.yaml' },
  'pod-no-privilege-escalation': { path: 'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation', pass: 'good/deployment.yaml' },
  'pod-drop-all-capabilities': { path: 'spec.template.spec.containers[0].securityContext.capabilities.drop', pass: 'good/deployment.yaml' },
  'pod-seccomp-runtime-default': { path: 'spec.template.spec.containers[0].securityContext.seccompProfile.type', pass: 'good/deployment.yaml' },
  'pod-no-host-access': { path: 'spec.template.spec.hostNetwork', pass: 'good/deployment.yaml' },
  'pod-resources': { path: 'spec.template.spec.containers[0].resources.limits.memory', pass: 'good/deployment.yaml' },
  'image-pinned-by-digest': { path: 'spec.template.spec.containers[0].image', pass: 'good/deployment.yaml' },
  'image-no-latest-tag': { path: 'spec.template.spec.containers[0].image', pass: 'good/deployment.yaml' },
  'pod-probes': { path: 'spec.template.spec.containers[0].readinessProbe', pass: 'good/deployment.yaml' },
  'no-inline-credentials': { path: 'stringData.kubeconfig', pass: 'good/secret-reference.yaml' },
  'rbac-no-wildcards': { path: 'rules[0].verbs', pass: 'good/clusterrole.yaml' },
  'rbac-no-cluster-admin': { path: 'roleRef.name', pass: 'good/clusterrolebinding.yaml' },
  'standard-labels': { path: 'metadata.labels["app.kubernetes.io/part-of"]', pass: 'good/deployment.yaml' },
};

describe('policy rules', () => {
  test('every rule has a failing fixture and a passing one, and every fixture a rule', () => {
    const ids = RULES.map((r) => r.id).sort();
    expect(Object.keys(POLICY_CASES).sort()).toEqual(ids);
    expect(fixtureNames('policy')).toEqual(ids.map((id) => `policy/${id}.yaml`));
  });

  test.each(RULES.map((r) => [r.id, r] as const))('%s: id, description and why are set', (id, rule) => {
    expect(id).toMatch(/^[a-z]+(-[a-z]+)+$/);
    expect(rule.description.length).toBeGreaterThan(20);
    expect(rule.why.length).toBeGreaterThan(20);
  });

  test.each(Object.entries(POLICY_CASES))('%s fires on its fixture, naming the field', (id, want) => {
    const name = `policy/${id}.yaml`;
    const findings = check(load(name));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ check: 'policy', rule: id, file: `test/fixtures/${name}`, path: want.path });
    expect(formatFinding(findings[0])).toContain(`${want.path}: `);
    expect(formatFinding(findings[0])).toMatch(new RegExp(`\\[${id}\\]$`));
  });

  test.each(Object.entries(POLICY_CASES))('%s passes on a compliant object', (id, want) => {
    const rule = RULES.find((r) => r.id === id)!;
    const [obj] = load(want.pass);
    expect(rule.check(obj.object)).toEqual([]);
  });
});

describe('credentials fixture', () => {
  test('a password in a URL is a credential in any field; a user alone, or a password left to a variable, is not', () => {
    const name = 'credentials/url-password.yaml';
    const findings = check(load(name));
    expect(findings).toEqual([
      {
        check: 'policy',
        rule: 'no-inline-credentials',
        file: `test/fixtures/${name}`,
        object: 'ConfigMap pipeline-service/results-db',
        path: 'data.DB_URL',
        message: 'holds a password in a URL (scheme://user:password@): reference a Secret instead (existing Secret name or ExternalSecret)',
      },
    ]);
  });
});

describe('duplicates fixture', () => {
  test('two files of one ConfigMap in one destination: the second is named, with the first', () => {
    const findings = check(load('duplicates/a.yaml', 'duplicates/b.yaml'));
    expect(findings).toEqual([
      {
        check: 'duplicate',
        file: 'test/fixtures/duplicates/b.yaml',
        object: 'ConfigMap pipeline-service/settings',
        path: 'metadata.name',
        message: 'same core ConfigMap, namespace and name as test/fixtures/duplicates/a.yaml, both deployed to cluster-a',
      },
    ]);
  });
});
