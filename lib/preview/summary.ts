import { hourlyCost, TaskPricing } from "./pricing";
import type { SimulationResult } from "./simulate";

/** The figures of one replay (the keys `--json` prints). */
export interface PreviewSummary {
  /** Requests in the trace. */
  readonly requests: number;
  /** Share (%) of requests that waited at most the latency objective for a task. */
  readonly withinObjectivePct: number;
  readonly waitP50Seconds: number;
  readonly waitP95Seconds: number;
  readonly waitP99Seconds: number;
  /** Hours of tasks billed (starting or serving). */
  readonly taskHours: number;
  /** Dollars for those task-hours. */
  readonly cost: number;
  /** Most tasks billed at once. */
  readonly peakTasks: number;
  /** Rises of the desired count (by policies or scheduled actions). */
  readonly scaleOutEvents: number;
  /** Falls of the desired count. */
  readonly scaleInEvents: number;
  /** Task-hours of an oracle that has exactly the tasks each minute's work needs: the lower bound. */
  readonly oracleTaskHours: number;
  readonly oracleCost: number;
}

/** The keys of a summary, in the order they are printed. */
export const SUMMARY_KEYS = [
  "requests",
  "withinObjectivePct",
  "waitP50Seconds",
  "waitP95Seconds",
  "waitP99Seconds",
  "taskHours",
  "cost",
  "peakTasks",
  "scaleOutEvents",
  "scaleInEvents",
  "oracleTaskHours",
  "oracleCost",
] as const satisfies ReadonlyArray<keyof PreviewSummary>;

/** The figures of a replay, with costs from the pricing. Rounded for display: waits to 0.01 s, hours and dollars to 0.01. */
export function summarize(result: SimulationResult, objectiveSeconds: number, pricing: TaskPricing): PreviewSummary {
  let requests = 0;
  for (const r of result.demand) requests += r;
  let taskMinutes = 0;
  let oracleMinutes = 0;
  let cost = 0;
  let oracleCost = 0;
  let peakTasks = 0;
  for (let t = 0; t < result.minutes; t++) {
    const running = result.runningTasks[t];
    const oracle = result.oracleTasks[t];
    taskMinutes += running;
    oracleMinutes += oracle;
    cost += hourlyCost(pricing, running) / 60;
    oracleCost += hourlyCost(pricing, oracle) / 60;
    peakTasks = Math.max(peakTasks, running);
  }
  const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;
  return {
    requests: round(requests, 0),
    withinObjectivePct: requests > 0 ? round((100 * result.waits.countWithin(objectiveSeconds)) / requests) : 100,
    waitP50Seconds: round(result.waits.percentile(0.5)),
    waitP95Seconds: round(result.waits.percentile(0.95)),
    waitP99Seconds: round(result.waits.percentile(0.99)),
    taskHours: round(taskMinutes / 60),
    cost: round(cost),
    peakTasks,
    scaleOutEvents: result.events.filter((e) => e.to > e.from).length,
    scaleInEvents: result.events.filter((e) => e.to < e.from).length,
    oracleTaskHours: round(oracleMinutes / 60),
    oracleCost: round(oracleCost),
  };
}
