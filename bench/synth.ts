import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { writeScaledConfigs } from "./scaled-configs";

/**
 * `npm run bench`: wall time and peak memory of synthesizing every stack, against the floor
 * of `node -e 'require("cdktf")'`, measured in the same run:
 * - warm: the caches of scripts/register.js filled (every run after the first);
 * - first run: an empty cache (ECS_AI_CACHE_DIR pointed at a new folder each time), as a
 *   fresh clone after `npm ci`, a new user or a CI job without a cache see it;
 * - 1 and 20 services in each of the 3 shipped environments (copies of their own services), warm.
 * The commands take turns, RUNS rounds; the median time and the largest peak memory are reported.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TARGETS = { warm: 2, firstRun: 4, twentyServices: 2, peakMb: 250 };

interface Command {
  readonly name: string;
  readonly args: readonly string[];
  /** Environment of each run (called once per run). */
  readonly env?: () => NodeJS.ProcessEnv;
}

interface Measurement {
  readonly medianMs: number;
  readonly minMs: number;
  readonly peakMb: number;
  /** Median CPU time (user + system, all threads). */
  readonly cpuMs: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function run(command: Command): { ms: number; cpuMs: number; rssKb: number } {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["-r", "./bench/report-rss.js", ...command.args], { env: { ...process.env, ...command.env?.() }, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command.name} failed:\n${result.stderr}`);
  const rss = /BENCH_MAX_RSS_KB=(\d+)/.exec(result.stderr);
  const cpu = /BENCH_CPU_MS=(\d+)/.exec(result.stderr);
  if (!rss || !cpu) throw new Error("the benchmarked process did not report its memory and CPU time");
  return { ms, cpuMs: Number(cpu[1]), rssKb: Number(rss[1]) };
}

/** Runs the commands in turn, RUNS rounds (after one untimed round that fills the caches). */
function measure(commands: readonly Command[]): Measurement[] {
  for (const command of commands) run(command);
  const runs = commands.map(() => [] as ReturnType<typeof run>[]);
  for (let i = 0; i < RUNS; i++) commands.forEach((command, c) => runs[c].push(run(command)));
  return runs.map((r) => ({
    medianMs: median(r.map((x) => x.ms)),
    minMs: Math.min(...r.map((x) => x.ms)),
    cpuMs: median(r.map((x) => x.cpuMs)),
    peakMb: Math.max(...r.map((x) => x.rssKb)) / 1024,
  }));
}

function main(): void {
  const scratch = mkdtempSync(join(tmpdir(), "ecs-ai-bench-"));
  try {
    const outdir = (name: string) => ({ CDKTF_OUTDIR: join(scratch, name, "cdktf.out") });
    let emptyCaches = 0;
    const synth = ["-r", "./scripts/register.js", "main.ts"];
    writeScaledConfigs(join(scratch, "config-1"), 1);
    writeScaledConfigs(join(scratch, "config-20"), 20);
    const commands: Command[] = [
      { name: `node -e 'require("cdktf")' (floor)`, args: ["-e", 'require("cdktf")'] },
      { name: "synth all stacks, warm (npm run synth)", args: synth, env: () => outdir("warm") },
      { name: "synth all stacks, first run (empty cache)", args: synth, env: () => ({ ...outdir("cold"), ECS_AI_CACHE_DIR: join(scratch, `cache-${emptyCaches++}`) }) },
      { name: "synth, 1 service per environment", args: synth, env: () => ({ ...outdir("one"), ECS_AI_CONFIG_DIR: join(scratch, "config-1") }) },
      { name: "synth, 20 services per environment", args: synth, env: () => ({ ...outdir("twenty"), ECS_AI_CONFIG_DIR: join(scratch, "config-20") }) },
    ];
    const [floor, warm, cold, one, twenty] = measure(commands);
    const row = (name: string, m: Measurement) =>
      `${name.padEnd(44)} ${m.medianMs.toFixed(0).padStart(7)} ms ${m.minMs.toFixed(0).padStart(7)} ms ${m.cpuMs.toFixed(0).padStart(7)} ms ${m.peakMb.toFixed(0).padStart(7)} MB`;
    const verdict = (value: number, target: number) => `${value.toFixed(2)}x (target <= ${target}x): ${value <= target ? "ok" : "OVER"}`;
    console.log(`runs per command: ${RUNS} (node ${process.version}, ${cpus().length} cores)`);
    console.log(`${"command".padEnd(44)} ${"median".padStart(10)} ${"min".padStart(10)} ${"cpu".padStart(10)} ${"peak".padStart(10)}`);
    commands.forEach((command, i) => console.log(row(command.name, [floor, warm, cold, one, twenty][i])));
    console.log(`warm synth / floor:               ${verdict(warm.medianMs / floor.medianMs, TARGETS.warm)}`);
    console.log(`first-run synth / floor:          ${verdict(cold.medianMs / floor.medianMs, TARGETS.firstRun)}`);
    console.log(`20 services / 1 service per env:  ${verdict(twenty.medianMs / one.medianMs, TARGETS.twentyServices)}`);
    const peak = Math.max(warm.peakMb, cold.peakMb);
    console.log(`peak memory of synth: ${peak.toFixed(0)} MB (target < ${TARGETS.peakMb} MB): ${peak < TARGETS.peakMb ? "ok" : "OVER"}; 20 services: ${twenty.peakMb.toFixed(0)} MB`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
