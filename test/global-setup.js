// CLI tests run the bundled CLI, exactly as `npm run synth` does.
const { execFileSync } = require('node:child_process');
const { resolve } = require('node:path');

module.exports = () => {
  execFileSync(process.execPath, [resolve(__dirname, '../scripts/build.mjs')], { stdio: 'inherit' });
};
