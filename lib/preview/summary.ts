import { describeObjective } from "./objectives";
import { minuteCost, type ReferenceResult, type StaticResult } from "./reference";
import type { PreviewTarget } from "./service-model";
import type { SimulationResult } from "./simulate";

/** One objective's outcome as printed. */
export interface ObjectiveFigure {
  /** `p99 ttft < 2 s`. */
  readonly objective: string;
  /**
   * Share (%) of requests within the bound, to 0.01, or to as many more digits (up to 6) as it takes
   * to stay on its side of the objective's percentile: a missed objective never shows a share at
   * or above its target (99.968 for a missed p99.97, not 99.97), a met one never below it.
   */
  readonly withinPct: number;
  /** The metric at the objective's percentile, in seconds, when distributions were kept. @default none */
  readonly atPercentileSeconds?: number;
  readonly met: boolean;
}

/** The figures of one replay (the keys `--json` prints). */
export interface PreviewSummary {
  /** Requests in the trace. */
  readonly requests: number;
  readonly objectives: readonly ObjectiveFigure[];
  /** Whether every objective is met. */
  readonly meetsObjectives: boolean;
  readonly waitP50Seconds: number;
  readonly waitP95Seconds: number;
  readonly waitP99Seconds: number;
  /** Hours of tasks from launch to stop (starting, serving, draining). */
  readonly taskHours: number;
  /** Hours of EC2 instances (GPU compute; 0 on Fargate). */
  readonly instanceHours: number;
  /** Dollars: instances for GPU compute, billed tasks on Fargate. */
  readonly cost: number;
  /** Highest desired count. */
  readonly peakTasks: number;
  /** Rises of the desired count (by policies or scheduled actions). */
  readonly scaleOutEvents: number;
  /** Falls of the desired count. */
  readonly scaleInEvents: number;
  /** The cheapest schedule that meets the objectives knowing the trace (dynamic programming); null when not computed. */
  readonly referenceCost: number | null;
  readonly referencePeakTasks: number | null;
  /** The fewest tasks that meet the objectives without scaling, and their cost; null when even the maximum misses, or when not computed (see staticComputed). */
  readonly staticTasks: number | null;
  readonly staticCost: number | null;
  /** Whether the best static count was computed (false with --no-reference and in the matrix): tells a null staticTasks "not computed" from "missed even at the maximum". */
  readonly staticComputed: boolean;
  /** cost / referenceCost. */
  readonly costVsReference: number | null;
  readonly warnings: readonly string[];
}

/** The keys of a summary, in the order they are printed. */
export const SUMMARY_KEYS = [
  "requests",
  "objectives",
  "meetsObjectives",
  "waitP50Seconds",
  "waitP95Seconds",
  "waitP99Seconds",
  "taskHours",
  "instanceHours",
  "cost",
  "peakTasks",
  "scaleOutEvents",
  "scaleInEvents",
  "referenceCost",
  "referencePeakTasks",
  "staticTasks",
  "staticCost",
  "staticComputed",
  "costVsReference",
  "warnings",
] as const satisfies ReadonlyArray<keyof PreviewSummary>;

const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * A share (%) for display, consistent with whether it met `targetPct`: to 0.01 when that keeps it
 * on its side of the target, else to the fewest more digits (up to 6) that do, else rounded toward
 * the share (down when missed, up when met) at 6 digits.
 */
export function displayShare(withinPct: number, targetPct: number, met: boolean): number {
  const onItsSide = (v: number) => (met ? v >= targetPct - 1e-9 : v < targetPct);
  for (let digits = 2; digits <= 6; digits++) {
    const shown = round(withinPct, digits);
    if (onItsSide(shown)) return shown;
  }
  return (met ? Math.ceil(withinPct * 1e6) : Math.floor(withinPct * 1e6)) / 1e6;
}

/** A share as text: two decimals, or every digit {@link displayShare} kept. `99.97`, `99.968`. */
export function shareText(withinPct: number): string {
  const two = withinPct.toFixed(2);
  return Number(two) === withinPct ? two : String(withinPct);
}

/** Dollars of a replay: its instances (GPU) or billed tasks (Fargate), minute by minute. */
export function costOf(result: SimulationResult, target: PreviewTarget): number {
  let cost = 0;
  for (let t = 0; t < result.minutes; t++) cost += minuteCost(target, result.billedTasks[t], result.instances[t]) / 60;
  return cost;
}

/** The figures of a replay, with costs from the pricing. Rounded for display: seconds, hours and dollars to 0.01. */
export function summarize(result: SimulationResult, target: PreviewTarget, reference?: ReferenceResult, best?: StaticResult): PreviewSummary {
  let requests = 0;
  for (const r of result.demand) requests += r;
  let taskMinutes = 0;
  let instanceMinutes = 0;
  let peakTasks = 0;
  for (let t = 0; t < result.minutes; t++) {
    taskMinutes += result.billedTasks[t];
    instanceMinutes += result.instances[t];
    peakTasks = Math.max(peakTasks, result.desiredTasks[t]);
  }
  const cost = costOf(result, target);
  const wait = result.distributions?.wait;
  return {
    requests: round(requests, 0),
    objectives: result.objectives.map((o) => ({
      objective: describeObjective(o.objective),
      withinPct: displayShare(o.withinPct, o.objective.percentile, o.met),
      ...(o.valueAtPercentile !== undefined ? { atPercentileSeconds: round(o.valueAtPercentile, 3) } : {}),
      met: o.met,
    })),
    meetsObjectives: result.objectives.every((o) => o.met),
    waitP50Seconds: round(wait?.percentile(0.5) ?? 0),
    waitP95Seconds: round(wait?.percentile(0.95) ?? 0),
    waitP99Seconds: round(wait?.percentile(0.99) ?? 0),
    taskHours: round(taskMinutes / 60),
    instanceHours: round(instanceMinutes / 60),
    cost: round(cost),
    peakTasks,
    scaleOutEvents: result.events.filter((e) => e.to > e.from).length,
    scaleInEvents: result.events.filter((e) => e.to < e.from).length,
    referenceCost: reference ? round(reference.cost) : null,
    referencePeakTasks: reference ? reference.peakTasks : null,
    staticTasks: best?.tasks ?? null,
    staticCost: best?.cost !== undefined ? round(best.cost) : null,
    staticComputed: best !== undefined,
    costVsReference: reference && reference.cost > 0 ? round(cost / reference.cost) : null,
    warnings: result.warnings,
  };
}
