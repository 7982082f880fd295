import { spawnSync } from "node:child_process";
import { cpus } from "node:os";
import { Readable } from "node:stream";
import { loadEnvironmentFile } from "../lib/config/load";
import { readTrace, readTraceStream } from "../lib/preview/read-trace";
import { recommend } from "../lib/preview/recommend";
import { bestStaticCount, fitFactor, referenceSchedule } from "../lib/preview/reference";
import { previewTargetOf } from "../lib/preview/service-model";
import { sharedTracePath } from "../lib/preview/shared-traces";
import { simulate } from "../lib/preview/simulate";
import { AWS_DYNAMICS } from "../lib/preview/dynamics";
import { scaleTrace } from "../lib/preview/trace";
import { readFileSync } from "node:fs";

/**
 * `npm run bench:preview`: how long the scaling preview takes on the 14-day ServeGen trace
 * (20,160 minutes) against prod's chat, the trace fitted to the service (its busiest minute needs
 * 70% of what the maximum serves within the objectives):
 * - the whole command (`npm run preview -- ... --json`, a fresh process), median of RUNS;
 * - reading the trace, one replay, the reference and the best static count, each the median of RUNS
 *   (wall clock, and CPU time, which a busy machine disturbs less);
 * - the recommender (`--recommend`) on the same trace, once;
 * - streaming a generated Azure-format trace of STREAM_MB (default 1024 MB) through the reader, with
 *   the peak RSS: memory follows the days the trace spans, not its size.
 * Environment: BENCH_RUNS (default 5), BENCH_ENV / BENCH_SERVICE (default prod / chat), BENCH_STREAM_MB (0 skips).
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ENV = process.env.BENCH_ENV ?? "prod";
const SERVICE = process.env.BENCH_SERVICE ?? "chat";
const STREAM_MB = Number(process.env.BENCH_STREAM_MB ?? 1024);
const TRACE = sharedTracePath("servegen-m-large-14d-rate-10min.csv");
const ARGS = ["--env", ENV, "--service", SERVICE, "--trace", TRACE, "--scale", "fit", "--json"];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Wall and CPU milliseconds of `work`. */
async function timed<T>(work: () => T | Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { value, wall: Number(process.hrtime.bigint() - start) / 1e6, cpu: (used.user + used.system) / 1000 };
}

/** `lines` Azure 2024 rows spread over `days` days, generated as the stream is read. */
function* azureRows(bytes: number, days: number): Generator<string> {
  yield "TIMESTAMP,ContextTokens,GeneratedTokens\n";
  const rowBytes = 52;
  const lines = Math.floor(bytes / rowBytes);
  const start = Date.UTC(2024, 4, 10);
  let chunk = "";
  for (let i = 0; i < lines; i++) {
    const ms = start + Math.floor((i * days * 86_400_000) / lines);
    chunk += `${new Date(ms).toISOString().replace("T", " ").replace("Z", "")}+00:00,${100 + (i % 4000)},${10 + (i % 500)}\n`;
    if (chunk.length > 256 * 1024) {
      yield chunk;
      chunk = "";
    }
  }
  yield chunk;
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${cpus().length} cores; ${RUNS} runs each; ${ENV} / ${SERVICE} on ${TRACE}`);

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
  console.log(`npm run preview -- ${ARGS.join(" ")}`);
  console.log(`  whole command (fresh process, replay + reference + best static): ${median(commandMs).toFixed(0)} ms median, peak ${(peakKb / 1024).toFixed(0)} MB`);

  const target = previewTargetOf(loadEnvironmentFile(`config/${ENV}.yaml`), SERVICE);
  const reads = [];
  for (let i = 0; i < RUNS; i++) reads.push(await timed(() => readTrace({ trace: TRACE })));
  const raw = reads[0].value;
  const factor = fitFactor(raw, target);
  const trace = scaleTrace(raw, factor);
  const replays = [];
  for (let i = 0; i < RUNS; i++) replays.push(await timed(() => simulate(trace, target)));
  const minutes = replays[0].value.minutes;
  const references = [];
  for (let i = 0; i < RUNS; i++) references.push(await timed(() => referenceSchedule(trace, target)));
  const statics = [];
  for (let i = 0; i < RUNS; i++) statics.push(await timed(() => bestStaticCount(trace, target)));
  const line = (what: string, runs: Array<{ wall: number; cpu: number }>, extra = "") =>
    console.log(`  ${what.padEnd(34)} ${median(runs.map((r) => r.wall)).toFixed(1).padStart(8)} ms median (${median(runs.map((r) => r.cpu)).toFixed(1)} ms CPU)${extra}`);
  console.log(`in one process (trace x${factor.toFixed(4)}, ${minutes} minutes = ${minutes / 1440} days):`);
  line("reading the trace", reads);
  line(`replaying ${minutes / 1440} days`, replays, `, ${((1000 * median(replays.map((r) => r.cpu))) / minutes).toFixed(2)} us CPU per simulated minute`);
  line("reference (dynamic programming)", references);
  line("best static count", statics);

  const text = readFileSync(`config/${ENV}.yaml`, "utf8");
  const recommended = await timed(() => recommend(text, `config/${ENV}.yaml`, SERVICE, trace, { overrides: { dynamics: AWS_DYNAMICS }, dynamics: AWS_DYNAMICS, start: "warm" }));
  console.log(`npm run preview -- ${ARGS.slice(0, -1).join(" ")} --recommend`);
  console.log(
    `  recommend: ${(recommended.wall / 1000).toFixed(1)} s (${(recommended.cpu / 1000).toFixed(1)} s CPU), ${recommended.value.evaluated} settings replayed; best $${recommended.value.best.cost.toFixed(2)} (${recommended.value.best.meets ? "meets" : "misses"}) against $${recommended.value.current.cost.toFixed(2)} now and $${recommended.value.reference.cost.toFixed(2)} for the reference`,
  );

  if (STREAM_MB > 0) {
    const bytes = STREAM_MB * 1024 * 1024;
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    let chunks = 0;
    const source = Readable.from(
      (function* () {
        for (const chunk of azureRows(bytes, 14)) {
          if (++chunks % 64 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
          yield chunk;
        }
      })(),
    );
    const streamed = await timed(() => readTraceStream(source, `generated ${STREAM_MB} MB`));
    let requests = 0;
    for (const r of streamed.value.requests) requests += r;
    console.log(`streaming a generated ${STREAM_MB} MB Azure trace (${requests.toLocaleString("en-US")} rows over 14 days) through the reader:`);
    console.log(`  ${(streamed.wall / 1000).toFixed(1)} s (${(streamed.cpu / 1000).toFixed(1)} s CPU, generation included); RSS ${(rssBefore / 2 ** 20).toFixed(0)} MB before, peak ${(peakRss / 2 ** 20).toFixed(0)} MB`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
