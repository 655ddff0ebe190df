import { ApiObject, Testing } from 'cdk8s';
import { Controller, ControllerProps } from '../../src/constructs/controller';
import { ofKind, only, testChart } from '../helpers';

const IMAGE = `quay.io/example/controller@sha256:${'a'.repeat(64)}`;
const base: ControllerProps = {
  name: 'my-controller',
  namespace: 'my-ns',
  image: IMAGE,
  ports: [
    { name: 'http', containerPort: 8080 },
    { name: 'metrics', containerPort: 9090, expose: false },
  ],
  probes: { liveness: { port: 'http', path: '/healthz' }, readiness: { port: 'http', path: '/readyz' } },
};

function synth(props: Partial<ControllerProps> = {}) {
  const chart = testChart();
  const controller = new Controller(chart, 'c', { ...base, ...props });
  return { controller, manifests: Testing.synth(chart) };
}

describe('Controller', () => {
  test('restricted security context on pod and container', () => {
    const dep = only(synth().manifests, 'Deployment');
    expect(dep.spec.template.spec.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(dep.spec.template.spec.containers[0].securityContext).toEqual({
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('runAsUser: set on the pod when given (images whose USER is a name)', () => {
    const dep = only(synth({ runAsUser: 99 }).manifests, 'Deployment');
    expect(dep.spec.template.spec.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 99, seccompProfile: { type: 'RuntimeDefault' } });
    expect(() => synth({ runAsUser: 0 })).toThrow('controller "my-controller": runAsUser must be a positive UID, got 0');
  });

  test('serviceAccount false: no ServiceAccount, pods run as the namespace default without a token; rules refused', () => {
    const { manifests, controller } = synth({ serviceAccount: false });
    expect(manifests.filter((m) => m.kind === 'ServiceAccount')).toEqual([]);
    expect(controller.serviceAccount).toBeUndefined();
    const spec = only(manifests, 'Deployment').spec.template.spec;
    expect(spec.serviceAccountName).toBeUndefined();
    expect(spec.automountServiceAccountToken).toBe(false);
    expect(() => synth({ serviceAccount: false, namespaceRules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] })).toThrow(
      'controller "my-controller": RBAC rules need its own ServiceAccount; set serviceAccount to true or drop the rules',
    );
  });

  test('default requests and limits, replicas 1, /tmp writable', () => {
    const dep = only(synth().manifests, 'Deployment');
    const c = dep.spec.template.spec.containers[0];
    expect(c.resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    expect(dep.spec.replicas).toBe(1);
    expect(c.volumeMounts).toEqual([{ name: 'writable-0', mountPath: '/tmp' }]);
    expect(dep.spec.template.spec.volumes).toEqual([{ name: 'writable-0', emptyDir: {} }]);
  });

  test('probes: HTTP with a path, TCP without', () => {
    const dep = only(synth({ probes: { liveness: { port: 'http', path: '/healthz', scheme: 'HTTPS' }, readiness: { port: 8080 } } }).manifests, 'Deployment');
    const c = dep.spec.template.spec.containers[0];
    expect(c.livenessProbe).toEqual({ httpGet: { path: '/healthz', port: 'http', scheme: 'HTTPS' }, initialDelaySeconds: 5, periodSeconds: 10, failureThreshold: 3 });
    expect(c.readinessProbe).toEqual({ tcpSocket: { port: 8080 }, initialDelaySeconds: 5, periodSeconds: 10, failureThreshold: 3 });
  });

  test('the Service selects the pod template and publishes only exposed ports, by name', () => {
    const { manifests, controller } = synth();
    const svc = only(manifests, 'Service');
    const dep = only(manifests, 'Deployment');
    expect(svc.metadata).toMatchObject({ name: 'my-controller', namespace: 'my-ns' });
    expect(svc.spec.selector).toEqual(dep.spec.selector.matchLabels);
    expect(dep.spec.template.metadata.labels).toMatchObject(svc.spec.selector);
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' }]);
    expect(controller.serviceHost).toBe('my-controller.my-ns.svc.cluster.local');
  });

  test('no exposed port: no Service', () => {
    const { manifests, controller } = synth({ ports: [{ name: 'http', containerPort: 8080, expose: false }] });
    expect(manifests.filter((m) => m.kind === 'Service')).toEqual([]);
    expect(() => controller.serviceHost).toThrow('controller "my-controller" exposes no port, so it has no Service');
  });

  test('RBAC: ClusterRole and Role with bindings to its own ServiceAccount; token mounted', () => {
    const { manifests } = synth({
      clusterRules: [{ apiGroups: ['tekton.dev'], resources: ['taskruns'], verbs: ['get', 'list', 'watch'] }],
      namespaceRules: [{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'update'], resourceNames: ['x'] }],
      clusterRoleName: 'my-ns-my-controller',
    });
    expect(only(manifests, 'ClusterRole')).toMatchObject({ metadata: { name: 'my-ns-my-controller' }, rules: [{ apiGroups: ['tekton.dev'], resources: ['taskruns'], verbs: ['get', 'list', 'watch'] }] });
    expect(only(manifests, 'Role').rules).toEqual([{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'update'], resourceNames: ['x'] }]);
    const subject = { kind: 'ServiceAccount', name: 'my-controller', namespace: 'my-ns' };
    expect(only(manifests, 'ClusterRoleBinding')).toMatchObject({ roleRef: { kind: 'ClusterRole', name: 'my-ns-my-controller' }, subjects: [subject] });
    expect(only(manifests, 'RoleBinding')).toMatchObject({ metadata: { namespace: 'my-ns' }, roleRef: { kind: 'Role', name: 'my-controller' }, subjects: [subject] });
    expect(only(manifests, 'ServiceAccount').automountServiceAccountToken).toBe(true);
    expect(only(manifests, 'Deployment').spec.template.spec.automountServiceAccountToken).toBe(true);
  });

  test('no rules: no RBAC objects and no token in the pod', () => {
    const { manifests } = synth();
    for (const kind of ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding']) expect(manifests.filter((m) => m.kind === kind)).toEqual([]);
    expect(only(manifests, 'ServiceAccount').automountServiceAccountToken).toBe(false);
    expect(only(manifests, 'Deployment').spec.template.spec.automountServiceAccountToken).toBe(false);
  });

  test('config ConfigMap mounted read-only; Secrets mounted read-only, never created', () => {
    const { manifests } = synth({
      config: { data: { 'a.b': 'c' }, mountPath: '/etc/config' },
      secretMounts: [{ name: 'tls', secretName: 'my-tls', mountPath: '/etc/tls', items: [{ key: 'tls.crt', path: 'tls.crt' }] }],
    });
    expect(only(manifests, 'ConfigMap')).toMatchObject({ metadata: { name: 'my-controller-config', namespace: 'my-ns' }, data: { 'a.b': 'c' } });
    expect(manifests.filter((m) => m.kind === 'Secret')).toEqual([]);
    const pod = only(manifests, 'Deployment').spec.template.spec;
    expect(pod.containers[0].volumeMounts).toEqual(
      expect.arrayContaining([
        { name: 'config', mountPath: '/etc/config', readOnly: true },
        { name: 'tls', mountPath: '/etc/tls', readOnly: true },
      ]),
    );
    expect(pod.volumes).toEqual(expect.arrayContaining([{ name: 'tls', secret: { secretName: 'my-tls', items: [{ key: 'tls.crt', path: 'tls.crt' }] } }]));
  });

  test('names are exactly the given ones and the Deployment is the Resource child', () => {
    const { manifests, controller } = synth();
    const names = ofKind(manifests, 'Deployment').concat(ofKind(manifests, 'ServiceAccount')).map((m) => m.metadata.name);
    expect(names).toEqual(['my-controller', 'my-controller']);
    expect(ApiObject.of(controller)).toBe(controller.deployment);
  });

  test('fails on an image by tag', () => {
    expect(() => synth({ image: 'quay.io/example/controller:v1' })).toThrow(
      'controller "my-controller": image "quay.io/example/controller:v1" must be pinned by digest (<registry>/<repository>@sha256:<64 hex digits>)',
    );
  });

  test('fails on requests above limits', () => {
    expect(() => synth({ resources: { requests: { cpu: '2', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } } })).toThrow(
      'controller "my-controller": resources.requests.cpu: 2 exceeds limits.cpu 500m',
    );
  });

  test('fails on wildcard rules', () => {
    expect(() => synth({ clusterRules: [{ apiGroups: [''], resources: ['pods'], verbs: ['*'] }] })).toThrow('wildcards are not least privilege');
  });

  test('fails on a probe naming an unknown port', () => {
    expect(() => synth({ probes: { liveness: { port: 'health', path: '/' }, readiness: { port: 'http' } } })).toThrow(
      'controller "my-controller": probe port "health" is not one of its ports (http, metrics)',
    );
  });

  test('snapshot (for review)', () => {
    expect(synth({ clusterRules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }], config: { data: { k: 'v' } } }).manifests).toMatchSnapshot();
  });
});
