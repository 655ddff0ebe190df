// API.md is generated from the doc comments (`npm run docs`, typedoc.json): generated again into a
// temporary folder, it must equal the committed file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

test('API.md is up to date with the doc comments (npm run docs)', () => {
  const out = mkdtempSync(join(tmpdir(), 'ps-api-'));
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/typedoc/bin/typedoc'), '--out', out, '--logLevel', 'Error'], { cwd: root, stdio: 'pipe', env: { ...process.env, NODE_EXTRA_CA_CERTS: '' } });
    const fresh = readFileSync(join(out, 'API.md'), 'utf8');
    const committed = readFileSync(join(root, 'API.md'), 'utf8');
    if (fresh !== committed) throw new Error('API.md is stale: run `npm run docs` and commit it');
    // What a reader looks for: the constructs of the README example and their documented defaults.
    for (const name of ['OperatorSubscription', 'TektonConfig', 'KcpSyncer']) expect(committed).toMatch(new RegExp(`^### ${name}$`, 'm'));
    expect(committed).toContain("'openshift-pipelines-operator-rh'");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 180_000);
