import { createHash } from 'node:crypto';
import { Dirent, lstatSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ENVIRONMENTS_DIR } from '../../config/environments-dir';
import { readRegularFile } from '../../lib/bounded-read';
import { OWNED_TREES } from './journal';
import { fsStep } from './output-error';
import { LOCK_FILE } from './output-lock';

/*
 * The no-op fast path of `npm run synth` (scripts/run.mjs). After a synth the launcher asked for,
 * the CLI records in the output folder what went in (a key) and what came out (every entry of
 * dist/ and argocd/ with its stats) and what it printed; the next run whose inputs hash to the same
 * key, and that finds the output exactly as recorded, replays the report instead of loading the CLI.
 * Built alone as build/synth-state.js, so the launcher checks without the CLI's 2 MB.
 */

/** The state file, in the output folder (git-ignored, like the lock file). */
export const STATE_FILE = '.synth.state.json';
const VERSION = 1;
/** Larger inputs are not hashed (the full path runs, and reports them). */
const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** What a synth printed: stdout and stderr, whole. */
export interface SynthOutputText {
  readonly stdout: string;
  readonly stderr: string;
}

interface SynthState extends SynthOutputText {
  readonly version: typeof VERSION;
  readonly key: string;
  readonly entries: readonly string[];
}

/** synth's options (src/cli/main.ts parses the same): the output folder and config file they name. */
export function parseSynthArgs(argv: readonly string[]): { outdir: string; config?: string; force: boolean } {
  const { values, positionals } = parseArgs({ args: [...argv], options: { config: { type: 'string' }, outdir: { type: 'string' }, wait: { type: 'string' }, force: { type: 'boolean' } }, allowPositionals: true });
  if (positionals.length > 0) throw new Error('synth takes no positional arguments');
  return { outdir: values.outdir ?? '.', config: values.config, force: values.force === true };
}

/**
 * A hash of everything synth's output depends on: the CLI bundle's bytes (all the code, the data
 * it embeds), node's version, the working folder, the arguments (but --force), and the text of each
 * environment read: the --config file, or every entry of environments/ the loader reads (hidden
 * ones it skips). Undefined when one cannot be read: the full path runs and reports it.
 */
export function synthStateKey(argv: readonly string[], cliFile: string, cwd: string = process.cwd()): string | undefined {
  try {
    const args = parseSynthArgs(argv);
    const h = createHash('sha256');
    const part = (label: string, text: string | Buffer) => {
      h.update(`${label}\0${Buffer.byteLength(text)}\0`);
      h.update(text);
    };
    part('version', String(VERSION));
    part('node', process.version);
    part('cwd', resolve(cwd));
    part('argv', JSON.stringify(argv.filter((a) => a !== '--force')));
    part('cli', readFileSync(cliFile));
    if (args.config !== undefined) {
      part('config', readRegularFile(resolve(cwd, args.config), MAX_INPUT_BYTES));
    } else {
      const dir = resolve(cwd, ENVIRONMENTS_DIR);
      for (const name of readdirSync(dir).sort()) {
        if (name.startsWith('.')) continue;
        part(`environment ${name}`, readRegularFile(join(dir, name), MAX_INPUT_BYTES));
      }
    }
    return h.digest('hex');
  } catch {
    return undefined;
  }
}

/**
 * Every entry of the owned trees (dist/, argocd/) below `outdir`, sorted, folders by name, files
 * with size, modification and change times and inode; undefined if any is neither (a link).
 */
function outputEntries(outdir: string): string[] | undefined {
  const out: string[] = [];
  const walk = (rel: string): boolean => {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(outdir, rel), { withFileTypes: true });
    } catch {
      return false;
    }
    out.push(`d ${rel}`);
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (!walk(path)) return false;
      } else if (e.isFile()) {
        const st = lstatSync(join(outdir, path), { bigint: true });
        if (!st.isFile()) return false;
        out.push(`f ${path} ${st.size} ${st.mtimeNs} ${st.ctimeNs} ${st.ino}`);
      } else return false;
    }
    return true;
  };
  try {
    for (const tree of OWNED_TREES) if (!walk(tree)) return undefined;
  } catch {
    return undefined;
  }
  return out;
}

/** Whether another synth is writing, or one was stopped midway (its lock or a staging folder is there). */
function busy(outdir: string): boolean {
  return readdirSync(outdir).some((n) => n.startsWith(LOCK_FILE) || /^\..*\.(staging|new|old)-/.test(n));
}

/**
 * The key of a synth with `argv` (undefined if an input cannot be read), and the recorded report
 * if `outdir` is up to date for it: the same key, no lock or staging folder, and dist/ and argocd/
 * exactly as recorded. Anything else (any read error included) has no report: synthesize.
 */
export function upToDate(argv: readonly string[], cliFile: string, cwd: string = process.cwd()): { key?: string; recorded?: SynthOutputText } {
  const key = synthStateKey(argv, cliFile, cwd);
  try {
    const { outdir: dir, force } = parseSynthArgs(argv);
    if (key === undefined || force) return { key };
    const outdir = resolve(cwd, dir);
    const state = JSON.parse(readFileSync(join(outdir, STATE_FILE), 'utf8')) as SynthState;
    if (state.version !== VERSION || state.key !== key || typeof state.stdout !== 'string' || typeof state.stderr !== 'string' || !Array.isArray(state.entries)) return { key };
    if (busy(outdir)) return { key };
    const entries = outputEntries(outdir);
    if (entries === undefined || entries.length !== state.entries.length || entries.some((e, i) => e !== state.entries[i])) return { key };
    return { key, recorded: { stdout: state.stdout, stderr: state.stderr } };
  } catch {
    return { key };
  }
}

/** Drops the state of `outdir` (at the start of every synth, under its lock): a synth that cannot, stops. */
export function removeSynthState(outdir: string): void {
  const file = join(outdir, STATE_FILE);
  fsStep('remove', file, () => rmSync(file, { force: true }));
}

/**
 * Records a synth just committed into `outdir` (under its lock), with the key its inputs had.
 * Best effort: the output is already written, and without a state the next run synthesizes.
 */
export function writeSynthState(outdir: string, key: string, printed: SynthOutputText): void {
  const entries = outputEntries(outdir);
  if (entries === undefined) return;
  const state: SynthState = { version: VERSION, key, entries, ...printed };
  const file = join(outdir, STATE_FILE);
  try {
    writeFileSync(`${file}.tmp`, JSON.stringify(state));
    renameSync(`${file}.tmp`, file);
  } catch {
    rmSync(`${file}.tmp`, { force: true });
  }
}
