import { main } from '../../src/cli/main';
import { INTERRUPT_BUDGET } from '../../src/cli/v8-tiering';

test("every command runs with V8's interrupt budget raised (fewer, hotter functions optimized)", async () => {
  const v8 = require('node:v8') as typeof import('node:v8');
  const flags = jest.spyOn(v8, 'setFlagsFromString').mockImplementation(() => undefined);
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(await main(['no-such-command'])).toBe(2);
    expect(flags).toHaveBeenCalledWith(`--interrupt-budget=${INTERRUPT_BUDGET}`);
    expect(INTERRUPT_BUDGET).toBeGreaterThan(132 * 1024);
  } finally {
    flags.mockRestore();
    stderr.mockRestore();
  }
});
