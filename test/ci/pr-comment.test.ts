import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { IncomingMessage, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ROOT, fixtureProject, tempDir } from '../cli/cli-helpers';

const SCRIPT = join(ROOT, 'scripts/pr-comment.mjs');
const MARKER = '<!-- pipeline-service-manifests: manifest diff -->';
const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: GIT_ENV }).trim();

/** What the workflow does: the diff of a sample change, rendered for the comment. */
function sampleDiff(): { file: string; base: string; head: string } {
  // The tests' own environments: prod there has three clusters, whatever the shipped prod becomes.
  const dir = fixtureProject();
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  for (const i of [1, 2, 3]) {
    const f = join(dir, `dist/prod/prod-workload-${i}/operator/subscription_openshift-operators_openshift-pipelines-operator.yaml`);
    writeFileSync(f, readFileSync(f, 'utf8').replace('channel: pipelines-1.10', 'channel: pipelines-1.11'));
  }
  git(dir, 'commit', '-qam', 'bump');
  const base = git(dir, 'rev-parse', 'HEAD^');
  const head = git(dir, 'rev-parse', 'HEAD');
  const r = spawnSync(process.execPath, [join(ROOT, 'build/cli.js'), 'diff', base, '--to', head, '--format', 'markdown'], { cwd: dir, encoding: 'utf8' });
  expect(r.status).toBe(0);
  const file = join(dir, 'comment-diff.md');
  writeFileSync(file, r.stdout);
  return { file, base, head };
}

/** A stand-in for GitHub's REST API: issue comments of one pull request. */
function fakeGitHub(comments: { id: number; body: string }[]) {
  const calls: { method: string; url: string; auth?: string; body?: any }[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const body = data ? JSON.parse(data) : undefined;
      calls.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body });
      const url = new URL(req.url!, 'http://x');
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET' && url.pathname === '/repos/o/r/issues/7/comments') {
        const page = Number(url.searchParams.get('page'));
        return void res.end(JSON.stringify(comments.slice((page - 1) * 100, page * 100)));
      }
      const m = /^\/repos\/o\/r\/issues\/comments\/(\d+)$/.exec(url.pathname);
      if (req.method === 'PATCH' && m) {
        comments.find((c) => c.id === Number(m[1]))!.body = body.body;
        return void res.end('{}');
      }
      if (req.method === 'POST' && url.pathname === '/repos/o/r/issues/7/comments') {
        comments.push({ id: 9000 + comments.length, body: body.body });
        return void res.end(JSON.stringify({ id: 9000 + comments.length - 1 }));
      }
      res.statusCode = 404;
      res.end('{}');
    });
  });
  return { server, calls, comments };
}

function post(api: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [SCRIPT, 'post', ...args], { env: { ...process.env, GITHUB_TOKEN: 'tok', GITHUB_API_URL: api } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

describe('the pull-request comment', () => {
  let sample: { file: string; base: string; head: string };
  beforeAll(() => {
    sample = sampleDiff();
  }, 120_000);

  test('built from the diff of a sample change: marker first, the diff, where it came from', () => {
    const r = spawnSync(process.execPath, [SCRIPT, 'body', '--diff', sample.file, '--base', sample.base, '--head', sample.head, '--details', 'https://example.com/a/1'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const body = r.stdout;
    expect(body.split('\n')[0]).toBe(MARKER);
    expect(body).toContain(`### Manifest changes against \`${sample.base}\``);
    expect(body).toContain('| `prod-<target>-operator` | 3 of 3 | ~ `Subscription openshift-operators/openshift-pipelines-operator`: `spec.channel` |');
    expect(body).toContain('  - `spec.channel`: `pipelines-1.10` -> `pipelines-1.11`');
    expect(body).toContain(`<sub>Rendered by the differ built from the base (\`${sample.base.slice(0, 12)}\`) against \`${sample.head.slice(0, 12)}\`. Full diff: https://example.com/a/1</sub>`);
    expect(body.length).toBeLessThan(60_000);
  });

  test('a diff over the limit is cut to fit, and says so', () => {
    const file = join(tempDir(), 'big.md');
    writeFileSync(file, 'x'.repeat(100_000));
    const body = execFileSync(process.execPath, [SCRIPT, 'body', '--diff', file], { encoding: 'utf8' });
    expect(body.length).toBeLessThanOrEqual(60_000);
    expect(body).toContain('_(cut to fit a comment)_');
  });

  test('posted once, then updated in place: the marked comment is found again (past the first page)', async () => {
    const others = Array.from({ length: 150 }, (_, i) => ({ id: i + 1, body: i === 5 ? `quoting ${MARKER}` : `comment ${i}` }));
    const gh = fakeGitHub(others);
    await new Promise<void>((r) => gh.server.listen(0, '127.0.0.1', () => r()));
    const api = `http://127.0.0.1:${(gh.server.address() as AddressInfo).port}`;
    try {
      const first = await post(api, ['--diff', sample.file, '--repo', 'o/r', '--pr', '7']);
      expect(first.stderr).toBe('');
      expect(first.stdout).toBe('added comment 9150\n');
      expect(gh.calls.every((c) => c.auth === 'Bearer tok')).toBe(true);
      expect(gh.comments).toHaveLength(151);
      expect(gh.comments[150].body.startsWith(MARKER)).toBe(true);

      writeFileSync(sample.file, readFileSync(sample.file, 'utf8').replace('pipelines-1.11', 'pipelines-1.12'));
      gh.calls.length = 0;
      const second = await post(api, ['--diff', sample.file, '--repo', 'o/r', '--pr', '7']);
      expect(second.stdout).toBe('updated comment 9150\n');
      expect(gh.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
        'GET /repos/o/r/issues/7/comments?per_page=100&page=1',
        'GET /repos/o/r/issues/7/comments?per_page=100&page=2',
        'PATCH /repos/o/r/issues/comments/9150',
      ]);
      expect(gh.comments).toHaveLength(151);
      expect(gh.comments[150].body).toContain('`pipelines-1.12`');
      // A comment that merely quotes the marker is left alone.
      expect(gh.comments[5].body).toBe(`quoting ${MARKER}`);

      const denied = await post(api, ['--diff', sample.file, '--repo', 'o/x', '--pr', '7']);
      expect([denied.code, denied.stderr]).toEqual([1, 'pr-comment: GET /repos/o/x/issues/7/comments?per_page=100&page=1: HTTP 404\n']);
    } finally {
      gh.server.closeAllConnections();
      gh.server.close();
    }
  }, 60_000);

  test('bad input: one line, exit 1', () => {
    const r = spawnSync(process.execPath, [SCRIPT, 'post', '--diff', sample.file, '--repo', 'o/r', '--pr', '7'], { encoding: 'utf8', env: { ...process.env, GITHUB_TOKEN: '' } });
    expect([r.status, r.stderr]).toEqual([1, 'pr-comment: GITHUB_TOKEN is not set\n']);
    const pr = spawnSync(process.execPath, [SCRIPT, 'post', '--diff', sample.file, '--repo', 'o/r', '--pr', 'x'], { encoding: 'utf8' });
    expect([pr.status, pr.stderr]).toEqual([1, 'pr-comment: --pr NUMBER is required\n']);
  });
});

describe('scripts/ci-packages.mjs', () => {
  test('the Debian packages of every apt-get install line of a CI script, redirections and options left out', () => {
    const file = join(tempDir(), 'run');
    writeFileSync(file, '#!/usr/bin/env bash\n# apt-get install -y commented-out\napt-get update -qq\napt-get install -y -qq lua5.1 lua-cjson \\\n  gojq >/dev/null\nsudo apt install -y yamllint && npm ci\nnpm test\n');
    expect(execFileSync(process.execPath, [join(ROOT, 'scripts/ci-packages.mjs'), file], { encoding: 'utf8' })).toBe('lua5.1 lua-cjson gojq yamllint\n');
  });

  test("reads this repository's .ci/run", () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/ci-packages.mjs'), join(ROOT, '.ci/run')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^([\w.+-]+( [\w.+-]+)*)?\n$/);
  });
});
