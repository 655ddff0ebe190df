import { readdirSync } from 'node:fs';
import { ConfigError } from '../../src/config';
import { tempDir } from './cli-helpers';

test('two environments with the same name: one short line naming both sources, nothing written', async () => {
  // Two shipped environment modules that both call themselves "dev" (the transform does not hoist jest.mock).
  jest.doMock('../../src/environments', () => {
    const env = (destination: string) => ({ name: 'dev', train: 'phase-1', git: { repoURL: 'https://github.com/example-org/m.git' }, clusters: [{ name: 'a', destination: { name: destination } }] });
    return { ENVIRONMENTS: { dev: env('a'), staging: env('b') } };
  });
  const { synth } = require('../../src/cli/main') as typeof import('../../src/cli/main');
  const out = tempDir();
  const error = await synth(['--outdir', out]).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).source).toBe('src/environments/staging.ts');
  expect((error as ConfigError).lines).toEqual([
    'name: "dev" is also the name of the environment in src/environments/dev.ts: each environment needs its own name (its folder under dist/ and argocd/)',
  ]);
  expect(readdirSync(out)).toEqual([]);
});
