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
  private floor: number;

  /**
   * `collect`: V8's gc(), there when node was started with --expose-gc (`npm run synth` is); without it, V8 collects as usual.
   * `heapUsed`: the heap in use now (a test passes its own: what V8 collects on its own makes real readings unrepeatable).
   */
  constructor(
    private readonly growthBytes = 32 * 2 ** 20,
    private readonly collect: (() => void) | undefined = exposedGc(),
    private readonly heapUsed: () => number = () => process.memoryUsage().heapUsed,
  ) {
    this.floor = heapUsed();
  }

  /** Collects if the heap grew past the budget (and says whether it did); call between units of work. */
  check(): boolean {
    if (this.heapUsed() - this.floor < this.growthBytes) return false;
    if (!this.collect) return false;
    this.collect();
    this.floor = this.heapUsed();
    return true;
  }
}

/** V8's gc(): a global when node was started with --expose-gc (a start-up flag: V8's flags are never changed at run time). */
function exposedGc(): (() => void) | undefined {
  const gc = (globalThis as { gc?: unknown }).gc;
  return typeof gc === 'function' ? (gc as () => void) : undefined;
}
