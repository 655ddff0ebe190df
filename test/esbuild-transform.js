// Jest transform: esbuild strips the types (type-checking is `tsc --noEmit` in `npm test`).
// ts-jest compiled each file with the TypeScript compiler, which dominated the test time.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
    });
    return { code, map };
  },
};
