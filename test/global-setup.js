// CLI tests run the bundled CLI and its start-up snapshot (what `npm run synth` runs).
const { execFileSync } = require('node:child_process');
const { resolve } = require('node:path');

module.exports = () => {
  execFileSync(process.execPath, [resolve(__dirname, '../scripts/build.mjs')], { stdio: 'inherit' });
};
