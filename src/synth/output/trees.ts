import { TreeUpdate, TreeUpdateStats } from './tree-update';

/** Opens one update per tree (recovering interrupted runs and reading the old trees). */
export function openTrees(dirs: readonly string[]): TreeUpdate[] {
  const updates: TreeUpdate[] = [];
  try {
    for (const d of dirs) updates.push(new TreeUpdate(d));
  } catch (e) {
    for (const u of updates) u.abort();
    throw e;
  }
  return updates;
}

/** Commits the trees in order; a failure aborts those not committed yet. */
export function commitTrees(updates: readonly TreeUpdate[]): TreeUpdateStats[] {
  const stats: TreeUpdateStats[] = [];
  try {
    for (const u of updates) stats.push(u.commit());
  } catch (e) {
    for (const u of updates.slice(stats.length + 1)) u.abort();
    throw e;
  }
  return stats;
}
