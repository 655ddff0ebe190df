// The environments `npm run bench` and `npm run icount` synthesize: N copies of the first cluster
// of the scale fixture (test/fixtures/scale/100-clusters.yaml: every per-cluster feature), as the
// YAML a user would write. The fixture, not a shipped environment: the bench measures the same
// thing whatever the shipped environments become.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

/** The scale fixture below `root`, parsed. */
export function baseConfig(root) {
  return parse(readFileSync(join(root, 'test/fixtures/scale/100-clusters.yaml'), 'utf8'));
}

/** An environment file of `n` copies of `base`'s first cluster. */
export function benchEnvironment(base, n) {
  const template = base.clusters[0];
  const clusters = Array.from({ length: n }, (_, i) => {
    const c = structuredClone(template);
    c.name = `bench-${String(i).padStart(4, '0')}`;
    c.destination = { name: c.name };
    if (c.kcp?.syncTargetUID) c.kcp.syncTargetUID = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    return c;
  });
  // The gateway rides on the first cluster.
  const pacGateway = base.pacGateway ? { pacGateway: { ...base.pacGateway, cluster: clusters[0].name } } : {};
  // PaC webhooks reach only that cluster, so consumers are placed there (single-cluster mode).
  const kcp = base.kcp && base.pacGateway ? { kcp: { ...base.kcp, locations: (base.kcp.locations ?? []).map((l) => ({ ...l, instanceSelector: { 'kuadrant.dev/synctarget': clusters[0].name } })) } } : {};
  return stringify({ ...base, name: 'bench', clusters, ...pacGateway, ...kcp });
}
