import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { warmUp } from '../../src/cli/warm-up';
import { ROOT, readTree } from './cli-helpers';

// What the start-up snapshot runs while it is built (scripts/build.mjs): it must work, leave
// nothing behind and never touch the repository's trees.
test('the warm-up synth writes only below a temporary folder, and removes it', async () => {
  const leftovers = () => readdirSync(tmpdir()).filter((f) => f.startsWith('ps-warm-up-'));
  const before = leftovers();
  const dist = readTree(join(ROOT, 'dist'));
  await expect(warmUp()).resolves.toBeUndefined();
  expect(leftovers()).toEqual(before);
  expect(readTree(join(ROOT, 'dist'))).toEqual(dist);
}, 30_000);
