// Preloaded into a benchmarked process: reports its peak resident memory on exit
// (on stderr, one line, so the benchmark can read it without touching stdout).
"use strict";
process.on("exit", () => {
  process.stderr.write(`\nBENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
