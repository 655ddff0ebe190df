import type { ConfigError as ConfigErrorType } from '../../src/config/errors';

// The yaml library's explanation of a refused file, made to fail (as a library bug would). The
// esbuild transform does not hoist jest.mock: doMock, then load the modules that use it.
jest.doMock('../../src/config/yaml-diagnostics', () => ({
  ...jest.requireActual('../../src/config/yaml-diagnostics'),
  yamlProblems: () => {
    throw new RangeError('Maximum call stack size exceeded');
  },
}));
const { parseEnvironmentText } = require('../../src/config/load') as typeof import('../../src/config/load');
const { ConfigError } = require('../../src/config/errors') as { ConfigError: typeof ConfigErrorType };

test("an explanation that fails leaves js-yaml's line as the message", () => {
  let lines: readonly string[] = [];
  try {
    parseEnvironmentText('name: ci\nname: again\n', 'f.yaml');
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    lines = e.lines;
  }
  expect(lines).toEqual(['cannot parse (line 2): duplicated mapping key']);
});
