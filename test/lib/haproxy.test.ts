import { HaproxyConfig, haproxyConfigProblems, renderHaproxyConfig } from '../../src/lib/haproxy';
import { parseHaproxy } from './haproxy-parse';

const model: HaproxyConfig = {
  frontends: [
    {
      name: 'webhooks',
      port: 8080,
      acls: [
        { name: 'github-event', test: { kind: 'header-present', header: 'X-GitHub-Event' } },
        { name: 'pac-path', test: { kind: 'path-prefix', prefix: '/pac' } },
      ],
      routes: [{ backend: 'pac', whenAny: ['github-event', 'pac-path'] }],
      defaultBackend: 'not-found',
    },
    { name: 'health', port: 8081, monitorUri: '/healthz' },
  ],
  backends: [
    { name: 'pac', kind: 'servers', servers: [{ name: 'controller', host: 'pipelines-as-code-controller.openshift-pipelines.svc.cluster.local', port: 8080 }] },
    { name: 'not-found', kind: 'reply', status: 404 },
  ],
};

describe('haproxy configuration model', () => {
  test('renders every section; parsed back, each use_backend/default_backend names a backend and each route ACL exists', () => {
    const parsed = parseHaproxy(renderHaproxyConfig(model));
    expect(parsed.sections.map((s) => `${s.kind} ${s.name}`.trim())).toEqual([
      'global',
      'defaults',
      'resolvers cluster-dns',
      'frontend webhooks',
      'frontend health',
      'backend pac',
      'backend not-found',
    ]);
    const webhooks = parsed.frontends.get('webhooks')!;
    expect(webhooks.binds).toEqual([':8080']);
    expect(webhooks.useBackends).toEqual([{ backend: 'pac', acls: ['github-event', 'pac-path'], anyOf: [['github-event'], ['pac-path']] }]);
    expect(webhooks.defaultBackend).toBe('not-found');
    for (const [, f] of parsed.frontends) {
      for (const u of f.useBackends) {
        expect(parsed.backends).toContain(u.backend);
        expect(u.acls.length).toBeGreaterThan(0);
        for (const a of u.acls) expect(f.acls).toContain(a);
      }
      if (f.defaultBackend) expect(parsed.backends).toContain(f.defaultBackend);
    }
  });

  test('ACL criteria: header presence, and a path prefix matching the path and below it only', () => {
    const text = renderHaproxyConfig(model);
    expect(text).toContain('  acl github-event req.hdr_cnt(X-GitHub-Event) gt 0\n');
    expect(text).toContain('  acl pac-path path /pac\n  acl pac-path path_beg /pac/\n');
    expect(text).toContain('  server controller pipelines-as-code-controller.openshift-pipelines.svc.cluster.local:8080 resolvers cluster-dns init-addr last,libc,none\n');
    expect(text).toContain('backend not-found\n  http-request return status 404\n');
    expect(text).toContain('frontend health\n  bind :8081\n  monitor-uri /healthz\n');
  });

  test('deterministic: the same model renders the same bytes', () => {
    expect(renderHaproxyConfig(structuredClone(model))).toBe(renderHaproxyConfig(model));
  });

  test('routes to a missing backend or through a missing ACL are refused, each named', () => {
    const broken: HaproxyConfig = {
      ...model,
      frontends: [{ ...model.frontends[0], routes: [{ backend: 'nope', whenAny: ['github-event', 'gitlab-event'] }], defaultBackend: 'gone' }],
    };
    expect(haproxyConfigProblems(broken)).toEqual([
      'frontend "webhooks": route to backend "nope", which is not defined',
      'frontend "webhooks": route to "nope" uses acl "gitlab-event", which is not defined',
      'frontend "webhooks": default backend "gone" is not defined',
    ]);
    expect(() => renderHaproxyConfig(broken)).toThrow('invalid haproxy configuration:\nfrontend "webhooks": route to backend "nope", which is not defined');
  });

  test('bad names, headers, prefixes, ports and duplicates are refused', () => {
    const broken: HaproxyConfig = {
      frontends: [
        { name: 'a b', port: 0, acls: [{ name: 'x', test: { kind: 'header-present', header: 'X:Y' } }, { name: 'x', test: { kind: 'path-prefix', prefix: '/pac/' } }] },
        { name: 'b', port: 0 },
      ],
      backends: [{ name: 'empty', kind: 'servers', servers: [] }],
    };
    expect(haproxyConfigProblems(broken)).toEqual([
      'backend "empty": has no server',
      'frontend "a b": not a valid HAProxy name',
      'frontend "a b": port 0 is not 1-65535',
      'frontend "a b": acl "x": "X:Y" is not a header name',
      'frontend "a b": acl "x": defined twice',
      'frontend "a b": acl "x": "/pac/" is not a path prefix such as /pac (no trailing /)',
      'frontend "b": port 0 is not 1-65535',
      'frontend "b": port 0 is bound by another frontend',
    ]);
  });
});
