// Preloaded by scripts/bench.mjs: reports the process's peak RSS (KiB) on exit to the file named in BENCH_RUSAGE_FILE.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  if (process.env.BENCH_RUSAGE_FILE) writeFileSync(process.env.BENCH_RUSAGE_FILE, String(process.resourceUsage().maxRSS));
});
