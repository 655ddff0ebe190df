import { join, posix } from 'node:path';
import { MANIFEST_GENERATE_PATHS } from '../../src/argocd/child-application';
import { environmentNames, loadEnvironmentByName } from '../../src/config';
import { buildArgoCd } from './build';

describe('child Applications at fleet scale', () => {
  test('every child names its own folder as the only path a commit must touch to regenerate it', () => {
    const { out } = buildArgoCd({ git: { repoURL: 'https://github.com/example-org/m.git', revision: 'refs/heads/release-1' } });
    const children = [...out.objects.entries()].filter(([f, o]: [string, any]) => f.startsWith('test/apps/') && o.kind === 'Application').map(([, o]) => o as any);
    expect(children.length).toBeGreaterThan(0);
    for (const a of children) {
      expect(a.metadata.annotations[MANIFEST_GENERATE_PATHS]).toBe('.');
      // Relative paths resolve against the source path: `.` is exactly the app's dist folder.
      expect(posix.join(a.spec.source.path, a.metadata.annotations[MANIFEST_GENERATE_PATHS])).toBe(a.spec.source.path);
      expect(a.spec.source.path).toMatch(/^dist\/test\//);
      expect(a.spec.source.targetRevision).toBe('refs/heads/release-1');
    }
    // The root app's own folder is argocd/<env>/apps, regenerated on any app change: no annotation.
    expect((out.objects.get('test/root.yaml') as any).metadata.annotations?.[MANIFEST_GENERATE_PATHS]).toBeUndefined();
  });

  test('shipped environments follow branches by their full name, so a tag of the same name cannot take over', () => {
    const dir = join(__dirname, '../../environments');
    const names = environmentNames(dir);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(loadEnvironmentByName(name, dir).git.revision).toMatch(/^(refs\/(heads|tags)\/.+|[0-9a-f]{40})$/);
  });
});
