import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { referenceYaml } from '../../src/synth/yaml';
import { ROOT, cli, readTree, tempDir } from '../cli/cli-helpers';

// Output identity at scale: speed work must never change bytes. After an intended output
// change, refresh with `UPDATE_GOLDEN=1 npx jest test/synth/golden.test.ts` and review the diff
// of the shipped environments' dist/ in the same pull request.
const FIXTURE = join(ROOT, 'test/fixtures/scale/100-clusters.yaml');
const GOLDEN = join(ROOT, 'test/fixtures/scale/100-clusters.sha256');

/** Workload clusters are alike: the library check covers the first ones and every other target. */
const LIBRARY_CHECKED = /^scale\/(?!scale-0[1-9]\d\/)/;

function treeDigest(dir: string): { digest: string; files: number } {
  const tree = readTree(dir);
  // The fast writer (src/synth/yaml.ts) must write exactly what the yaml library writes (referenceYaml).
  for (const [path, text] of Object.entries(tree)) {
    if (!LIBRARY_CHECKED.test(path)) continue;
    if (referenceYaml(parse(text)) !== text) throw new Error(`${path}: differs from the yaml library's rendering`);
  }
  const hash = createHash('sha256');
  const paths = Object.keys(tree).sort();
  for (const p of paths) hash.update(`${p}\0${tree[p]}\0`);
  return { digest: hash.digest('hex'), files: paths.length };
}

test('a 100-cluster environment synthesizes to the recorded bytes', () => {
  const out = tempDir();
  const r = cli('synth', '--config', FIXTURE, '--outdir', out);
  expect(r.code).toBe(0);
  // Warnings come in cluster order, across the batches.
  const pending = [...r.stderr.matchAll(/SyncTarget "(scale-\d+)" has no UID yet/g)].map((m) => m[1]);
  expect(pending).toHaveLength(50);
  expect(pending).toEqual([...pending].sort());
  const dist = treeDigest(join(out, 'dist'));
  const argocd = treeDigest(join(out, 'argocd'));
  expect(dist.files).toBeGreaterThan(3000);
  const actual = `dist ${dist.digest} ${dist.files}\nargocd ${argocd.digest} ${argocd.files}\n`;
  if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, actual);
  expect(actual).toBe(readFileSync(GOLDEN, 'utf8'));
});
