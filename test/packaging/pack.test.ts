// The package as another team gets it: `npm pack` (which runs "prepack": tsc into lib/), the
// tarball installed into a fresh cdk8s app, the README's example compiled there against the
// package's declarations and run; its output must equal the same example run on this project's
// sources. Also what the tarball holds, and its CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { transformSync } from 'esbuild';
import { FIXTURE_ENVIRONMENTS } from '../helpers';

const root = resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const env = { ...process.env, NODE_EXTRA_CA_CERTS: '', CDK8S_CHECK_UPGRADE: 'false', npm_config_update_notifier: 'false' };
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** The TypeScript block of the README section a user follows. */
function readmeExample(readme: string): string {
  const section = readme.split(/^## /m).find((s) => s.startsWith('Use the constructs in your own cdk8s app'));
  const block = section?.match(/^```ts\n([\s\S]*?)^```$/m);
  if (!block) throw new Error('README: no ```ts block under "Use the constructs in your own cdk8s app"');
  return block[1];
}

let tmp: string;
let files: string[];
let app: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ps-pack-'));
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', tmp], root));
  files = packed.files.map((f: { path: string }) => f.path);

  app = join(tmp, 'app');
  mkdirSync(app);
  const dependencies = { cdk8s: pkg.devDependencies.cdk8s, constructs: pkg.devDependencies.constructs, [pkg.name]: `file:${join(tmp, packed.filename)}` };
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer-app', private: true, dependencies }));
  // From npm's cache when it has the packages (after `npm ci`, as in CI), else from the registry.
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], app);
}, 300_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('npm pack', () => {
  test('ships compiled modules, declarations and the documents, not sources or tests', () => {
    expect(files).toEqual(expect.arrayContaining(['lib/src/index.js', 'lib/src/index.d.ts', 'lib/src/cli/bin.js', 'lib/imports/olm-subscription-operators.coreos.com.js', 'lib/imports/schemas/olm-subscription.json', 'README.md', 'LICENSE', 'API.md', 'CHANGELOG.md', 'package.json']));
    // The JSON Schema of environment files, for editors: `$schema=node_modules/<package>/schemas/environment.schema.json`.
    expect(files.filter((f) => !/^lib\/.*\.(js|d\.ts|json)$/.test(f)).sort()).toEqual(['API.md', 'CHANGELOG.md', 'LICENSE', 'README.md', 'package.json', 'schemas/environment.schema.json']);
  });

  test('the README example, compiled against the installed package, synthesizes what the sources do', () => {
    const example = readmeExample(readFileSync(join(root, 'README.md'), 'utf8'));
    writeFileSync(join(app, 'main.ts'), example);
    // node16 resolution reads the package's "exports" (what current TypeScript projects use).
    const compilerOptions = { strict: true, module: 'node16', moduleResolution: 'node16', target: 'es2022', skipLibCheck: true, types: [] };
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['main.ts'] }));
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', app], { cwd: app, env, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    execFileSync(process.execPath, ['main.js'], { cwd: app, env: { ...env, CDK8S_OUTDIR: join(app, 'dist') }, stdio: 'pipe' });

    // The same program on this project's sources, in this process.
    const ours = join(tmp, 'ours');
    const { code } = transformSync(example, { loader: 'ts', format: 'cjs', target: 'node20' });
    const load = (id: string) => (id === pkg.name ? require('../../src') : require(id));
    const before = process.env.CDK8S_OUTDIR;
    process.env.CDK8S_OUTDIR = ours;
    try {
      new Function('require', code)(load);
    } finally {
      if (before === undefined) delete process.env.CDK8S_OUTDIR;
      else process.env.CDK8S_OUTDIR = before;
    }

    expect(readdirSync(join(app, 'dist'))).toEqual(['pipeline-service.k8s.yaml']);
    const theirs = readFileSync(join(app, 'dist/pipeline-service.k8s.yaml'), 'utf8');
    expect(theirs).toBe(readFileSync(join(ours, 'pipeline-service.k8s.yaml'), 'utf8'));
    for (const kind of ['Subscription', 'TektonConfig', 'Deployment']) expect(theirs).toContain(`kind: ${kind}\n`);
  }, 120_000);

  test('the installed package resolves one copy of cdk8s and constructs (peer dependencies)', () => {
    const nested = join(app, 'node_modules', pkg.name, 'node_modules');
    for (const peer of ['cdk8s', 'constructs']) expect(() => readdirSync(join(nested, peer))).toThrow(/ENOENT/);
    expect(require(join(app, 'node_modules/cdk8s/package.json')).version).toBe(pkg.devDependencies.cdk8s);
  });

  test('the CLI runs from the installed package, on the environments/ of its working folder', () => {
    mkdirSync(join(app, 'environments'), { recursive: true });
    copyFileSync(join(FIXTURE_ENVIRONMENTS, 'dev.yaml'), join(app, 'environments/dev.yaml'));
    const out = execFileSync(join(app, 'node_modules/.bin', pkg.name), ['config', 'dev'], { cwd: app, env, encoding: 'utf8' });
    expect(out).toMatch(/^name: dev$/m);
    // The train's defaults ship in the package.
    expect(out).toMatch(/^ {4}image: ghcr\.io\/kcp-dev\/kcp\/syncer:v0\.11\.0@sha256:/m);
  }, 60_000);
});
