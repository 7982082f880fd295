import { sharedTracePath } from "../lib/preview/shared-traces";
import { spawnSync } from "node:child_process";
import { loadEnvironmentFile } from "../lib/config/load";
import { readTrace } from "../lib/preview/read-trace";
import { previewTargetOf } from "../lib/preview/service-model";
import { simulate } from "../lib/preview/simulate";
import { scaleTrace } from "../lib/preview/trace";

/**
 * `npm run bench:preview`: how long the scaling preview takes on the 14-day ServeGen trace
 * (20,160 minutes) against prod's chat, with the trace scaled to a tenth (about 1,300 requests
 * a minute, the load that service is sized for). Reports the whole command (`npm run preview
 * -- ... --json`, a fresh process) and the replay alone, each the median of RUNS runs.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TRACE = sharedTracePath("servegen-m-large-14d-rate-10min.csv");
const ARGS = ["--env", "prod", "--service", "chat", "--trace", TRACE, "--scale", "0.1", "--json"];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function main(): void {
  const commandMs: number[] = [];
  let peakKb = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ["-r", "./bench/report-rss.js", "-r", "./scripts/register.js", "scripts/preview.ts", ...ARGS], { encoding: "utf8" });
    commandMs.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (run.status !== 0) throw new Error(`preview failed:\n${run.stderr}`);
    const rss = /BENCH_MAX_RSS_KB=(\d+)/.exec(run.stderr);
    if (rss) peakKb = Math.max(peakKb, Number(rss[1]));
  }

  const target = previewTargetOf(loadEnvironmentFile("config/prod.yaml"), "chat");
  const readMs: number[] = [];
  const replayMs: number[] = [];
  let minutes = 0;
  for (let i = 0; i < RUNS; i++) {
    let start = process.hrtime.bigint();
    const trace = scaleTrace(readTrace({ trace: TRACE }), 0.1);
    readMs.push(Number(process.hrtime.bigint() - start) / 1e6);
    start = process.hrtime.bigint();
    minutes = simulate(trace, target).minutes;
    replayMs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  console.log(`runs: ${RUNS} (node ${process.version}, ${require("node:os").cpus().length} cores); trace ${TRACE}, ${minutes} minutes (${minutes / 1440} days)`);
  console.log(`npm run preview -- ${ARGS.join(" ")}`);
  console.log(`  whole command (fresh process): ${median(commandMs).toFixed(0)} ms median, ${Math.min(...commandMs).toFixed(0)} ms min, peak ${(peakKb / 1024).toFixed(0)} MB`);
  console.log(`  reading the trace:             ${median(readMs).toFixed(1)} ms median`);
  console.log(`  replaying 14 days:             ${median(replayMs).toFixed(1)} ms median (${((1000 * median(replayMs)) / minutes).toFixed(1)} us per simulated minute)`);
}

main();
