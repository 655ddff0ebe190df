import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ConfigError, EnvironmentConfig } from '../config';
import { ENVIRONMENTS } from '../environments';
import { SynthError } from '../synth/manifests';
import { shippedEnvironment, synth } from './main';

/** Enough clusters for two batches (src/synth/batches.ts), and below the writer thread's threshold. */
const WARM_UP_CLUSTERS = 30;

/**
 * Runs synth while the start-up snapshot is built (src/cli/snapshot.ts), so that the snapshot
 * holds the functions synth runs already compiled to bytecode, not only loaded: otherwise every
 * run parses and compiles them again on first call: -19% instructions for the shipped environments
 * (`npm run icount`), for a blob 0.8 MB larger (~9 ms more to load).
 *
 * It writes only below a temporary folder, and runs the paths of a real synth: the shipped
 * environments, then an environment file (YAML) of copies of the first one's first cluster; each
 * into an empty folder, then again over its own output. Caches it fills (rendered YAML scalars) are keyed
 * by value, so no output depends on it; the CLI tests run the snapshot against the bundle.
 */
export async function warmUp(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ps-warm-up-'));
  try {
    for (let run = 0; run < 2; run++) await synth(['--outdir', join(dir, 'shipped')]);
    const [first] = Object.keys(ENVIRONMENTS);
    const base = first === undefined ? undefined : shippedEnvironment(first);
    if (base && base.clusters.length > 0) {
      const file = join(dir, 'environment.yaml');
      writeFileSync(file, stringify(copiesOfFirstCluster(base, WARM_UP_CLUSTERS)));
      for (let run = 0; run < 2; run++) await synth(['--config', file, '--outdir', join(dir, 'file')]);
    }
  } catch (e) {
    // Invalid shipped environments: the run that follows reports them. Anything else is a bug.
    if (!(e instanceof ConfigError || e instanceof SynthError)) throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function copiesOfFirstCluster(base: EnvironmentConfig, count: number): EnvironmentConfig {
  const [first] = base.clusters;
  // No SyncTarget UIDs: copies of one would collide.
  const kcp = first.kcp ? { ...first.kcp, syncTargetUID: undefined } : undefined;
  const clusters = Array.from({ length: count }, (_, i) => ({ ...first, name: `warm-up-${i}`, destination: { name: `warm-up-${i}` }, kcp }));
  const pacGateway = base.pacGateway ? { pacGateway: { ...base.pacGateway, cluster: clusters[0].name } } : {};
  return { ...base, name: 'warm-up', clusters, ...pacGateway };
}
