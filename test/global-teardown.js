// Removes the run's temporary folder (global-setup.js), saying what tests left behind in it.
const { readdirSync, rmSync } = require('node:fs');

module.exports = () => {
  const dir = globalThis.psTestTmp;
  if (!dir) return;
  const left = readdirSync(dir);
  if (left.length > 0) process.stderr.write(`tests left temporary folders behind (removed now): ${left.join(', ')}\n`);
  rmSync(dir, { recursive: true, force: true });
};
