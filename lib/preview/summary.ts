import { describeObjective } from "./objectives";
import { minuteCost, type ReferenceResult, type StaticResult } from "./reference";
import type { PreviewTarget } from "./service-model";
import type { SimulationResult } from "./simulate";

/** One objective's outcome as printed. */
export interface ObjectiveFigure {
  /** `p99 ttft < 2 s`. */
  readonly objective: string;
  /** Share (%) of requests within the bound. */
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
  /** The fewest tasks that meet the objectives without scaling, and their cost; null when even the maximum misses. */
  readonly staticTasks: number | null;
  readonly staticCost: number | null;
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
  "costVsReference",
  "warnings",
] as const satisfies ReadonlyArray<keyof PreviewSummary>;

const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

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
      withinPct: round(o.withinPct),
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
    costVsReference: reference && reference.cost > 0 ? round(cost / reference.cost) : null,
    warnings: result.warnings,
  };
}
