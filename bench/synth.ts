import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * `npm run bench`: wall time and peak memory of synthesizing every stack, against the
 * floor of `node -e 'require("cdktf")'` measured in the same run. Each command runs
 * RUNS times; the median time and the largest peak memory are reported.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TARGET_RATIO = 3;
const TARGET_PEAK_MB = 250;

interface Measurement {
  readonly medianMs: number;
  readonly minMs: number;
  readonly peakMb: number;
  /** Median CPU time (user + system, all threads). */
  readonly cpuMs: number;
}

function measure(args: string[], env: NodeJS.ProcessEnv = {}): Measurement {
  const times: number[] = [];
  const cpu: number[] = [];
  let peakKb = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ["-r", "./bench/report-rss.js", ...args], { env: { ...process.env, ...env }, encoding: "utf8" });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${args.join(" ")} failed:\n${result.stderr}`);
    const rss = /BENCH_MAX_RSS_KB=(\d+)/.exec(result.stderr);
    if (!rss) throw new Error("the benchmarked process did not report its memory");
    peakKb = Math.max(peakKb, Number(rss[1]));
    cpu.push(Number(/BENCH_CPU_MS=(\d+)/.exec(result.stderr)?.[1] ?? NaN));
    times.push(elapsed);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { medianMs: median(times), minMs: Math.min(...times), peakMb: peakKb / 1024, cpuMs: median(cpu) };
}

function main(): void {
  const outdir = mkdtempSync(join(tmpdir(), "ecs-ai-bench-"));
  try {
    const floor = measure(["-e", 'require("cdktf")']);
    const synth = measure(["-r", "./scripts/register.js", "main.ts"], { CDKTF_OUTDIR: join(outdir, "cdktf.out") });
    const ratio = synth.medianMs / floor.medianMs;
    const row = (name: string, m: Measurement) =>
      `${name.padEnd(34)} ${m.medianMs.toFixed(0).padStart(7)} ms ${m.minMs.toFixed(0).padStart(7)} ms ${m.cpuMs.toFixed(0).padStart(7)} ms ${m.peakMb.toFixed(0).padStart(7)} MB`;
    console.log(`runs per command: ${RUNS} (node ${process.version}, ${require("node:os").cpus().length} cores)`);
    console.log(`${"command".padEnd(34)} ${"median".padStart(10)} ${"min".padStart(10)} ${"cpu".padStart(10)} ${"peak".padStart(10)}`);
    console.log(row(`node -e 'require("cdktf")' (floor)`, floor));
    console.log(row("synth all stacks (npm run synth)", synth));
    console.log(`ratio synth / floor: ${ratio.toFixed(2)}x (target <= ${TARGET_RATIO}x): ${ratio <= TARGET_RATIO ? "ok" : "OVER"}`);
    console.log(`peak memory of synth: ${synth.peakMb.toFixed(0)} MB (target < ${TARGET_PEAK_MB} MB): ${synth.peakMb < TARGET_PEAK_MB ? "ok" : "OVER"}`);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

main();
