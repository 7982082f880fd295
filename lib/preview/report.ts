import type { ScalingDynamics } from "./dynamics";
import { describePricing } from "./pricing";
import type { PreviewTarget } from "./service-model";
import type { SimulationResult } from "./simulate";
import { type PreviewSummary, shareText } from "./summary";
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

/** `1.21 s`, `140 ms`. */
export function seconds(value: number): string {
  return value < 1 ? `${number(value * 1000, 0)} ms` : `${number(value, 2)} s`;
}

/** The rows of the table, for every run's columns. */
function rowsOf(runs: readonly PreviewRun[]): string[] {
  const objectives = runs[0].summary.objectives.map((o) => o.objective);
  return ["requests", ...objectives.map((o) => `${o}: within (at the percentile)`), "task-hours", "instance-hours", "cost ($)", "peak tasks", "scale-out events", "scale-in events", "cost / reference"];
}

function runColumn(run: PreviewRun): string[] {
  const s = run.summary;
  return [
    number(s.requests),
    ...s.objectives.map((o) => `${shareText(o.withinPct)}%${o.atPercentileSeconds !== undefined ? ` (${seconds(o.atPercentileSeconds)})` : ""} ${o.met ? "met" : "MISSED"}`),
    number(s.taskHours, 2),
    number(s.instanceHours, 2),
    number(s.cost, 2),
    String(s.peakTasks),
    String(s.scaleOutEvents),
    String(s.scaleInEvents),
    s.costVsReference !== null ? `${s.costVsReference.toFixed(2)}x` : "-",
  ];
}

function referenceColumn(run: PreviewRun): string[] {
  const s = run.summary;
  const blank = s.objectives.map(() => (s.referenceCost !== null ? "every minute" : "-"));
  return ["", ...blank, "-", "-", s.referenceCost !== null ? number(s.referenceCost, 2) : "-", s.referencePeakTasks !== null ? String(s.referencePeakTasks) : "-", "-", "-", s.referenceCost !== null ? "1.00x" : "-"];
}

function staticColumn(run: PreviewRun): string[] {
  const s = run.summary;
  const ratio = s.staticCost !== null && s.referenceCost ? `${(s.staticCost / s.referenceCost).toFixed(2)}x` : "-";
  const blank = s.objectives.map(() => (!s.staticComputed ? "-" : s.staticTasks !== null ? "met" : "not with max"));
  return ["", ...blank, "-", "-", s.staticCost !== null ? number(s.staticCost, 2) : "-", s.staticTasks !== null ? String(s.staticTasks) : "-", "0", "0", ratio];
}

/**
 * The summary table: per run, the policies' replay, the reference (the cheapest schedule that meets
 * the objectives knowing the trace) and the best static count; then what each run assumed.
 */
export function formatReport(runs: readonly PreviewRun[], trace: Trace, dynamics: ScalingDynamics): string {
  const first = runs[0].target;
  const rows = rowsOf(runs);
  const columns: Array<{ head: string[]; cells: string[] }> = [];
  runs.forEach((run, i) => {
    const tag = runs.length > 1 ? `${String.fromCharCode(65 + i)}: ` : "";
    columns.push({ head: [`${tag}autoscaling`, runs.length > 1 ? run.label : ""], cells: runColumn(run) });
    columns.push({ head: [`${tag}reference`, ""], cells: referenceColumn(run) });
    columns.push({ head: [`${tag}best static`, ""], cells: staticColumn(run) });
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
    ...rows.map((row, r) => line(row, columns.map((c) => c.cells[r] ?? ""))),
    "",
  ];
  runs.forEach((run, i) => {
    const tag = runs.length > 1 ? `${String.fromCharCode(65 + i)} ` : "";
    const t = run.target;
    const p = t.phases;
    for (const d of t.derivation) out.push(`${tag}${d}`);
    const schedules = t.scaling.schedules.length;
    out.push(
      `${tag}${t.file}: min ${t.scaling.min}, max ${t.scaling.max}${schedules > 0 ? `, ${schedules} scheduled action${schedules === 1 ? "" : "s"}` : ""}; a task starts in ${p.pullSeconds + p.loadSeconds + p.healthSeconds} s (image ${p.pullSeconds} s, model ${p.loadSeconds} s, health check ${p.healthSeconds} s)${p.drainSeconds > 0 ? `, drains ${p.drainSeconds} s when removed` : ""}` +
        (t.instances ? `; instances: ${t.instances.tasksPerInstance} task${t.instances.tasksPerInstance === 1 ? "" : "s"} each, targetCapacity ${t.instances.targetCapacity}%, up ${t.instances.launchSeconds} s after launch` : ""),
    );
    out.push(`${tag}${describePricing(t.pricing, t.region)}`);
    for (const note of run.result.notes) out.push(`${tag}${note}`);
    if (run.result.unserved > 0) out.push(`${tag}${number(run.result.unserved)} requests were still waiting when the trace ended`);
    for (const warning of run.summary.warnings) out.push(`${tag}warning: ${warning}`);
  });
  out.push(
    `dynamics: high alarm ${dynamics.highDatapoints} of ${dynamics.highDatapoints} minutes above target, low ${dynamics.lowDatapoints} of ${dynamics.lowDatapoints} below ${Math.round(dynamics.lowRatio * 100)}%; metrics act ${dynamics.metricDelayMinutes} min late; a scale-in removes at most ${dynamics.scaleInStepPercent}% (at least 1 task)`,
  );
  out.push("reference: the cheapest task count per minute that meets the objectives in every minute, knowing the trace (start-up, min and max included); best static: the fewest tasks that meet them without scaling");
  return `${out.join("\n")}\n`;
}
