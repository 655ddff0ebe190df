import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnvironment } from '../../src/config';
import { cronScheduleProblem } from '../../src/config/grammar/cron';
import { gitRevisionProblem } from '../../src/config/grammar/git-revision';
import { parseGoDuration } from '../../src/config/grammar/go-duration';
import { parseImageReference } from '../../src/config/grammar/image-reference';
import { quote } from '../../src/config/grammar/text';
import { MINIMAL_ENVIRONMENT, configProblems } from '../helpers';

const base = MINIMAL_ENVIRONMENT;
const problems = configProblems;
const HEX = 'a'.repeat(64);
const SYNCER = `ghcr.io/kcp-dev/kcp/syncer:v0.11.0@sha256:${HEX}`;
const withKcp = (kcp: Record<string, unknown>) => ({ ...base, kcp: { serverURL: 'https://kcp.example.com', organization: 'root:ps', syncer: { image: SYNCER }, ...kcp } });
const withRevision = (revision: string) => ({ ...base, git: { ...base.git, revision } });

describe('git revisions: git ref name rules', () => {
  const ACCEPTED = ['main', 'HEAD', 'release/v1.10', 'v0.11.0', 'feature/x-y_z', 'a'.repeat(40), 'f'.repeat(64), 'refs/pull/12/head', 'é-branch', 'a'.repeat(255)];
  const REJECTED = ['', 'a b', 'a..b', '-main', 'x.lock', 'a/b.lock/c', 'a/', '/a', 'a//b', 'a.', '.a', 'a/.b', '@', 'a@{1}', 'a~1', 'a^', 'a:b', 'a?', 'a*', 'a[b', 'a\\b', 'a\nb', 'a\u0000b', 'a\tb', 'a\u007fb', 'a'.repeat(256)];

  test.each(ACCEPTED)('accepts %j', (r) => expect(gitRevisionProblem(r)).toBeUndefined());
  test.each(REJECTED)('refuses %j', (r) => expect(gitRevisionProblem(r)).toEqual(expect.any(String)));

  test('agree with git check-ref-format on every case (branch names: refs/heads/<name>, never starting with -)', () => {
    const git = (name: string) => spawnSync('git', ['check-ref-format', `refs/heads/${name}`], { encoding: 'utf8' }).status === 0 && !name.startsWith('-');
    // Left out: '' (refs/heads/ itself), HEAD (Argo CD's default branch), NUL (cannot be an argument), and '@',
    // valid as refs/heads/@ but read by git rev-parse as HEAD of the clone: refused here.
    for (const name of [...ACCEPTED, ...REJECTED].filter((n) => !['', 'HEAD', '@'].includes(n) && !n.includes('\u0000') && n.length <= 255)) {
      expect([name, gitRevisionProblem(name) === undefined]).toEqual([name, git(name)]);
    }
  });

  test('on the field: one line, the value never repeated, a 50 MB revision refused by its length', () => {
    expect(problems(withRevision('a b'))).toEqual(["git.revision: must not contain U+0020 (position 2): git ref names exclude spaces, control characters and ~ ^ : ? * [ \\"]);
    expect(problems(withRevision('-x'))).toEqual(["git.revision: must not start with '-' (git would read it as an option)"]);
    expect(problems(withRevision('x'.repeat(50 * 1024 * 1024)))).toEqual(['git.revision: must be at most 255 bytes (a git ref is a file name), got 52428800 characters']);
    expect(parseEnvironment(withRevision('release/v1.10')).git.revision).toBe('release/v1.10');
  });
});

describe('URLs: scheme allow-list, host, no credentials', () => {
  const repo = (repoURL: string) => problems({ ...base, git: { repoURL } });
  const server = (s: string) => problems({ ...base, clusters: [{ name: 'a', destination: { server: s } }] });
  const kcpServer = (serverURL: string) => problems(withKcp({ serverURL }));

  test('git.repoURL: https, ssh:// with a user, scp-like git@host:path', () => {
    for (const ok of ['https://github.com/org/repo.git', 'ssh://git@github.com/org/repo.git', 'git@github.com:org/repo.git', 'github.com:org/repo.git', 'https://gitlab.example.com:8443/group/sub/repo']) {
      expect(parseEnvironment({ ...base, git: { repoURL: ok } }).git.repoURL).toBe(ok);
    }
    expect(repo('http://github.com/org/repo.git')).toEqual(['git.repoURL: must use https, ssh, not http']);
    expect(repo('https://github.com')).toEqual(['git.repoURL: must name a path after the host (the repository)']);
    expect(repo('file:///srv/repo')).toEqual(['git.repoURL: must use https, ssh, not file']);
    expect(repo('git@bad_host!:org/repo')).toEqual(['git.repoURL: must name a host: [user@]host:path with a DNS host name']);
  });

  test('credentials are refused in every URL field, with where they belong instead, and never echoed', () => {
    const [line] = repo('https://user:ghp_token123@github.com/org/repo.git');
    expect(line).toMatch(/^git\.repoURL: must not hold credentials \(user:password@ or a token before @\): .*repository Secret or a credential template/);
    expect(repo('https://ghp_token123@github.com/org/repo.git')[0]).toMatch(/^git\.repoURL: must not hold credentials/);
    expect(repo('ssh://git:secret@github.com/org/repo.git')[0]).toMatch(/^git\.repoURL: must not hold credentials/);
    expect(server('https://admin:secret@api.example.com:6443')[0]).toMatch(/^clusters\[0\]\.destination\.server: must not hold credentials .*cluster Secret/);
    expect(kcpServer('https://user:token@kcp.example.com')[0]).toMatch(/^kcp\.serverURL: must not hold credentials .*cluster Secrets/);
    const settings = { tektonConfig: { pipelinesAsCode: { settings: { 'hub-url': 'https://u:p@hub.example.com' } } } };
    expect(problems({ ...base, ...settings })[0]).toMatch(/^tektonConfig\.pipelinesAsCode\.settings\.hub-url: must not hold credentials/);
    for (const l of [line, ...server('https://admin:secret@api.example.com:6443'), ...kcpServer('https://user:token@kcp.example.com')]) {
      expect(l).not.toMatch(/secret@|token@|ghp_token/);
    }
  });

  test('destination.server: https with a host', () => {
    expect(server('http://api.example.com:6443')).toEqual(['clusters[0].destination.server: must use https, not http']);
    expect(server('https://')).toEqual(['clusters[0].destination.server: is not a valid https URL']);
    expect(server('https://api.example.com/\nx')).toEqual(['clusters[0].destination.server: must not contain spaces, line breaks or control characters']);
  });

  test('kcp.serverURL: /clusters/<path> is appended, so no query, fragment or space', () => {
    expect(kcpServer('https://kcp.example.com?x=1')).toEqual(['kcp.serverURL: must not have a query (?) or fragment (#): a path is appended to this URL']);
    expect(kcpServer('https://kcp.example.com/#top')).toEqual(['kcp.serverURL: must not have a query (?) or fragment (#): a path is appended to this URL']);
    expect(kcpServer('https://kcp.example.com/a b')).toEqual(['kcp.serverURL: must not contain spaces, line breaks or control characters']);
    expect(kcpServer('https://kcp.example.com/clusters/root')).toEqual(['kcp.serverURL: must not contain /clusters/...: the workspace path is added per target']);
    expect(parseEnvironment(withKcp({ serverURL: 'https://kcp.example.com:6443/proxy/' })).kcp!.serverURL).toBe('https://kcp.example.com:6443/proxy');
  });

  test(`a ${2048 + 1}-character URL is refused by its length`, () => {
    expect(repo(`https://github.com/${'a'.repeat(2048)}`)).toEqual(['git.repoURL: must be at most 2048 characters, got 2067']);
  });
});

describe('image references: the distribution reference grammar, by digest', () => {
  const D = `sha256:${HEX}`;
  test.each([
    [`ghcr.io/kcp-dev/kcp/syncer:v0.11.0@${D}`, { domain: 'ghcr.io', path: 'kcp-dev/kcp/syncer', tag: 'v0.11.0', digest: D }],
    [`localhost:5000/a/b@${D}`, { domain: 'localhost:5000', path: 'a/b', tag: undefined, digest: D }],
    [`registry.example.com:5000/team__x/img-a.b_c@${D}`, { domain: 'registry.example.com:5000', path: 'team__x/img-a.b_c', tag: undefined, digest: D }],
    [`[::1]:5000/img:Tag_1.0-x@${D}`, { domain: '[::1]:5000', path: 'img', tag: 'Tag_1.0-x', digest: D }],
  ])('parses %s', (ref, want) => expect(parseImageReference(ref)).toEqual(want));

  test.each([
    [`ghcr.io//y@${D}`, /^is not an image reference/],
    [`x:a:b:c@${D}`, /^is not an image reference/],
    [`ghcr.io/Org/img@${D}`, /^is not an image reference/],
    [`ghcr.io/img:${'t'.repeat(129)}@${D}`, /^is not an image reference/],
    [`ghcr.io/img:-tag@${D}`, /^is not an image reference/],
    [`ghcr.io/a--/img@${D}`, /^is not an image reference/],
    [`haproxy@${D}`, /^must name its registry/],
    [`library/haproxy:2.8@${D}`, /^must name its registry/],
    [`ghcr.io/img@sha256:${'A'.repeat(64)}`, /^must have a sha256 digest/],
    [`ghcr.io/img@sha512:${'a'.repeat(128)}`, /^must have a sha256 digest/],
    [`ghcr.io/${'a'.repeat(250)}@${D}`, /^must have a name \(registry\/path\) of at most 255 characters/],
  ])('refuses %s', (ref, want) => expect(parseImageReference(ref)).toMatch(want));

  test('on the field: a tag alone is refused where a digest is required', () => {
    expect(problems(withKcp({ syncer: { image: 'ghcr.io/kcp-dev/kcp/syncer:v0.11.0' } }))).toEqual([
      'kcp.syncer.image: must be pinned by digest: <registry>/<repository>[:tag]@sha256:<64 hex digits> (a tag alone can change under you)',
    ]);
    expect(problems(withKcp({ syncer: { image: `ghcr.io//y@${D}` } }))[0]).toMatch(/^kcp\.syncer\.image: is not an image reference/);
  });
});

describe('labels: qualified keys, values, 256 KiB in all', () => {
  const labelled = (labels: Record<string, unknown>) => ({ ...base, clusters: [{ ...base.clusters[0], labels }] });

  test('prefix up to 253 characters (a DNS subdomain), name up to 63, value up to 63 or empty', () => {
    const prefix = `${'a'.repeat(61)}.${'b'.repeat(61)}.${'c'.repeat(61)}.${'d'.repeat(67)}`;
    expect(prefix).toHaveLength(253);
    const ok = { [`${prefix}/${'n'.repeat(63)}`]: 'v'.repeat(63), 'example.com/empty': '', 'A_b.c-D': 'x' };
    expect(parseEnvironment(labelled(ok)).clusters[0].labels).toEqual(ok);
    expect(problems(labelled({ [`${prefix}e/name`]: 'v' }))).toEqual([
      `clusters[0].labels[${quote(`${prefix}e/name`)}]: label key prefix must be at most 253 characters (DNS-1123 subdomain), got 254`,
    ]);
    expect(problems(labelled({ [`${'p'.repeat(300)}/name`]: 'v' }))[0]).toMatch(/^clusters\[0\]\.labels\["p{48}"\.\.\.\(305 characters\)\]: label key prefix must be at most 253/);
    expect(problems(labelled({ ['n'.repeat(64)]: 'v' }))[0]).toMatch(/: label key name must be at most 63 characters, got 64$/);
    expect(problems(labelled({ 'a/b/c': 'v', 'Example.com/x': 'v', '-x': 'v' }))).toEqual([
      `clusters[0].labels["a/b/c"]: label key must be [prefix/]name with at most one '/'`,
      `clusters[0].labels["Example.com/x"]: label key prefix must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.'`,
      `clusters[0].labels["-x"]: label key name must be letters, digits, '-', '_' and '.', starting and ending with a letter or digit`,
    ]);
    expect(problems(labelled({ region: 'eu west', tier: 1 }))).toEqual([
      "clusters[0].labels.region: label value must be empty or letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
      'clusters[0].labels.tier: label value must be a string (quote numbers and true/false)',
    ]);
  });

  test('"constructor" and "__proto__" keys are errors on their own path, never dropped or crashing', () => {
    expect(problems(labelled({ constructor: 'x' }))).toEqual([
      'clusters[0].labels.constructor: is a valid Kubernetes label key, but the manifest library (cdk8s sanitizeValue) reads a "constructor" key as the class of the map and cannot render it: use another key',
    ]);
    const proto = JSON.parse('{"__proto__": "x", "b": "y"}');
    expect(problems(labelled(proto))).toEqual([
      "clusters[0].labels.__proto__: label key name must be letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
    ]);
  });

  test('at most 256 KiB of keys and values in one map (100,000 labels are refused, in one line)', () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 100_000; i++) many[`k${i}`] = 'v';
    expect(problems(labelled(many))).toEqual(['clusters[0].labels: must hold at most 262144 bytes of keys and values (Kubernetes\' annotation budget), got 688890']);
  });
});

describe('CronJob schedules: robfig/cron ParseStandard as Kubernetes validates them', () => {
  test.each([
    '0 * * * *',
    '*/15 0-6 * * mon-fri',
    '0 0 1 jan,jul *',
    '? * * * *',
    '5-59/10 * * * *',
    '0 0 * * SUN',
    '0 3 1-31/2 * 0,6',
    '30 4/2 * * *',
    ' 0 * * * * ',
    '0\t*\t*\t*\t*',
    '@yearly',
    '@annually',
    '@monthly',
    '@weekly',
    '@daily',
    '@midnight',
    '@hourly',
    '@every 1h30m',
    '@every 90s',
  ])('accepts %j', (s) => expect(cronScheduleProblem(s)).toBeUndefined());

  test.each([
    ['0 0 L * *', /L, W, # or H/],
    ['0 0 15W * *', /L, W, # or H/],
    ['0 0 * * 1#2', /L, W, # or H/],
    ['H * * * *', /L, W, # or H/],
    ['0 0 * * 7', /^day of week field: 7 is above the maximum 6$/],
    ['61 * * * *', /^minute field: 61 is above the maximum 59$/],
    ['0 0 0 * *', /^day of month field: 0 is below the minimum 1$/],
    ['0 0 * 13 *', /^month field: 13 is above the maximum 12$/],
    ['5-1 * * * *', /starts after it ends/],
    ['*/0 * * * *', /step must be a positive number/],
    ['1,,2 * * * *', /empty list item/],
    ['1-2-3 * * * *', /too many hyphens/],
    ['1/2/3 * * * *', /too many slashes/],
    ['0 0 * * * *', /exactly 5 fields.*found 6/],
    ['0 * * *', /exactly 5 fields.*found 4/],
    ['', /exactly 5 fields.*found 0/],
    ['CRON_TZ=UTC 0 * * * *', /TZ/],
    ['TZ=Europe/Paris 0 * * * *', /TZ/],
    ['@reboot', /unknown descriptor/],
    ['@daily ', /unknown descriptor/],
    ['@every', /unknown descriptor/],
    ['@every 1d', /Go duration/],
    ['@every 0s', /positive/],
    ['@every -1m', /positive/],
    ['0 0 * * mon-fry', /not a number or name/],
    [`${'1,'.repeat(200)}1 * * * *`, /at most 256 characters/],
  ])('refuses %j', (s, want) => expect(cronScheduleProblem(s)).toMatch(want));
});

describe('Go durations: time.ParseDuration', () => {
  test.each([
    ['0', 0n],
    ['1h30m', 5_400_000_000_000n],
    ['1.5h', 5_400_000_000_000n],
    ['.5s', 500_000_000n],
    ['5.s', 5_000_000_000n],
    ['-1m', -60_000_000_000n],
    ['+2ms', 2_000_000n],
    ['3µs', 3_000n],
    ['3μs', 3_000n],
    ['9223372036854775807ns', 9_223_372_036_854_775_807n],
    ['2562047h47m16.854775807s', 9_223_372_036_854_775_807n],
  ])('%s is %s ns', (s, ns) => expect(parseGoDuration(s)).toBe(ns));

  test.each(['', '1', '.s', '1d', '5sx', '1h 30m', '9223372036854775808ns', '2562048h', '-', 's'])('refuses %j', (s) => expect(parseGoDuration(s)).toBeUndefined());

  test('on the fields: Argo CD backoff, syncer intervals, OLM poll interval', () => {
    expect(problems({ ...base, argocd: { retry: { backoff: { duration: '9999999999999s' } } } })).toEqual(['argocd.retry.backoff.duration: must be seconds or a Go duration such as 5s, 2m or 1h']);
    expect(problems({ ...base, argocd: { retry: { backoff: { maxDuration: '999999999999' } } } })).toEqual(['argocd.retry.backoff.maxDuration: is longer than a Go duration can hold (about 292 years)']);
    expect(problems(withKcp({ syncer: { image: SYNCER, apiImportPollInterval: '3000000h' } }))).toEqual(['kcp.syncer.apiImportPollInterval: is longer than a Go duration can hold (about 292 years)']);
  });
});

describe('numbers: int32 bounds', () => {
  test('replicas, ports, UIDs, counts', () => {
    const gateway = { host: 'pac.example.com', cluster: 'cluster-a', glbc: { exportPath: 'root:kuadrant', exportName: 'glbc', permissionClaims: [{ resource: 'secrets' }] } };
    expect(problems({ ...withKcp({}), pacGateway: { ...gateway, replicas: 2 ** 31, runAsUser: 0, pac: { port: 65536 } } })).toEqual([
      'pacGateway.runAsUser: must be at least 1',
      'pacGateway.replicas: must be at most 2147483647 (int32)',
      'pacGateway.pac.port: must be at most 65535',
    ]);
    expect(problems({ ...base, tektonConfig: { pruner: { keep: 2 ** 31 } } })).toEqual(['tektonConfig.pruner.keep: must be at most 2147483647 (int32)']);
    expect(problems({ ...base, argocd: { retry: { limit: 2 ** 31 } } })).toEqual(['argocd.retry.limit: must be at most 2147483647 (int32)']);
    expect(problems({ ...base, train: 'current', tektonConfig: { pipeline: { 'max-result-size': 2 ** 31 } } })).toEqual([
      'tektonConfig.pipeline.max-result-size: train current: must be below 1572864 (tektoncd/operator@v0.80.0:pkg/apis/operator/v1alpha1/tektonpipeline_validation.go)',
    ]);
  });
});

describe('free strings: one line, bounded', () => {
  test('destination.name with a newline or 100 KB fails, and the message stays short', () => {
    const named = (name: string) => problems({ ...base, clusters: [{ name: 'a', destination: { name } }] });
    expect(named('a\nb')).toEqual(['clusters[0].destination.name: must be one line of text without control characters (found U+000A at position 2)']);
    expect(named('x'.repeat(100 * 1024))).toEqual(['clusters[0].destination.name: must be at most 253 characters, got 102400']);
    expect(named('a\u202eb')).toEqual(['clusters[0].destination.name: must be one line of text without control characters (found U+202E at position 2)']);
  });

  test('a URL with a password in any free string (a setting, a param) is refused; a variable in its place is fine', () => {
    const params = (value: string) => ({ ...base, tektonConfig: { params: [{ name: 'db', value }] } });
    expect(problems(params('postgres://results:s3cret@db.example.com/results'))).toEqual([
      'tektonConfig.params[0].value: must not hold a URL with a password (scheme://user:password@): git keeps it; reference a Secret instead',
    ]);
    expect(parseEnvironment(params('postgres://results:$(DB_PASSWORD)@db.example.com/results')).tektonConfig.params.find((p) => p.name === 'db')?.value).toMatch(/DB_PASSWORD/);
  });

  test('every config field goes through a grammar of src/config/primitives.ts (no bare z.string() or z.number())', () => {
    const dir = join(__dirname, '../../src/config');
    const bare = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'primitives.ts')
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').map((line, i) => [`${f}:${i + 1}`, line] as const))
      .filter(([, line]) => /z\s*\.\s*(string|number|url|email|record|any|unknown)\s*\(/.test(line));
    expect(bare).toEqual([]);
  });

  test('quote: JSON, cut to 64 characters with the real length', () => {
    expect(quote('a\nb')).toBe('"a\\nb"');
    expect(quote('x'.repeat(100_000))).toBe(`"${'x'.repeat(48)}"...(100000 characters)`);
  });
});

describe('lists in messages', () => {
  test('a list of a thousand clusters is cut to five names', () => {
    const clusters = Array.from({ length: 1000 }, (_, i) => ({ name: `c${i}`, destination: { name: `c${i}` } }));
    const gateway = { host: 'pac.example.com', cluster: 'nowhere', glbc: { exportPath: 'root:kuadrant', exportName: 'glbc', permissionClaims: [{ resource: 'secrets' }] } };
    expect(problems({ ...withKcp({}), clusters, pacGateway: gateway })).toEqual([
      'pacGateway.cluster: "nowhere" is not a cluster of this environment ("c0", "c1", "c2", "c3", "c4" and 995 more): name the one workload cluster that carries the gateway',
    ]);
  });
});
