import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { journalProblem } from '../../src/synth/output/journal';
import { recoverInterruptedRuns } from '../../src/synth/output/staging';
import { OutputTrees } from '../../src/synth/output/trees';
import { readTree } from '../cli/cli-helpers';
import { tempDir } from '../temp-dir';

const journal = (fields: Record<string, unknown>) => ({ version: 2, creates: [], removes: [], prunes: [], puts: [], ...fields });

describe('journalProblem: every path relative, normalized, inside dist/ or argocd/', () => {
  test('a journal synth writes passes', () => {
    expect(journalProblem(journal({ creates: ['argocd/dev'], removes: ['dist/dev/a.yaml'], prunes: ['dist/dev/old'], puts: ['dist/dev/b.yaml'] }))).toBeUndefined();
    expect(journalProblem(journal({ creates: ['dist'] }))).toBeUndefined();
  });

  test.each([
    [{ removes: ['../../outside/victim.txt'] }, 'removes[0] "../../outside/victim.txt" is not a path below the folder'],
    [{ puts: ['dist/../../outside/x'] }, 'puts[0] "dist/../../outside/x" is not normalized (empty, "." or ".." segments)'],
    [{ removes: ['/etc/passwd'] }, 'removes[0] "/etc/passwd" is an absolute path'],
    [{ prunes: ['dist//dev'] }, 'prunes[0] "dist//dev" is not normalized (empty, "." or ".." segments)'],
    [{ puts: ['dist/./x'] }, 'puts[0] "dist/./x" is not normalized (empty, "." or ".." segments)'],
    [{ puts: ['dist/x\u0000'] }, 'puts[0] "dist/x\\u0000" holds a NUL character'],
    [{ removes: ['src/main.ts'] }, 'removes[0] "src/main.ts" is not a path inside dist/ or argocd/ of the output folder'],
    [{ removes: ['.git/config'] }, 'removes[0] ".git/config" is not a path inside dist/ or argocd/ of the output folder'],
    [{ removes: ['distx/a'] }, 'removes[0] "distx/a" is not a path inside dist/ or argocd/ of the output folder'],
    [{ removes: ['dist'] }, 'removes[0] "dist" is not a path inside dist/ or argocd/ of the output folder'],
    [{ creates: ['..'] }, 'creates[0] ".." is not a path below the folder'],
    [{ puts: [42] }, 'puts[0] 42 is not a string'],
    [{ puts: 'dist/a' }, 'puts is not a list'],
    [{ version: 1 }, 'version is 1, not 2'],
    [{ extra: [] }, 'unknown field "extra"'],
  ])('%j is refused', (fields, problem) => {
    expect(journalProblem(journal(fields))).toBe(problem);
  });

  test('a journal of the writer before (no version) is refused', () => {
    expect(journalProblem({ puts: [], removes: ['../../outside/victim.txt'], prunes: [] })).toBe('version is undefined, not 2');
  });
});

describe('a planted journal is refused before anything is applied', () => {
  /** An output folder with dist/, a folder outside it with a victim file, and a staging folder. */
  function setUp() {
    const base = tempDir('journal-');
    const root = join(base, 'repo');
    const outside = join(base, 'outside');
    mkdirSync(join(root, 'dist/dev'), { recursive: true });
    writeFileSync(join(root, 'dist/dev/a.yaml'), 'a');
    mkdirSync(outside);
    writeFileSync(join(outside, 'victim.txt'), 'victim');
    const staging = join(root, '.synth.staging-1');
    mkdirSync(join(staging, 'files/dist/dev'), { recursive: true });
    const plant = (content: object | string) => writeFileSync(join(staging, 'journal.json'), typeof content === 'string' ? content : JSON.stringify(content));
    return { base, root, outside, staging, plant };
  }

  function expectRefused(root: string, staging: string, why: string) {
    let message = '';
    try {
      OutputTrees.open(root, ['dist', 'argocd']);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      `${join(staging, 'journal.json')}: ${why}; nothing was changed. This is not a journal synth wrote: look at it, delete the folder ${staging}, then run synth again`,
    );
    // Left for the user to look at.
    expect(existsSync(join(staging, 'journal.json'))).toBe(true);
  }

  test('a removal outside the output folder: the file outside survives, nothing in the tree changes', () => {
    const { root, outside, staging, plant } = setUp();
    // A valid entry first: it must not be applied either.
    plant(journal({ removes: ['dist/dev/a.yaml', '../outside/victim.txt'] }));
    expectRefused(root, staging, 'removes[1] "../outside/victim.txt" is not a path below the folder');
    expect(readFileSync(join(outside, 'victim.txt'), 'utf8')).toBe('victim');
    expect(readTree(join(root, 'dist'))).toEqual({ 'dev/a.yaml': 'a' });
  });

  test('a journal of the writer before, as the issue planted it', () => {
    const { root, outside, staging, plant } = setUp();
    plant({ puts: [], removes: ['../../outside/victim.txt'], prunes: [] });
    expectRefused(root, staging, 'version is undefined, not 2');
    expect(readFileSync(join(outside, 'victim.txt'), 'utf8')).toBe('victim');
  });

  test('a put that would move a planted file outside', () => {
    const { root, outside, staging, plant } = setUp();
    writeFileSync(join(staging, 'files/planted.txt'), 'planted');
    plant(journal({ puts: ['dist/../../outside/planted.txt'] }));
    expectRefused(root, staging, 'puts[0] "dist/../../outside/planted.txt" is not normalized (empty, "." or ".." segments)');
    expect(readdirSync(outside)).toEqual(['victim.txt']);
  });

  test('a removal through a symbolic link inside dist/ (a lexically fine path)', () => {
    const { root, outside, staging, plant } = setUp();
    symlinkSync(outside, join(root, 'dist/link'));
    plant(journal({ removes: ['dist/link/victim.txt'] }));
    expectRefused(root, staging, `${root}: dist/link (to ${outside}) is a symbolic link; synth does not write, move or remove through links: replace it with a real folder (or delete it), then run synth again`);
    expect(readFileSync(join(outside, 'victim.txt'), 'utf8')).toBe('victim');
  });

  test('a put whose staged side goes through a link (it would move a file from outside in)', () => {
    const { root, outside, staging, plant } = setUp();
    symlinkSync(outside, join(staging, 'files/dist/out'));
    plant(journal({ puts: ['dist/out/victim.txt'] }));
    expectRefused(root, staging, `${staging}: files/dist/out (to ${outside}) is a symbolic link; synth does not write, move or remove through links: replace it with a real folder (or delete it), then run synth again`);
    expect(readFileSync(join(outside, 'victim.txt'), 'utf8')).toBe('victim');
  });

  test('a journal that is a link, or not JSON', () => {
    const { root, outside, staging } = setUp();
    writeFileSync(join(outside, 'j.json'), JSON.stringify(journal({})));
    symlinkSync(join(outside, 'j.json'), join(staging, 'journal.json'));
    expectRefused(root, staging, 'is not a regular file');
    const second = setUp();
    const text = '{"version": 2,';
    second.plant(text);
    const parseError = (() => {
      try {
        return JSON.parse(text) as never;
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expectRefused(second.root, second.staging, `is not JSON (${parseError})`);
  });

  test('a staging name that is a link to a folder elsewhere: the link is removed, the folder untouched', () => {
    const { root, outside } = setUp();
    const elsewhere = join(outside, 'staging');
    mkdirSync(join(elsewhere, 'files'), { recursive: true });
    writeFileSync(join(elsewhere, 'journal.json'), JSON.stringify(journal({ removes: ['dist/dev/a.yaml'] })));
    symlinkSync(elsewhere, join(root, '.synth.staging-2'));
    recoverInterruptedRuns(root);
    expect(existsSync(join(root, '.synth.staging-2'))).toBe(false);
    expect(readdirSync(elsewhere).sort()).toEqual(['files', 'journal.json']);
    expect(readTree(join(root, 'dist'))).toEqual({ 'dev/a.yaml': 'a' });
  });

  test('a journal confined to dist/ is completed (what a killed run leaves)', () => {
    const { root, staging, plant } = setUp();
    writeFileSync(join(staging, 'files/dist/dev/b.yaml'), 'b');
    plant(journal({ removes: ['dist/dev/a.yaml'], puts: ['dist/dev/b.yaml'] }));
    recoverInterruptedRuns(root);
    expect(readTree(join(root, 'dist'))).toEqual({ 'dev/b.yaml': 'b' });
    expect(readdirSync(root)).toEqual(['dist']);
  });

  test('a staged file missing while its target is missing too: the journal cannot be completed, and says so', () => {
    const { root, staging, plant } = setUp();
    plant(journal({ puts: ['dist/dev/gone.yaml'] }));
    expect(() => recoverInterruptedRuns(root)).toThrow(
      `cannot move the staged file into ${join(root, 'dist/dev/gone.yaml')}: does not exist; the journal stays in ${staging} and the next synth completes this change`,
    );
  });
});
