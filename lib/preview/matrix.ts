import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { loadEnvironmentFile } from "../config/load";
import { type CliValues, overridesOf, type PreviewIo, scaleOf, traceRequestOf } from "./cli";
import { PreviewError } from "./errors";
import { fitFactor, referenceSchedule } from "./reference";
import { readTrace } from "./read-trace";
import { previewTargetOf } from "./service-model";
import { sharedTracePath } from "./shared-traces";
import { simulate, type SimulationResult } from "./simulate";
import { shareText, summarize, type PreviewSummary } from "./summary";
import { scaleTrace, type Trace } from "./trace";

/** One cell of the matrix: a service of an environment on a trace. */
export interface MatrixCell {
  readonly environment: string;
  readonly service: string;
  readonly trace: string;
  /** The factor the trace was scaled by. */
  readonly scale?: number;
  readonly summary?: PreviewSummary;
  /** Why the service could not be previewed. */
  readonly error?: string;
  readonly result?: SimulationResult;
  readonly reference?: Int32Array;
}

/** The traces of the matrix: --traces, or every file in the shared traces folder. */
function matrixTraces(o: CliValues): string[] {
  if (o.traces) return o.traces.split(",").map((t) => t.trim()).filter(Boolean);
  const dir = dirname(sharedTracePath("README.md"));
  if (!existsSync(dir)) throw new PreviewError(`no traces given (--traces) and the shared traces folder ${dir} does not exist`);
  return readdirSync(dir)
    .filter((f) => /\.(csv|jsonl|csv\.gz|jsonl\.gz)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Previews every service of every environment on every trace. Each trace is scaled to the service
 * (`--scale fit`, the default here: its busiest minute needs 70% of what the maximum serves within
 * the objectives) unless --scale gives a factor.
 */
export async function runMatrix(o: CliValues, configDir: string, io: PreviewIo): Promise<number> {
  if (!existsSync(configDir)) throw new PreviewError(`config directory not found: ${configDir}`);
  const files = readdirSync(configDir).filter((f) => f.endsWith(".yaml")).sort();
  const envs = o.env ? [`${o.env}.yaml`] : files;
  const fixed = scaleOf(o.scale);
  const traces: Array<{ file: string; trace: Trace }> = [];
  for (const file of matrixTraces(o)) traces.push({ file, trace: await readTrace(traceRequestOf(o, file)) });
  const { overrides, dynamics, start } = overridesOf(o);
  const cells: MatrixCell[] = [];
  for (const envFileName of envs) {
    const config = loadEnvironmentFile(join(configDir, envFileName));
    const services = o.service ? [o.service] : Object.keys(config.services);
    for (const service of services) {
      for (const { file, trace } of traces) {
        const where = { environment: config.environment, service, trace: file };
        try {
          const target = previewTargetOf(config, service, overrides);
          const scale = fixed ?? fitFactor(trace, target);
          const scaled = scaleTrace(trace, scale);
          const result = simulate(scaled, target, { start, dynamics, distributions: true });
          const reference = referenceSchedule(scaled, target);
          cells.push({ ...where, scale, summary: summarize(result, target, reference), result, reference: reference.readyTasks });
        } catch (error) {
          if (!(error instanceof PreviewError)) throw error;
          cells.push({ ...where, error: error.message });
        }
      }
    }
  }
  if (o.json) {
    io.stdout(`${JSON.stringify(cells.map(({ result: _r, reference: _ref, ...cell }) => cell), null, 2)}\n`);
  } else io.stdout(formatMatrix(cells));
  if (o.html !== undefined) {
    const { renderHtmlReport } = require("./html-report") as typeof import("./html-report");
    writeFileSync(o.html, await renderHtmlReport(cells));
    io[o.json ? "stderr" : "stdout"](`wrote ${o.html}\n`);
  }
  return cells.some((c) => c.error) ? 1 : 0;
}

/** The matrix as a table: one line per environment x service x trace. */
export function formatMatrix(cells: readonly MatrixCell[]): string {
  const header = ["environment", "service", "trace", "scale", "objectives", "met", "cost ($)", "reference ($)", "x ref", "peak"];
  const rows = cells.map((c) => {
    const trace = c.trace.split("/").pop()!;
    if (!c.summary) return [c.environment, c.service, trace, "-", c.error ?? "", "", "", "", "", ""];
    const s = c.summary;
    return [
      c.environment,
      c.service,
      trace,
      c.scale !== undefined ? `x${c.scale.toPrecision(3)}` : "-",
      s.objectives.map((o) => `${o.objective} ${shareText(o.withinPct)}%`).join("; "),
      s.meetsObjectives ? "yes" : "NO",
      s.cost.toFixed(2),
      s.referenceCost !== null ? s.referenceCost.toFixed(2) : "-",
      s.costVsReference !== null ? `${s.costVsReference.toFixed(2)}x` : "-",
      String(s.peakTasks),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((v, i) => (i >= 6 ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join("  ").trimEnd();
  return `${[line(header), ...rows.map(line)].join("\n")}\n`;
}

