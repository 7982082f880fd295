import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadEnvironmentFile } from "../config/load";
import { ConfigError, formatProblem } from "../config/problems";
import { AWS_DYNAMICS, type ScalingDynamics } from "./dynamics";
import { PreviewError } from "./errors";
import { type ColumnMapping, TIME_UNITS, type TimeUnit } from "./formats";
import { parseObjective, type Objective } from "./objectives";
import { parseTimeBound, readTrace, type TraceRequest } from "./read-trace";
import { bestStaticCount, fitFactor, referenceSchedule, type ReferenceResult } from "./reference";
import { formatReport, type PreviewRun } from "./report";
import { type PreviewTarget, previewTargetOf, type TargetOverrides } from "./service-model";
import { simulate, type StartState } from "./simulate";
import { type PreviewSummary, summarize } from "./summary";
import { scaleTrace, type Trace } from "./trace";

/** Where the command line writes; tests pass their own. */
export interface PreviewIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress then updates one line). @default false */
  readonly stderrIsTTY?: boolean;
}

const PROCESS_IO: PreviewIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
};

export const USAGE = `usage: npm run preview -- --env <env> --service <name> --trace <file | synthetic[:key=value,...]> [options]
       npm run preview -- --env <env> --service <name> --trace <file> [--trace <file>] --recommend [--objective 'p99 ttft < 2s'] [--keep-min] [--keep-schedules] [--write <file>]
       npm run preview -- --matrix [--traces <file>,<file>] [--html <file>]

trace:      --format azure-llm|mooncake|burstgpt|rate|csv  --columns time=<col>[,input=<col>,output=<col>,model=<col>]
            --time-unit iso|s|ms|epoch-s|epoch-ms  --from <time|offset>  --to <time|offset>  --model <name>
            --start <ISO time>  --scale <factor>|fit  --input-tokens <n>  --output-tokens <n>
objectives: --objective 'p99 ttft < 2s' (repeatable; metrics ttft, tpot, e2e, wait)
model:      --start-state warm|min|<tasks>  --initial-tasks <n>  --image-pull-seconds <s>  --metric-delay <minutes>
            --high-datapoints <n>  --low-datapoints <n>  --scale-in-step <percent>
output:     --json  --out <dir>  --compare <config file>  --no-reference  --config-dir <dir>`;

const OPTIONS = {
  env: { type: "string" },
  service: { type: "string" },
  trace: { type: "string", multiple: true },
  format: { type: "string" },
  columns: { type: "string" },
  "time-unit": { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  model: { type: "string" },
  start: { type: "string" },
  scale: { type: "string" },
  "input-tokens": { type: "string" },
  "output-tokens": { type: "string" },
  objective: { type: "string", multiple: true },
  "start-state": { type: "string" },
  "initial-tasks": { type: "string" },
  "image-pull-seconds": { type: "string" },
  "metric-delay": { type: "string" },
  "high-datapoints": { type: "string" },
  "low-datapoints": { type: "string" },
  "scale-in-step": { type: "string" },
  json: { type: "boolean" },
  out: { type: "string" },
  compare: { type: "string" },
  "no-reference": { type: "boolean" },
  "config-dir": { type: "string" },
  recommend: { type: "boolean" },
  "keep-min": { type: "boolean" },
  "keep-schedules": { type: "boolean" },
  write: { type: "string" },
  matrix: { type: "boolean" },
  traces: { type: "string" },
  html: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true; allowPositionals: false }>>["values"];

/** Traces longer than this many minutes report progress on stderr. */
export const PROGRESS_AFTER_MINUTES = 1440;

/**
 * `npm run preview`: replays a trace against one service's autoscaling and prints the summary
 * table (or JSON), optionally against a second config and with a chart; `--recommend` searches the
 * service's settings, `--matrix` previews every environment x service x trace. Returns the exit
 * status; a mistake in the command, the config or the trace is one line (per config problem) on stderr and 1.
 */
export async function runPreviewCli(argv: readonly string[], io: PreviewIo = PROCESS_IO): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof PreviewError) {
      io.stderr(`preview: ${error.message}\n`);
      return 1;
    }
    if (error instanceof ConfigError) {
      for (const problem of error.problems) io.stderr(`${formatProblem(problem)}\n`);
      return 1;
    }
    throw error;
  }
}

function wholeNumber(text: string | undefined, flag: string, fallback: number, least = 1, most = 1e6): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < least || value > most) throw new PreviewError(`${flag} ${text} must be a whole number from ${least} to ${most}`);
  return value;
}

/**
 * Largest --scale factor: a million times a trace's traffic. The real traces peak at thousands of
 * requests a minute, so a larger factor asks for billions a minute, beyond what the 5,000 tasks of
 * ECS's default "Tasks per service" quota serve at any plausible per-task rate: a typo, not a what-if.
 * Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html
 */
export const MAX_SCALE = 1_000_000;

/** `--scale <factor>`: a finite number above 0 and at most MAX_SCALE, or undefined when not given or `fit`. */
export function scaleOf(text: string | undefined): number | undefined {
  if (text === undefined || text === "fit") return undefined;
  const value = text.trim() === "" ? NaN : Number(text);
  if (!(Number.isFinite(value) && value > 0 && value <= MAX_SCALE)) {
    throw new PreviewError(`--scale ${text} must be a number greater than 0 and at most ${MAX_SCALE.toLocaleString("en-US")}, or fit`);
  }
  return value;
}

/** `time=ts,input=prompt_tokens,output=completion_tokens,model=model`. */
export function parseColumns(text: string, unit: string | undefined): ColumnMapping {
  const roles = ["time", "input", "output", "model"] as const;
  const mapping: Partial<Record<(typeof roles)[number], string>> = {};
  for (const pair of text.split(",")) {
    const at = pair.indexOf("=");
    const role = pair.slice(0, at).trim();
    const column = pair.slice(at + 1).trim();
    if (at < 0 || column === "" || !(roles as readonly string[]).includes(role)) {
      throw new PreviewError(`--columns ${text}: expected role=column pairs separated by commas, roles ${roles.join(", ")}, such as time=ts,input=prompt_tokens,output=completion_tokens`);
    }
    mapping[role as (typeof roles)[number]] = column;
  }
  if (!mapping.time) throw new PreviewError(`--columns ${text}: time=<column> is required`);
  if ((mapping.input === undefined) !== (mapping.output === undefined)) throw new PreviewError(`--columns ${text}: give both input= and output= (or neither)`);
  const timeUnit = (unit ?? "iso") as TimeUnit;
  if (!(TIME_UNITS as readonly string[]).includes(timeUnit)) throw new PreviewError(`--time-unit ${unit}: allowed: ${TIME_UNITS.join(", ")}`);
  return { time: mapping.time, timeUnit, ...(mapping.input ? { input: mapping.input, output: mapping.output } : {}), ...(mapping.model ? { model: mapping.model } : {}) };
}

/** The trace options of the command line. */
export function traceRequestOf(o: Values, trace: string): TraceRequest {
  let startMs: number | undefined;
  if (o.start !== undefined) {
    startMs = Date.parse(o.start);
    if (Number.isNaN(startMs)) throw new PreviewError(`--start ${o.start} is not a time such as 2024-01-01T00:00:00Z`);
  }
  if (o["time-unit"] !== undefined && o.columns === undefined) throw new PreviewError("--time-unit goes with --columns (the generic CSV format)");
  return {
    trace,
    ...(startMs !== undefined ? { startMs } : {}),
    ...(o.format !== undefined ? { format: o.format } : {}),
    ...(o.columns !== undefined ? { columns: parseColumns(o.columns, o["time-unit"]) } : {}),
    ...(o.from !== undefined ? { from: parseTimeBound(o.from, "--from") } : {}),
    ...(o.to !== undefined ? { to: parseTimeBound(o.to, "--to") } : {}),
    ...(o.model !== undefined ? { model: o.model } : {}),
  };
}

/** The model options of the command line. */
export function overridesOf(o: Values): { overrides: TargetOverrides; dynamics: ScalingDynamics; start: StartState } {
  const dynamics: ScalingDynamics = {
    ...AWS_DYNAMICS,
    highDatapoints: wholeNumber(o["high-datapoints"], "--high-datapoints", AWS_DYNAMICS.highDatapoints, 1, 60),
    lowDatapoints: wholeNumber(o["low-datapoints"], "--low-datapoints", AWS_DYNAMICS.lowDatapoints, 1, 60),
    metricDelayMinutes: wholeNumber(o["metric-delay"], "--metric-delay", AWS_DYNAMICS.metricDelayMinutes, 0, 30),
    scaleInStepPercent: wholeNumber(o["scale-in-step"], "--scale-in-step", AWS_DYNAMICS.scaleInStepPercent, 1, 100),
  };
  const objectives: Objective[] = (o.objective ?? []).flatMap((text) => text.split(",").map((part) => parseObjective(part)));
  const input = o["input-tokens"] === undefined ? undefined : wholeNumber(o["input-tokens"], "--input-tokens", 0, 0, 10_000_000);
  const output = o["output-tokens"] === undefined ? undefined : wholeNumber(o["output-tokens"], "--output-tokens", 0, 0, 10_000_000);
  if ((input === undefined) !== (output === undefined)) throw new PreviewError("--input-tokens and --output-tokens go together");
  let start: StartState = "warm";
  if (o["initial-tasks"] !== undefined && o["start-state"] !== undefined) throw new PreviewError("--initial-tasks <n> is --start-state <n>; give one of them");
  const state = o["start-state"] ?? o["initial-tasks"];
  if (state !== undefined) {
    if (state === "warm" || state === "min") start = state;
    else start = wholeNumber(state, "--start-state", 0, 0, 100_000);
  }
  const overrides: TargetOverrides = {
    dynamics,
    ...(objectives.length > 0 ? { objectives } : {}),
    ...(input !== undefined && output !== undefined ? { assumedMix: { input, output } } : {}),
    ...(o["image-pull-seconds"] !== undefined ? { imagePullSeconds: wholeNumber(o["image-pull-seconds"], "--image-pull-seconds", 0, 0, 7200) } : {}),
  };
  return { overrides, dynamics, start };
}

async function run(argv: readonly string[], io: PreviewIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false });
  } catch (error) {
    throw new PreviewError(`${(error as Error).message.split("\n")[0]}\n${USAGE}`);
  }
  const o = parsed.values;
  if (o.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const configDir = o["config-dir"] ?? "config";
  if (o.matrix) {
    const { runMatrix } = require("./matrix") as typeof import("./matrix");
    return runMatrix(o, configDir, io);
  }
  for (const required of ["env", "service", "trace"] as const) {
    if (!o[required]) throw new PreviewError(`--${required} is required\n${USAGE}`);
  }
  const traceArgs = o.trace!;
  if (traceArgs.length > 1 && !o.recommend) throw new PreviewError("--trace is given more than once; only --recommend takes several traces");
  const fit = o.scale === "fit";
  const scale = fit ? 1 : (scaleOf(o.scale) ?? 1);
  const { overrides, dynamics, start } = overridesOf(o);
  const envFile = environmentFile(configDir, o.env!);
  /** A trace at --scale, or fitted to a service. */
  const scaled = (raw: Trace, target: PreviewTarget) => scaleTrace(raw, fit ? fitFactor(raw, target) : scale);
  if (o.recommend) {
    // --recommend takes --trace more than once: the settings must meet the objectives on each.
    const { runRecommend } = require("./recommend") as typeof import("./recommend");
    const base = previewTargetOf(loadEnvironmentFile(envFile), o.service!, overrides);
    const traces: Trace[] = [];
    for (const one of traceArgs) traces.push(scaled(await readTrace(traceRequestOf(o, one)), base));
    return runRecommend({ envFile, service: o.service!, traces, overrides, dynamics, start, keepMin: o["keep-min"] === true, keepSchedules: o["keep-schedules"] === true, write: o.write, json: o.json === true, out: o.out }, io);
  }
  const raw = await readTrace(traceRequestOf(o, traceArgs[0]));
  const traceFor = (target: PreviewTarget) => scaled(raw, target);
  const configs = [{ label: envFile, file: envFile }];
  if (o.compare !== undefined) {
    if (!existsSync(o.compare)) throw new PreviewError(`compare config not found: ${o.compare}`);
    configs.push({ label: o.compare, file: o.compare });
  }
  const targets = configs.map(({ label, file }) => ({ label, target: previewTargetOf(loadEnvironmentFile(file), o.service!, overrides) }));
  const trace = traceFor(targets[0].target);

  const runs: PreviewRun[] = [];
  const references: Array<ReferenceResult | undefined> = [];
  for (const [i, { label, target }] of targets.entries()) {
    const tag = targets.length > 1 ? `${String.fromCharCode(65 + i)}: ` : "";
    const result = simulate(trace, target, { start, dynamics, distributions: true, onProgress: progressReporter(trace, io, tag) });
    const reference = o["no-reference"] ? undefined : referenceSchedule(trace, target);
    const best = o["no-reference"] ? undefined : bestStaticCount(trace, target, { dynamics });
    references.push(reference);
    runs.push({ label, target, result, summary: summarize(result, target, reference, best) });
  }

  const json: PreviewSummary | Record<string, PreviewSummary> = runs.length === 1 ? runs[0].summary : { base: runs[0].summary, compare: runs[1].summary };
  io.stdout(o.json ? `${JSON.stringify(json, null, 2)}\n` : formatReport(runs, trace, dynamics));
  if (o.out !== undefined) {
    const written = await writeOutputs(o.out, runs, references);
    io[o.json ? "stderr" : "stdout"](`wrote ${written.join(", ")}\n`);
  }
  return 0;
}

/** `config/<env>.yaml`, or a PreviewError listing the environments. */
export function environmentFile(configDir: string, env: string): string {
  const envFile = join(configDir, `${env}.yaml`);
  if (!existsSync(envFile)) {
    const known = existsSync(configDir) ? readdirSync(configDir).filter((f) => f.endsWith(".yaml")).map((f) => f.replace(/\.yaml$/, "")) : [];
    throw new PreviewError(`unknown environment "${env}": there is no ${envFile}${known.length ? `; environments: ${known.join(", ")}` : ""}`);
  }
  return envFile;
}

/** Progress on stderr for long traces: every tenth of the replay (one updating line on a terminal). */
function progressReporter(trace: Trace, io: PreviewIo, tag: string): ((done: number, total: number) => void) | undefined {
  if (trace.requests.length <= PROGRESS_AFTER_MINUTES) return undefined;
  let reported = -1;
  return (done, total) => {
    const tenth = Math.floor((10 * done) / total);
    if (tenth === reported) return;
    reported = tenth;
    const text = `preview: ${tag}simulated ${(done / 1440).toFixed(1)} of ${(total / 1440).toFixed(1)} days (${tenth * 10}%)`;
    if (io.stderrIsTTY) io.stderr(`\r${text}${done === total ? "\n" : ""}`);
    else io.stderr(`${text}\n`);
  };
}

/** Writes each run's chart (SVG) and figures (JSON): preview.* for the first run, compare.* for the second. */
async function writeOutputs(dir: string, runs: readonly PreviewRun[], references: ReadonlyArray<ReferenceResult | undefined>): Promise<string[]> {
  // Loaded only with --out: the chart module and its libraries stay out of every other run.
  const { chartSpec, renderSvg } = require("./chart") as typeof import("./chart");
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [i, run] of runs.entries()) {
    const name = i === 0 ? "preview" : "compare";
    const title = `${run.target.environment} / ${run.target.serviceName} (${run.label})`;
    const svg = await renderSvg(chartSpec(run.result, title, references[i]?.readyTasks));
    writeFileSync(join(dir, `${name}.svg`), svg);
    writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(run.summary, null, 2)}\n`);
    written.push(join(dir, `${name}.svg`), join(dir, `${name}.json`));
  }
  return written;
}

export type { Values as CliValues };
