import { startupSnapshot } from 'node:v8';

/**
 * Full garbage collections on request, to bound the heap of a long synthesis.
 *
 * Synthesizing clusters in batches leaves each dropped batch in V8's old space (it lives through
 * a few scavenges), and V8 collects old space only once it has about doubled: at a thousand
 * clusters the heap reached ~200 MB, of which ~50 MB was alive. Collecting whenever the heap
 * has grown by `growthBytes` since the last collection keeps it near what is alive, for a few
 * tens of milliseconds per collection. 32 MB at 1,000 clusters: 244-256 MiB peak; 16 MB gave no
 * lower peak and took ~1 s longer (twice the collections); 48 MB peaked ~10 MiB higher.
 */
export class HeapBudget {
  private floor = process.memoryUsage().heapUsed;

  constructor(private readonly growthBytes = 32 * 2 ** 20) {}

  /** Collects if the heap grew past the budget (and says whether it did); call between units of work. */
  check(): boolean {
    const used = process.memoryUsage().heapUsed;
    if (used - this.floor < this.growthBytes) return false;
    const gc = collector();
    if (!gc) return false;
    gc();
    this.floor = process.memoryUsage().heapUsed;
    return true;
  }
}

let cached: (() => void) | null | undefined;

/** V8's gc(), exposed at run time (no node flag, so the start-up snapshot runs unchanged). */
function collector(): (() => void) | undefined {
  // A V8 flag set while the start-up snapshot is built would make it refuse to load.
  if (startupSnapshot.isBuildingSnapshot()) return undefined;
  if (cached === undefined) {
    try {
      (require('node:v8') as typeof import('node:v8')).setFlagsFromString('--expose-gc');
      cached = (require('node:vm') as typeof import('node:vm')).runInNewContext('gc') as () => void;
    } catch {
      cached = null;
    }
  }
  return cached ?? undefined;
}
