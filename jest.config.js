/** Type-checking is `tsc --noEmit` in `npm test`; jest only strips types, with esbuild, for speed. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '<rootDir>/test/esbuild-transform.js' },
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
  // The CLI tests wait on child processes: a worker per core (jest's default leaves one idle).
  maxWorkers: '100%',
};
