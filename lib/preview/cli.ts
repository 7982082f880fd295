import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadEnvironmentFile } from "../config/load";
import { ConfigError, formatProblem } from "../config/problems";
import { AlarmSettings, AWS_ALARMS } from "./autoscaling";
import { PreviewError } from "./errors";
import { readTrace } from "./read-trace";
import { formatReport, PreviewRun } from "./report";
import { previewTargetOf } from "./service-model";
import { simulate } from "./simulate";
import { PreviewSummary, summarize } from "./summary";
import { scaleTrace, Trace } from "./trace";

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

export const USAGE = `usage: npm run preview -- --env <env> --service <name> --trace <file | synthetic[:key=value,...]>
                       [--compare <config file>] [--json] [--out <dir>] [--config-dir <dir>]
                       [--start <ISO time>] [--scale <factor>] [--initial-tasks <n>]
                       [--high-datapoints <n>] [--low-datapoints <n>]`;

const OPTIONS = {
  env: { type: "string" },
  service: { type: "string" },
  trace: { type: "string" },
  compare: { type: "string" },
  json: { type: "boolean" },
  out: { type: "string" },
  "config-dir": { type: "string" },
  start: { type: "string" },
  scale: { type: "string" },
  "initial-tasks": { type: "string" },
  "high-datapoints": { type: "string" },
  "low-datapoints": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** Traces longer than this many minutes report progress on stderr. */
export const PROGRESS_AFTER_MINUTES = 1440;

/**
 * `npm run preview`: replays a trace against one service's autoscaling and prints the summary
 * table (or JSON), optionally against a second config and with a chart. Returns the exit status;
 * a mistake in the command, the config or the trace is one line (per config problem) on stderr and 1.
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
  for (const required of ["env", "service", "trace"] as const) {
    if (!o[required]) throw new PreviewError(`--${required} is required\n${USAGE}`);
  }
  const configDir = o["config-dir"] ?? "config";
  const alarms: AlarmSettings = {
    ...AWS_ALARMS,
    highDatapoints: wholeNumber(o["high-datapoints"], "--high-datapoints", AWS_ALARMS.highDatapoints),
    lowDatapoints: wholeNumber(o["low-datapoints"], "--low-datapoints", AWS_ALARMS.lowDatapoints),
  };
  const initialTasks = o["initial-tasks"] === undefined ? undefined : wholeNumber(o["initial-tasks"], "--initial-tasks", 0, 0);
  const scale = o.scale === undefined ? 1 : Number(o.scale);
  if (!(scale > 0)) throw new PreviewError(`--scale ${o.scale} must be a number greater than 0`);
  let startMs: number | undefined;
  if (o.start !== undefined) {
    startMs = Date.parse(o.start);
    if (Number.isNaN(startMs)) throw new PreviewError(`--start ${o.start} is not a time such as 2024-01-01T00:00:00Z`);
  }

  const envFile = join(configDir, `${o.env}.yaml`);
  if (!existsSync(envFile)) {
    const known = existsSync(configDir) ? readdirSync(configDir).filter((f) => f.endsWith(".yaml")).map((f) => f.replace(/\.yaml$/, "")) : [];
    throw new PreviewError(`unknown environment "${o.env}": there is no ${envFile}${known.length ? `; environments: ${known.join(", ")}` : ""}`);
  }
  const configs = [{ label: envFile, file: envFile }];
  if (o.compare !== undefined) {
    if (!existsSync(o.compare)) throw new PreviewError(`compare config not found: ${o.compare}`);
    configs.push({ label: o.compare, file: o.compare });
  }
  const targets = configs.map(({ label, file }) => ({ label, target: previewTargetOf(loadEnvironmentFile(file), o.service!) }));
  const trace = scaleTrace(readTrace({ trace: o.trace!, startMs }), scale);

  const runs: PreviewRun[] = targets.map(({ label, target }, i) => {
    const tag = targets.length > 1 ? `${String.fromCharCode(65 + i)}: ` : "";
    const result = simulate(trace, target, { initialTasks, alarms, onProgress: progressReporter(trace, io, tag) });
    return { label, target, result, summary: summarize(result, target.model.objectiveSeconds, target.pricing) };
  });

  const json: PreviewSummary | Record<string, PreviewSummary> = runs.length === 1 ? runs[0].summary : { base: runs[0].summary, compare: runs[1].summary };
  io.stdout(o.json ? `${JSON.stringify(json, null, 2)}\n` : formatReport(runs, trace, alarms));
  if (o.out !== undefined) {
    const written = await writeOutputs(o.out, runs);
    io[o.json ? "stderr" : "stdout"](`wrote ${written.join(", ")}\n`);
  }
  return 0;
}

function wholeNumber(text: string | undefined, flag: string, fallback: number, least = 1): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < least) throw new PreviewError(`${flag} ${text} must be a whole number of ${least} or more`);
  return value;
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
async function writeOutputs(dir: string, runs: readonly PreviewRun[]): Promise<string[]> {
  // Loaded only with --out: the chart module and its libraries stay out of every other run.
  const { chartSpec, renderSvg } = require("./chart") as typeof import("./chart");
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [i, run] of runs.entries()) {
    const name = i === 0 ? "preview" : "compare";
    const title = `${run.target.environment} / ${run.target.serviceName} (${run.label})`;
    const svg = await renderSvg(chartSpec(run.result, title));
    writeFileSync(join(dir, `${name}.svg`), svg);
    writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(run.summary, null, 2)}\n`);
    written.push(join(dir, `${name}.svg`), join(dir, `${name}.json`));
  }
  return written;
}
