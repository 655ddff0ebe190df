import { join } from 'node:path';
import { DeployedObject, checkObjects, formatFinding, parseManifests, readTree } from '../../src/validate';
import { shippedEnvironments } from '../../src/cli/check';
import { ROOT, registry } from './fixture-helpers';

/** The same checks `npm run check` runs, in-process on the committed dist/ (the CLI test proves dist/ is fresh). */
test('every committed object passes schema, policy and duplicate checks', () => {
  const files = new Map([...readTree(join(ROOT, 'dist'))].map(([p, c]) => [`dist/${p}`, c]));
  const { objects, findings } = parseManifests(files);
  expect(findings).toEqual([]);
  expect(objects.length).toBeGreaterThan(0);
  const deployed: DeployedObject[] = objects.map((o) => ({ ...o, destination: `${o.file.split('/')[1]}/${o.target}` }));
  const result = checkObjects(deployed, { registry, exceptions: shippedEnvironments().exceptions, reportUnusedExceptions: true });
  expect(result.findings.map(formatFinding)).toEqual([]);
  expect(result.objects).toBe(objects.length);
});
