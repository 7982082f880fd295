import type { AlarmSettings } from "./autoscaling";
import { describePricing } from "./pricing";
import type { PreviewTarget } from "./service-model";
import type { SimulationResult } from "./simulate";
import type { PreviewSummary } from "./summary";
import type { Trace } from "./trace";

/** One replay as the report shows it. */
export interface PreviewRun {
  /** Column label: the config file. */
  readonly label: string;
  readonly target: PreviewTarget;
  readonly result: SimulationResult;
  readonly summary: PreviewSummary;
}

const number = (v: number, digits = 0) => v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The oracle's column: the tasks each minute needs, ready at once, so no request waits. */
function oracleColumn(run: PreviewRun): string[] {
  const s = run.summary;
  const peak = run.result.oracleTasks.reduce((a, b) => Math.max(a, b), 0);
  return [number(s.requests), "100.00%", "0.00", "0.00", "0.00", number(s.oracleTaskHours, 2), number(s.oracleCost, 2), String(peak), "-", "-", "1.00x"];
}

function runColumn(run: PreviewRun): string[] {
  const s = run.summary;
  const ratio = s.oracleCost > 0 ? `${(s.cost / s.oracleCost).toFixed(2)}x` : "-";
  return [
    number(s.requests),
    `${s.withinObjectivePct.toFixed(2)}%`,
    s.waitP50Seconds.toFixed(2),
    s.waitP95Seconds.toFixed(2),
    s.waitP99Seconds.toFixed(2),
    number(s.taskHours, 2),
    number(s.cost, 2),
    String(s.peakTasks),
    String(s.scaleOutEvents),
    String(s.scaleInEvents),
    ratio,
  ];
}

/**
 * The summary table: one autoscaling column and one oracle column per run (two runs side by
 * side with --compare), then what each run assumed.
 */
export function formatReport(runs: readonly PreviewRun[], trace: Trace, alarms: AlarmSettings): string {
  const first = runs[0].target;
  const objectives = [...new Set(runs.map((r) => r.target.model.objectiveSeconds))].map((s) => `${s} s`).join(" / ");
  const rows = [
    "requests",
    `within objective (${objectives})`,
    "wait p50 (s)",
    "wait p95 (s)",
    "wait p99 (s)",
    "task-hours",
    "cost ($)",
    "peak tasks",
    "scale-out events",
    "scale-in events",
    "cost / oracle cost",
  ];
  const columns: Array<{ head: string[]; cells: string[] }> = [];
  runs.forEach((run, i) => {
    const tag = runs.length > 1 ? `${String.fromCharCode(65 + i)}: ` : "";
    columns.push({ head: [`${tag}autoscaling`, runs.length > 1 ? run.label : ""], cells: runColumn(run) });
    columns.push({ head: [`${tag}oracle`, ""], cells: oracleColumn(run) });
  });
  const labelWidth = Math.max(...rows.map((r) => r.length));
  const widths = columns.map((c) => Math.max(...c.head.map((h) => h.length), ...c.cells.map((v) => v.length)));
  const line = (label: string, cells: string[]) => [label.padEnd(labelWidth), ...cells.map((v, i) => v.padStart(widths[i]))].join("   ").trimEnd();
  const minutes = runs[0].result.minutes;
  const span = minutes >= 2880 ? `${(minutes / 1440).toFixed(1)} days` : `${minutes} minutes`;
  const out = [
    `Scaling preview: ${first.environment} / ${first.serviceName}`,
    `trace: ${trace.source} (${trace.format}), ${span} from ${new Date(trace.startMs).toISOString().slice(0, 16).replace("T", " ")} UTC`,
    "",
    line("", columns.map((c) => c.head[0])),
    ...(runs.length > 1 ? [line("", columns.map((c) => c.head[1]))] : []),
    ...rows.map((row, r) => line(row, columns.map((c) => c.cells[r]))),
    "",
  ];
  runs.forEach((run, i) => {
    const tag = runs.length > 1 ? `${String.fromCharCode(65 + i)} ` : "";
    const m = run.target.model;
    const perMinute = m.workPerTaskPerMinute;
    const capacity = m.unit === "tokens" ? `${number(perMinute / 60)} tokens/s` : `${number(perMinute, Number.isInteger(perMinute) ? 0 : 2)} requests/min`;
    const schedules = run.target.scaling.schedules.length;
    out.push(
      `${tag}${run.target.file}: a task serves ${capacity}, starts in ${m.startupMinutes} min; min ${run.target.scaling.min}, max ${run.target.scaling.max}` +
        (schedules > 0 ? `, ${schedules} scheduled action${schedules === 1 ? "" : "s"}` : ""),
    );
    out.push(`${tag}${describePricing(run.target.pricing, run.target.region)}`);
    for (const note of run.result.notes) out.push(`${tag}${note}`);
    if (run.result.unserved > 0) out.push(`${tag}${number(run.result.unserved)} requests were still waiting when the trace ended`);
  });
  out.push(`alarms: high after ${alarms.highDatapoints} of ${alarms.highDatapoints} minutes above target, low after ${alarms.lowDatapoints} of ${alarms.lowDatapoints} below ${Math.round(alarms.lowRatio * 100)}% of it`);
  return `${out.join("\n")}\n`;
}
