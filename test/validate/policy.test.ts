import { RULES, checkPolicy } from '../../src/validate';
import { imageTag } from '../../src/validate/rules/image-no-latest-tag';
import { load } from './fixture-helpers';

const rule = (id: string) => RULES.find((r) => r.id === id)!;
const deployment = () => JSON.parse(JSON.stringify(load('good/deployment.yaml')[0].object));

describe('pod rules', () => {
  test('find containers in every workload kind, init containers included', () => {
    const d = deployment();
    const pod = d.spec.template.spec;
    pod.initContainers = [{ ...pod.containers[0], name: 'init', image: 'busybox' }];
    const cronJob = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: { spec: { template: { spec: pod } } } } };
    expect(rule('image-pinned-by-digest').check(cronJob).map((v) => v.path)).toEqual(['spec.jobTemplate.spec.template.spec.initContainers[0].image']);
    const bare = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: pod };
    expect(rule('image-pinned-by-digest').check(bare).map((v) => v.path)).toEqual(['spec.initContainers[0].image']);
  });

  test('probes are required on long-running controllers only, and not on init containers', () => {
    const d = deployment();
    const pod = d.spec.template.spec;
    delete pod.containers[0].livenessProbe;
    pod.initContainers = [{ name: 'init', image: pod.containers[0].image }];
    expect(rule('pod-probes').check(d).map((v) => v.path)).toEqual(['spec.template.spec.containers[0].livenessProbe']);
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: pod } } };
    expect(rule('pod-probes').check(job)).toEqual([]);
  });

  test('container-level security settings override the pod-level ones', () => {
    const d = deployment();
    d.spec.template.spec.containers[0].securityContext.runAsNonRoot = false;
    expect(rule('pod-run-as-non-root').check(d)).toHaveLength(1);
    const e = deployment();
    delete e.spec.template.spec.securityContext;
    e.spec.template.spec.containers[0].securityContext.runAsNonRoot = true;
    e.spec.template.spec.containers[0].securityContext.seccompProfile = { type: 'RuntimeDefault' };
    expect(rule('pod-run-as-non-root').check(e)).toEqual([]);
    expect(rule('pod-seccomp-runtime-default').check(e)).toEqual([]);
  });

  test('added capabilities other than NET_BIND_SERVICE, hostPath volumes and privileged mode are reported', () => {
    const d = deployment();
    const c = d.spec.template.spec.containers[0];
    c.securityContext.capabilities.add = ['NET_BIND_SERVICE', 'SYS_ADMIN'];
    c.securityContext.privileged = true;
    d.spec.template.spec.volumes = [{ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }];
    expect(rule('pod-drop-all-capabilities').check(d).map((v) => v.path)).toEqual(['spec.template.spec.containers[0].securityContext.capabilities.add[1]']);
    expect(rule('pod-no-privilege-escalation').check(d).map((v) => v.path)).toEqual(['spec.template.spec.containers[0].securityContext.privileged']);
    expect(rule('pod-no-host-access').check(d).map((v) => v.path)).toEqual(['spec.template.spec.volumes[0].hostPath']);
  });

  test('image tags: a registry port is not a tag; no tag and no digest means latest', () => {
    expect(imageTag('registry:5000/team/img')).toBeUndefined();
    expect(imageTag('registry:5000/team/img:v1@sha256:abc')).toBe('v1');
    const d = deployment();
    d.spec.template.spec.containers[0].image = 'registry:5000/team/img';
    expect(rule('image-no-latest-tag').check(d)[0].message).toMatch(/^has no tag or digest, which means latest/);
  });
});

describe('no-inline-credentials', () => {
  const r = rule('no-inline-credentials');

  test('any Secret data key is reported; a service-account-token Secret without data is fine', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { 'ca.crt': 'LS0t' } };
    expect(r.check(secret).map((v) => v.path)).toEqual(['data["ca.crt"]']);
    expect(r.check(load('good/secret-reference.yaml')[0].object)).toEqual([]);
  });

  test('credentials are found in any field of any kind', () => {
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data: { 'tls.key': '-----BEGIN RSA PRIVATE KEY-----\nMIIE...', cluster: '{"bearerToken":"abc"}', note: 'nothing here' },
    };
    expect(r.check(cm).map((v) => [v.path, v.message])).toEqual([
      ['data["tls.key"]', 'holds a private key: reference a Secret instead (existing Secret name or ExternalSecret)'],
      ['data.cluster', 'holds a bearer token: reference a Secret instead (existing Secret name or ExternalSecret)'],
    ]);
    const kubeconfig = 'apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user:\n    client-key-data: LS0t\n';
    expect(r.check({ ...cm, data: { kubeconfig, script: 'echo token: $TOKEN' } }).map((v) => v.path)).toEqual(['data.kubeconfig']);
    const app = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'a' }, spec: { source: { helm: { parameters: [{ name: 'x', password: 'hunter2' }] } } } };
    expect(r.check(app).map((v) => v.path)).toEqual(['spec.source.helm.parameters[0].password']);
  });
});

describe('no-inline-credentials on secret references', () => {
  const r = rule('no-inline-credentials');
  const externalSecret = () => JSON.parse(JSON.stringify(load('good/external-secret.yaml')[0].object));

  test('ExternalSecret secretKey names a key of the target Secret, even when it is called "token" or "password"', () => {
    const es = externalSecret();
    expect(es.spec.data.map((d: { secretKey: string }) => d.secretKey)).toEqual(['token', 'password']);
    expect(r.check(es)).toEqual([]);
    const ces = { apiVersion: 'external-secrets.io/v1beta1', kind: 'ClusterExternalSecret', metadata: { name: 'c' }, spec: { externalSecretSpec: { data: es.spec.data } } };
    expect(r.check(ces)).toEqual([]);
  });

  test('a credential elsewhere in an ExternalSecret still fails, and so does credential content in secretKey', () => {
    const es = externalSecret();
    es.spec.target.template = { data: { password: 'hunter2' } };
    es.spec.data[0].remoteRef.token = 'abc';
    es.spec.data[1].secretKey = '-----BEGIN PRIVATE KEY-----\nMIIE...';
    expect(r.check(es).map((v) => v.path)).toEqual(['spec.target.template.data.password', 'spec.data[0].remoteRef.token', 'spec.data[1].secretKey']);
  });

  test('the same field on another kind is still a credential', () => {
    const other = { apiVersion: 'example.com/v1', kind: 'ExternalSecret', metadata: { name: 'x' }, spec: { data: [{ secretKey: 's3cr3t' }] } };
    expect(r.check(other).map((v) => v.path)).toEqual(['spec.data[0].secretKey']);
  });

  test("SealedSecret encryptedData is ciphertext and passes; its plain template does not", () => {
    const sealed = {
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata: { name: 'db', namespace: 'ns' },
      spec: { encryptedData: { password: 'AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq', token: 'AgCtr8Hk1q2w3e4r5t6y' }, template: { metadata: { name: 'db' } } },
    };
    expect(r.check(sealed)).toEqual([]);
    const leaky = { ...sealed, spec: { ...sealed.spec, template: { data: { password: 'hunter2' } } } };
    expect(r.check(leaky).map((v) => v.path)).toEqual(['spec.template.data.password']);
  });
});

describe('rbac rules', () => {
  test('wildcards in apiGroups and resources are reported too', () => {
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r' }, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['get'] }] };
    expect(rule('rbac-no-wildcards').check(role).map((v) => v.path)).toEqual(['rules[0].apiGroups', 'rules[0].resources']);
  });

  test('binding the system:masters group is reported', () => {
    const b = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'b' },
      roleRef: { kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'Group', name: 'system:masters' }],
    };
    expect(rule('rbac-no-cluster-admin').check(b).map((v) => v.path)).toEqual(['subjects[0].name']);
  });
});

test('standard-labels checks the values of part-of and managed-by', () => {
  const d = deployment();
  d.metadata.labels['app.kubernetes.io/managed-by'] = 'helm';
  expect(rule('standard-labels').check(d)).toEqual([
    { path: 'metadata.labels["app.kubernetes.io/managed-by"]', message: 'must be "pipeline-service-manifests", got "helm"' },
  ]);
});

test('checkPolicy runs every rule over every object, naming the rule', () => {
  const objects = load('policy/pod-probes.yaml', 'policy/rbac-no-wildcards.yaml');
  expect(checkPolicy(objects, []).findings.map((f) => f.rule)).toEqual(['pod-probes', 'rbac-no-wildcards']);
});
