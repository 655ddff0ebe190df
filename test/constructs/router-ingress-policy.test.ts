import { Testing } from 'cdk8s';
import { RouterIngressPolicy } from '../../src/constructs/router-ingress-policy';
import { only, testChart } from '../helpers';

describe('RouterIngressPolicy', () => {
  test('each port once, TCP; the pods by their labels; the router by namespace label and any pod (host network too)', () => {
    const chart = testChart();
    new RouterIngressPolicy(chart, 'p', { name: 'web-from-router', namespace: 'web', podSelector: { app: 'web' }, ports: [8080, 8443] });
    const policy = only(Testing.synth(chart), 'NetworkPolicy');
    expect(policy.metadata).toMatchObject({ name: 'web-from-router', namespace: 'web' });
    expect(policy.spec).toEqual({
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ namespaceSelector: { matchLabels: { 'policy-group.network.openshift.io/ingress': '' } }, podSelector: {} }],
          ports: [
            { protocol: 'TCP', port: 8080 },
            { protocol: 'TCP', port: 8443 },
          ],
        },
      ],
    });
  });

  test('an empty port list is refused: a rule without ports admits every port', () => {
    expect(() => new RouterIngressPolicy(testChart(), 'p', { name: 'x', namespace: 'web', podSelector: { app: 'web' }, ports: [] })).toThrow('NetworkPolicy "x": needs at least one port (a rule without ports admits every port)');
  });
});
