// The generated L1 converters (cdk8s-plus-27's `k8s` module and our `imports/`, from `cdk8s
// import`) drop undefined fields with `Object.entries(result).reduce((r, i) => ... ({ ...r,
// [i[0]]: i[1] }), {})`: a new object per field, quadratic in fields. At a thousand clusters that
// was ~10% of synth time and much of its garbage. When bundling, the expression is replaced by a
// call to src/lib/drop-undefined.ts, which gives the same object (tested); the sources themselves
// are not edited, and a converter whose text differs (another generator version) is left as is.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const PATTERN = 'Object.entries(result).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {})';
const HELPER = '__psDropUndefined';

/** The source with every converter expression replaced, and how many there were. */
function patchConverters(source, helperPath, { esm }) {
  const parts = source.split(PATTERN);
  const count = parts.length - 1;
  if (count === 0) return { contents: source, count };
  const body = parts.join(`${HELPER}(result)`);
  if (esm) return { contents: `import { dropUndefined as ${HELPER} } from ${JSON.stringify(helperPath)};\n${body}`, count };
  // After a leading "use strict" directive, which must stay first.
  const strict = /^(["'])use strict\1;?\n/.exec(body);
  const at = strict ? strict[0].length : 0;
  return { contents: `${body.slice(0, at)}const { dropUndefined: ${HELPER} } = require(${JSON.stringify(helperPath)});\n${body.slice(at)}`, count };
}

/** esbuild plugin: applies patchConverters to the k8s module and to `<root>/imports/*.ts`. */
function l1ConvertersPlugin(root) {
  const helperPath = join(root, 'src/lib/drop-undefined.ts');
  const escaped = root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const filter = new RegExp(`(cdk8s-plus-27[\\\\/]lib[\\\\/]imports[\\\\/]k8s\\.js|^${escaped}[\\\\/]imports[\\\\/][^\\\\/]+\\.ts)$`);
  return {
    name: 'l1-converters',
    setup(build) {
      build.onLoad({ filter }, (args) => {
        const esm = args.path.endsWith('.ts');
        const { contents } = patchConverters(readFileSync(args.path, 'utf8'), helperPath, { esm });
        return { contents, loader: esm ? 'ts' : 'js' };
      });
    },
  };
}

module.exports = { PATTERN, patchConverters, l1ConvertersPlugin };
