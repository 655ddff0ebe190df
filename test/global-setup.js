// CLI tests run the bundled CLI (what `npm run synth` runs, through scripts/run.mjs).
const { execFileSync } = require('node:child_process');
const { resolve } = require('node:path');

module.exports = () => {
  execFileSync(process.execPath, [resolve(__dirname, '../scripts/build.mjs')], { stdio: 'inherit' });
};
