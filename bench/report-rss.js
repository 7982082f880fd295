// Preloaded into a benchmarked process: reports its peak resident memory and CPU time on
// exit (on stderr, one line each, so the benchmark can read them without touching stdout).
"use strict";
process.on("exit", () => {
  const usage = process.resourceUsage();
  process.stderr.write(`\nBENCH_MAX_RSS_KB=${usage.maxRSS}\nBENCH_CPU_MS=${Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)}\n`);
});
