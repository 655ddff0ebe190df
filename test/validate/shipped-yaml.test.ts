import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { readTree } from '../../src/validate';
import { ROOT } from './fixture-helpers';

/** Every file of the committed trees, `dist/...` and `argocd/...`. */
function shippedFiles(): [string, string][] {
  return ['dist', 'argocd'].flatMap((tree) => [...readTree(join(ROOT, tree))].map(([p, c]): [string, string] => [`${tree}/${p}`, c]));
}

/** yamllint with the repository's .yamllint; CI installs it (.ci/run), so a missing one fails. */
function yamllint(...paths: string[]) {
  const r = spawnSync('yamllint', ['-f', 'parsable', '-s', '-c', join(ROOT, '.yamllint'), ...paths], { cwd: ROOT, encoding: 'utf8' });
  if (r.error) throw new Error(`yamllint could not run (${r.error.message}): install Debian's yamllint (apt-get install yamllint), as .ci/run does`);
  return r;
}

test('every shipped file reads the same as YAML 1.1 (kubectl, Argo CD, Go tools) and as YAML 1.2', () => {
  const files = shippedFiles();
  expect(files.length).toBeGreaterThan(0);
  for (const [file, text] of files) {
    const v12 = parseAllDocuments(text).map((d) => d.toJS());
    const v11 = parseAllDocuments(text, { version: '1.1' }).map((d) => d.toJS());
    expect({ file, docs: v11 }).toEqual({ file, docs: v12 });
  }
});

test('every shipped file starts with a `---` document marker', () => {
  for (const [file, text] of shippedFiles()) expect({ file, start: text.slice(0, 4) }).toEqual({ file, start: '---\n' });
});

test('dist/ and argocd/ pass yamllint (default rules, document-start an error, no line length)', () => {
  const r = yamllint('dist', 'argocd');
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
});

test('the yamllint configuration fails a file without `---` and with a YAML 1.1 boolean key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ps-yamllint-'));
  try {
    const file = join(dir, 'x.yaml');
    writeFileSync(file, 'on: push\nname: x\n');
    const r = yamllint(file);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(':1:1: [error] missing document start "---" (document-start)');
    expect(r.stdout).toContain('(truthy)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
