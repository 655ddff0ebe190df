import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, environmentNames, loadEnvironmentByName } from '../../src/config';
import { FIXTURE_ENVIRONMENTS } from '../helpers';
import { cliIn, tempDir } from './cli-helpers';

/** A working folder whose environments/ holds `files` (name -> content; a fixture name copies that fixture). */
function project(files: Record<string, string>): string {
  const cwd = tempDir();
  mkdirSync(join(cwd, 'environments'));
  for (const [name, content] of Object.entries(files)) {
    if (content.startsWith('fixture:')) copyFileSync(join(FIXTURE_ENVIRONMENTS, content.slice('fixture:'.length)), join(cwd, 'environments', name));
    else writeFileSync(join(cwd, 'environments', name), content);
  }
  return cwd;
}

/** The stderr lines of a synth in `cwd` that must fail (exit 1) and write nothing. */
function synthRefused(cwd: string): string[] {
  const r = cliIn(cwd, 'synth');
  expect(r.code).toBe(1);
  expect(readdirSync(cwd).sort()).toEqual(['environments']);
  return r.stderr.split('\n').filter((l) => l !== '');
}

const minimal = (name: string) => `name: ${name}\ntrain: phase-1\nclusters:\n  - name: a\n    destination:\n      name: a\n`;

describe('environments/: one <name>.yaml per environment', () => {
  test('every <name>.yaml is an environment, sorted by name; hidden files (editor swap files) are skipped', () => {
    const cwd = project({ 'b.yaml': minimal('b'), 'a.yaml': minimal('a'), '.a.yaml.swp': 'x' });
    expect(environmentNames(join(cwd, 'environments'))).toEqual(['a', 'b']);
  });

  test('any other file is refused by name, one line each, and synth writes nothing', () => {
    const cwd = project({ 'dev.yaml': 'fixture:dev.yaml', 'prod.yml': minimal('prod'), 'NOTES.md': 'notes' });
    expect(synthRefused(cwd)).toEqual([
      'error: environments: invalid configuration (2 problems), nothing written:',
      '"NOTES.md": not an environment file: environments/ holds only <name>.yaml files, one environment each',
      '"prod.yml": not an environment file: environments/ holds only <name>.yaml files, one environment each',
    ]);
  });

  test('name: must be the file name: one line naming the file, nothing written', () => {
    const cwd = project({ 'dev.yaml': 'fixture:dev.yaml', 'staging.yaml': minimal('dev') });
    expect(synthRefused(cwd)).toEqual([
      'error: environments/staging.yaml: invalid configuration (1 problem), nothing written:',
      'name: must be "staging", the file\'s name (got "dev"): rename the file or the environment',
    ]);
    expect(() => loadEnvironmentByName('staging', join(cwd, 'environments'))).toThrow(ConfigError);
  });

  test('an invalid environment file: its problems by field path, under the file name', () => {
    const cwd = project({ 'dev.yaml': minimal('dev').replace('train: phase-1', 'train: nope') });
    const r = cliIn(cwd, 'config', 'dev');
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('error: environments/dev.yaml: invalid configuration (1 problem), nothing written:');
    expect(r.stderr.split('\n')[1]).toMatch(/^train: unknown train "nope"/);
  });

  test('no environments/ folder, or an empty one: a one-line error', () => {
    const none = tempDir();
    const r = cliIn(none, 'synth');
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').slice(0, 2)).toEqual(['error: environments: invalid configuration (1 problem), nothing written:', 'cannot be read: it does not exist (or is a dangling link)']);
    const empty = project({});
    expect(cliIn(empty, 'synth').stderr).toContain('holds no environment: add <name>.yaml (README "Add an environment")');
  });

  test('config <env> prints the effective config of environments/<env>.yaml; an unknown name lists the known ones', () => {
    const cwd = project({ 'dev.yaml': 'fixture:dev.yaml' });
    const r = cliIn(cwd, 'config', 'dev');
    expect(r.code).toBe(0);
    // Filled in by the train: the kcp syncer image and the TektonConfig params the file leaves out.
    expect(readFileSync(join(cwd, 'environments/dev.yaml'), 'utf8')).not.toContain('syncer:');
    expect(r.stdout).toMatch(/^ {4}image: ghcr\.io\/kcp-dev\/kcp\/syncer:v0\.11\.0@sha256:/m);
    expect(r.stdout).toContain('    - name: createRbacResource\n');
    const unknown = cliIn(cwd, 'config', 'staging');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toBe('error: unknown environment "staging" (known: dev)');
  });
});
