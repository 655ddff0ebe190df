import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../cli/cli-helpers';
import { WORKFLOW, nodeScripts, npmRuns, packageScripts, readYaml } from './ci-files';

// GitHub reads workflows as YAML 1.2 (`on` stays a key); 1.1 would turn it into true.
const wf = readYaml(WORKFLOW);
const jobs = Object.entries(wf.jobs) as [string, any][];
const steps = jobs.flatMap(([job, j]) => (j.steps as any[]).map((s) => ({ job, ...s })));
const runs = steps.filter((s) => typeof s.run === 'string');

describe('.github/workflows/pull-request.yaml', () => {
  test('runs on pull requests, with no permission unless a job names it', () => {
    expect(Object.keys(wf.on)).toEqual(['pull_request']);
    expect(wf.permissions).toEqual({});
    expect(Object.fromEntries(jobs.map(([name, j]) => [name, j.permissions]))).toEqual({
      test: { contents: 'read' },
      diff: { contents: 'read', 'pull-requests': 'write' },
    });
    for (const [, j] of jobs) expect(j['timeout-minutes']).toBeGreaterThan(0);
  });

  test('every action is pinned by a full commit id, its tag in a comment; checkouts keep no credentials', () => {
    const uses = steps.filter((s) => s.uses);
    expect(uses.length).toBeGreaterThan(0);
    for (const s of uses) expect(s.uses).toMatch(/^actions\/(checkout|setup-node|upload-artifact)@[0-9a-f]{40}$/);
    for (const s of uses.filter((x) => x.uses.startsWith('actions/checkout@'))) expect(s.with['persist-credentials']).toBe(false);
    const text = require('node:fs').readFileSync(join(ROOT, WORKFLOW), 'utf8') as string;
    for (const line of text.split('\n').filter((l) => /uses: /.test(l))) expect(line).toMatch(/@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  test("the test job is the README's test command, after the Debian packages .ci/run installs", () => {
    const test = runs.filter((s) => s.job === 'test').map((s) => s.run.trim());
    expect(test.slice(-2)).toEqual(['npm ci --no-audit --no-fund', 'npm test']);
    expect(test[0]).toContain('node scripts/ci-packages.mjs .ci/run');
    expect(test[0]).toContain('sudo apt-get install -y');
  });

  test('every npm script and repository script it calls exists', () => {
    const scripts = packageScripts();
    const called = runs.flatMap((s) => npmRuns(s.run));
    expect(called).toEqual(expect.arrayContaining(['bundle', 'diff']));
    for (const name of called) expect(Object.keys(scripts)).toContain(name);
    const files = runs.flatMap((s) => nodeScripts(s.run));
    expect(files).toEqual(expect.arrayContaining(['scripts/ci-packages.mjs', 'scripts/pr-comment.mjs']));
    for (const f of files) expect(existsSync(join(ROOT, f))).toBe(true);
  });

  test("the diff is rendered by the base's differ in its own folder, from the base to the tested merge commit", () => {
    const diff = steps.filter((s) => s.job === 'diff');
    const checkout = diff.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout.with).toMatchObject({ path: 'merge', 'fetch-depth': 2 });
    const base = diff.find((s) => s.id === 'base');
    expect(base.run).toContain('git -C merge worktree add --detach ../base HEAD^1');
    // Everything that runs with the write token runs in base/.
    for (const s of diff.filter((x) => x.run && x.id !== 'base')) expect(s['working-directory']).toBe('base');
    const render = diff.find((s) => s.run?.includes('npm run --silent diff'));
    expect(render.run).toMatch(/diff -- "\$BASE" --to "\$MERGE" --format markdown --output "\$RUNNER_TEMP\/manifest-diff.md" > "\$RUNNER_TEMP\/comment-diff.md"/);
    const post = diff.find((s) => s.run?.includes('pr-comment.mjs post'));
    expect(post.env.GITHUB_TOKEN).toBe('${{ github.token }}');
    expect(post.run).toContain('--diff "$RUNNER_TEMP/comment-diff.md"');
  });
});
