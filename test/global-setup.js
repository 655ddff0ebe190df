// CLI tests run the bundled CLI (what `npm run synth` runs, through scripts/run.mjs).
const { execFileSync } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

module.exports = () => {
  execFileSync(process.execPath, [resolve(__dirname, '../scripts/build.mjs')], { stdio: 'inherit' });
  // Every temporary folder of this run (tests, and the CLIs they start) goes below one folder,
  // which global-teardown.js removes: nothing is left in the system's temporary folder even
  // when a test fails half-way. The test workers start after this and inherit the variables.
  const dir = mkdtempSync(join(tmpdir(), 'ps-test-'));
  process.env.TMPDIR = dir;
  process.env.TMP = dir;
  process.env.TEMP = dir;
  globalThis.psTestTmp = dir;
};
