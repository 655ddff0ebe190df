// The environments `npm run bench` and `npm run icount` synthesize: N copies of dev's first
// cluster (so every per-cluster feature is exercised), as the YAML a user would write.
import { execFileSync } from 'node:child_process';
import { parse, stringify } from 'yaml';
import { CLI_ENV } from './cli-env.mjs';

/** dev's effective config, from the CLI's start-up snapshot at `blob`. */
export function devConfig(blob) {
  return parse(execFileSync(process.execPath, ['--snapshot-blob', blob, 'config', 'dev'], { encoding: 'utf8', env: CLI_ENV }));
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
  // The gateway rides on the first cluster (dev names its own, which the copies replace).
  const pacGateway = base.pacGateway ? { pacGateway: { ...base.pacGateway, cluster: clusters[0].name } } : {};
  // PaC webhooks reach only that cluster, so consumers are placed there (single-cluster mode).
  const kcp = base.kcp && base.pacGateway ? { kcp: { ...base.kcp, locations: (base.kcp.locations ?? []).map((l) => ({ ...l, instanceSelector: { 'kuadrant.dev/synctarget': clusters[0].name } })) } } : {};
  return stringify({ ...base, name: 'bench', clusters, ...pacGateway, ...kcp });
}
