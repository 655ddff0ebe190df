// Removes the run's temporary folder (global-setup.js); fails the run if tests left anything in
// it (each test file removes what it made: test/temp-dir.ts).
const { readdirSync, rmSync } = require('node:fs');

module.exports = () => {
  const dir = globalThis.psTestTmp;
  if (!dir) return;
  const left = readdirSync(dir);
  rmSync(dir, { recursive: true, force: true });
  if (left.length === 0) return;
  // One line and a failed run (jest keeps an exit code set here when every test passed).
  process.stderr.write(`error: tests left temporary folders behind (removed now): ${left.join(', ')}\n`);
  process.exitCode = 1;
};
