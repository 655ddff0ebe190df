import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../cli/cli-helpers';

/** The text of the README section under `heading` (to the next heading of any level). */
function section(readme: string, heading: string): string {
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README has no section "${heading}"`);
  const rest = readme.slice(start + heading.length + 2);
  const end = rest.search(/\n#{2,3} /);
  return end < 0 ? rest : rest.slice(0, end);
}

/** The section's only fenced yaml block, its list-item indentation removed. */
function yamlBlock(text: string): string {
  const blocks = [...text.matchAll(/^( *)```yaml\n([\s\S]*?)^\1```$/gm)];
  if (blocks.length !== 1) throw new Error(`expected one yaml block, found ${blocks.length}`);
  const [, indent, body] = blocks[0];
  return body
    .split('\n')
    .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
    .join('\n');
}

/** The first environment file the section names (`environments/<name>.yaml`). */
function fileNamed(text: string): string {
  const m = /`(environments\/[a-z0-9-]+\.yaml)`/.exec(text);
  if (!m) throw new Error('the section names no environments/<name>.yaml');
  return m[1];
}

const npm = (cwd: string, ...args: string[]) => {
  const r = spawnSync('npm', ['run', '--silent', ...args], { cwd, encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false', NODE_EXTRA_CA_CERTS: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const addCluster = section(README, '### Add a cluster');
const addEnvironment = section(README, '### Add an environment');
let copy: string;

beforeAll(() => {
  // The repository as a clone has it (tracked files and new ones not ignored), node_modules linked.
  copy = mkdtempSync(join(tmpdir(), 'ps-walkthrough-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\0');
  for (const f of files) {
    if (f === '' || !statSync(join(ROOT, f), { throwIfNoEntry: false })?.isFile()) continue;
    mkdirSync(dirname(join(copy, f)), { recursive: true });
    copyFileSync(join(ROOT, f), join(copy, f));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
});

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

test('the README walkthroughs name their steps: a YAML edit, npm run synth, then npm test', () => {
  for (const text of [addCluster, addEnvironment]) {
    expect(text).toContain('`npm run synth`');
    expect(text).toContain('`npm test`');
  }
});

test('"Add a cluster" and "Add an environment", followed as written on a copy of the repository, pass npm run synth and npm run check', () => {
  // Add a cluster: append the block to the file the section names.
  const envFile = join(copy, fileNamed(addCluster));
  const before = readFileSync(envFile, 'utf8');
  appendFileSync(envFile, `${before.endsWith('\n') ? '' : '\n'}${yamlBlock(addCluster)}`);
  const cluster = /- name: ([a-z0-9-]+)/.exec(yamlBlock(addCluster))![1];
  const env = /^name: ([a-z0-9-]+)$/m.exec(before)![1];

  // Add an environment: the file the section names, with the block as its content.
  const newFile = fileNamed(addEnvironment);
  writeFileSync(join(copy, newFile), yamlBlock(addEnvironment));
  const newEnv = /^name: ([a-z0-9-]+)$/m.exec(yamlBlock(addEnvironment))![1];
  expect(newFile).toBe(`environments/${newEnv}.yaml`);
  expect(existsSync(join(ROOT, 'dist', newEnv))).toBe(false);

  const synth = npm(copy, 'synth');
  expect({ code: synth.code, errors: synth.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('warning: ')) }).toEqual({ code: 0, errors: [] });
  // The new cluster: its folder and its child Applications.
  expect(readdirSync(join(copy, 'dist', env, cluster)).length).toBeGreaterThan(0);
  expect(readdirSync(join(copy, 'argocd', env, 'apps')).filter((f) => f.includes(`-${cluster}-`)).length).toBeGreaterThan(0);
  // The new environment: its dist/ folder and its root Application.
  expect(readdirSync(join(copy, 'dist', newEnv)).length).toBeGreaterThan(0);
  expect(existsSync(join(copy, 'argocd', newEnv, 'root.yaml'))).toBe(true);
  expect(npm(copy, 'config', '--', newEnv).stdout).toMatch(new RegExp(`^name: ${newEnv}$`, 'm'));

  const check = npm(copy, 'check');
  expect({ code: check.code, stderr: check.stderr }).toEqual({ code: 0, stderr: '' });
}, 600_000);

test('a stale JSON Schema fails npm run check; npm run synth writes it again', () => {
  const schema = join(copy, 'schemas/environment.schema.json');
  const good = readFileSync(schema, 'utf8');
  writeFileSync(schema, good.replace('"title": "Pipeline Service environment"', '"title": "edited"'));
  const check = npm(copy, 'check');
  expect(check.code).toBe(1);
  expect(check.stderr).toContain('schemas/environment.schema.json');
  expect(check.stderr).toContain('differs from what src/config/ generates: run npm run synth and commit it');
  expect(npm(copy, 'synth').code).toBe(0);
  expect(readFileSync(schema, 'utf8')).toBe(good);
}, 600_000);

test('a schema change in src/config/, built by something else first (npm test builds the CLI), is still written by npm run synth', () => {
  const source = join(copy, 'src/config/json-schema.ts');
  const original = readFileSync(source, 'utf8');
  // A synth first: the schema is up to date and stamped as such.
  expect(npm(copy, 'synth').code).toBe(0);
  writeFileSync(source, original.replace("title: 'Pipeline Service environment'", "title: 'Pipeline Service environment, edited'"));
  try {
    // As jest's global setup does: the bundle alone, no schema.
    execFileSync(process.execPath, [join(copy, 'scripts/build.mjs')], { cwd: copy, stdio: 'ignore' });
    expect(npm(copy, 'synth').code).toBe(0);
    expect(JSON.parse(readFileSync(join(copy, 'schemas/environment.schema.json'), 'utf8')).title).toBe('Pipeline Service environment, edited');
  } finally {
    writeFileSync(source, original);
  }
}, 600_000);
