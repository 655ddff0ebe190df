import { join } from 'node:path';
import { parseManifests } from '../../src/argocd/consistency';
import { environmentNames } from '../../src/config';
import { ROOT, readTree } from '../cli/cli-helpers';
import { crdValidator } from './crd-schema';

const validators: Record<string, (o: unknown) => string[]> = {
  Application: crdValidator('argocd-application'),
  AppProject: crdValidator('argocd-appproject'),
};

describe('argocd/ validates against the Argo CD v2.9 CRDs', () => {
  const shipped = environmentNames(join(ROOT, 'environments'));
  test('there are shipped environments', () => expect(shipped.length).toBeGreaterThan(0));
  for (const env of shipped) {
    test(`argocd/${env}`, () => {
      const objects = [...parseManifests(readTree(join(ROOT, 'argocd', env))).entries()].filter(([, o]) => o.apiVersion === 'argoproj.io/v1alpha1');
      expect(objects.map(([, o]) => o.kind)).toEqual(expect.arrayContaining(['Application', 'AppProject']));
      for (const [file, o] of objects) expect({ file, errors: validators[o.kind](o) }).toEqual({ file, errors: [] });
    });
  }

  test('the validator rejects what the CRD rejects', () => {
    expect(validators.Application({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'x' }, spec: { destination: {}, project: 1, source: { path: 'a' } } })).toEqual(
      expect.arrayContaining(['/spec/project must be string', "/spec/source must have required property 'repoURL'"]),
    );
    expect(validators.AppProject({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name: 'x' }, spec: { clusterResourceWhitelist: [{ kind: 'Namespace' }] } })).toEqual([
      "/spec/clusterResourceWhitelist/0 must have required property 'group'",
    ]);
  });
});
