import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { cliInProcess, readTree, tempDir, writeTemp } from './cli-helpers';

const SYNCER = `ghcr.io/kcp-dev/kcp/syncer:v0.11.0@sha256:${'a'.repeat(64)}`;
const IMAGE = (name: string) => `ghcr.io/tektoncd/results/${name}:v0.18.0@sha256:${'b'.repeat(64)}`;

/** An environment file with kcp (cluster labels go to SyncTargets) and Tekton Results. */
function environment(cluster: Record<string, unknown>, over: Record<string, unknown> = {}): string {
  return stringify({
    name: 'dev',
    train: 'phase-1',
    git: { repoURL: 'https://github.com/example-org/manifests.git' },
    tektonResults: { images: { api: IMAGE('api'), watcher: IMAGE('watcher') } },
    kcp: { serverURL: 'https://kcp.example.com', organization: 'root:ps', syncer: { image: SYNCER } },
    clusters: [{ name: 'a', destination: { name: 'a' }, ...cluster }],
    ...over,
  });
}

/** Runs synth on `text`; asserts exit 1, no stack trace, the output untouched; returns the problem lines. */
async function rejected(text: string): Promise<string[]> {
  const out = tempDir();
  mkdirSync(join(out, 'dist/dev/a'), { recursive: true });
  writeFileSync(join(out, 'dist/dev/a/existing.yaml'), 'before');
  const before = readTree(out);
  const file = writeTemp('env.yaml', text);
  const r = await cliInProcess('synth', '--config', file, '--outdir', out);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toMatch(/construct at path|Failed serializing/);
  expect(readTree(out)).toEqual(before);
  const [header, ...lines] = r.stderr.trimEnd().split('\n');
  expect(header).toBe(`error: ${file}: invalid configuration (${lines.length} problem${lines.length === 1 ? '' : 's'}), nothing written:`);
  return lines;
}

describe('config errors name the field, in one short line each', () => {
  test('a label key "constructor" (which the manifest library cannot render) is a field error, not a construct path', async () => {
    expect(await rejected(environment({ labels: { constructor: 'x', region: 'eu' } }))).toEqual([
      'clusters[0].labels.constructor: is a valid Kubernetes label key, but the manifest library (cdk8s sanitizeValue) reads a "constructor" key as the class of the map and cannot render it: use another key',
    ]);
  });

  test('a "__proto__" key is reported, not dropped', async () => {
    const text = environment({ labels: { region: 'eu' } }).replace('region: eu', '__proto__: x\n      region: eu');
    expect(text).toContain('__proto__: x');
    expect(await rejected(text)).toEqual(["clusters[0].labels.__proto__: label key name must be letters, digits, '-', '_' and '.', starting and ending with a letter or digit"]);
  });

  test('a 45-character cluster name is reported on clusters[0].name with the length that fits', async () => {
    const name = 'c'.repeat(45);
    expect(await rejected(environment({ name }))).toEqual([
      `clusters[0].name: has 45 characters, at most 44 fit here: it names the Argo CD application "dev-${name}-tekton-results" (64 characters), and Argo CD application names must be at most 63 (a label value); shorten it or the environment name`,
    ]);
  });

  test('no line embeds an unbounded value: 100 KB label values and keys are cut with a marker', async () => {
    const lines = await rejected(environment({ labels: { region: 'x'.repeat(100_000), [`${'p'.repeat(100_000)}/k`]: 'v' } }));
    expect(lines).toEqual([
      'clusters[0].labels.region: label value must be at most 63 characters, got 100000',
      `clusters[0].labels["${'p'.repeat(48)}"...(100002 characters)]: label key must be at most 317 characters ([prefix/]name), got 100002`,
    ]);
  });

  test('credentials in URLs are refused, and the message neither repeats them nor the URL', async () => {
    const lines = await rejected(
      environment({ destination: { server: 'https://admin:hunter2@api.example.com:6443' } }, { git: { repoURL: 'https://bot:ghp_abcdefghijklmnopqrstuvwxyz0123@github.com/o/m.git' } }),
    );
    expect(lines).toEqual([
      expect.stringMatching(/^git\.repoURL: must not hold credentials .*repository Secret or a credential template/),
      expect.stringMatching(/^clusters\[0\]\.destination\.server: must not hold credentials .*cluster Secret/),
    ]);
    expect(lines.join('\n')).not.toMatch(/hunter2|ghp_|bot:|admin:/);
  });
});
