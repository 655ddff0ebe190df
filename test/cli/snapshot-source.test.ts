import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli-helpers';

// V8 keeps a script's source in the start-up snapshot; one character outside Latin-1 (a Greek mu
// in a regular expression, say) makes it two-byte text: the blob grew 10.2 -> 12.0 MB.
test('the snapshot bundle is Latin-1 text', () => {
  const source = readFileSync(join(ROOT, 'build/snapshot.js'), 'utf8');
  const wide = [...source].findIndex((c) => c.codePointAt(0)! > 0xff);
  expect(wide === -1 ? undefined : source.slice(Math.max(0, wide - 40), wide + 40)).toBeUndefined();
});
