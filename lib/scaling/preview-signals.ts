import type { PreviewSignal } from "../config/preview-schema";
import { cpuUtilization } from "./policies/cpu";
import { responseTime } from "./policies/latency";
import { memoryUtilization } from "./policies/memory";
import { backlogPerTask } from "./policies/queue";
import { requestsPerTask } from "./policies/requests";
import { PreviewContext, PreviewUnsupportedError, SimulatedMetric } from "./preview-rules";

/**
 * What each `preview.metrics` signal computes from a simulated minute. The kinds' own metrics
 * are reused (cpuUtilization is exactly what a cpu policy tracks); the type makes the table
 * complete for every signal of the schema.
 */
export const SIGNAL_METRICS: { readonly [S in Exclude<PreviewSignal, "ignore">]: (context: PreviewContext) => SimulatedMetric } = {
  cpuUtilization: (context) => cpuUtilization(context.assumptions),
  memoryUtilization: (context) => memoryUtilization(context.assumptions),
  /** Share (%) of the running tasks' capacity in use, e.g. for GPU utilization (tasks loading the model count as idle). */
  loadPercent: () => (m) => (m.runningTasks > 0 ? (m.workCapacity > 0 ? (100 * m.workServed * m.readyTasks) / (m.workCapacity * m.runningTasks) : 0) : undefined),
  requestsPerTask: () => requestsPerTask,
  responseTime: (context) => responseTime(context.assumptions),
  /**
   * Requests in a task, being generated or waiting, by Little's law: requests per second taken
   * times (the minute's response time + mean wait), per RUNNING task (the shipped in-flight metric
   * divides by Container Insights RunningTaskCount, which counts tasks still loading).
   */
  inFlightPerTask: () => (m) => (m.runningTasks > 0 ? ((m.served / 60) * (m.responseSeconds + m.meanWaitSeconds)) / m.runningTasks : undefined),
  backlogPerTask: (context) => backlogPerTask(context.min),
  /** Requests waiting for a task at the end of the minute. */
  waitingRequests: () => (m) => m.waiting,
};

/**
 * The simulated metric a custom or step policy stands for (`preview.metrics.<name>`), or
 * undefined when the config says to ignore the policy. The preview cannot compute an arbitrary
 * CloudWatch metric: without a mapping it throws, naming the field to set.
 */
export function mappedMetric(context: PreviewContext, type: "custom" | "step", name: string): SimulatedMetric | undefined {
  const signal = context.signals[name];
  if (signal === undefined) {
    const allowed = [...Object.keys(SIGNAL_METRICS), "ignore"].join(", ");
    throw new PreviewUnsupportedError(
      `${context.where}: the preview cannot compute the CloudWatch metric of the ${type} policy "${name}"; set preview.metrics.${name} to what it stands for: ${allowed}`,
    );
  }
  return signal === "ignore" ? undefined : SIGNAL_METRICS[signal](context);
}

/** Why a policy is left out when its mapping is `ignore`. */
export function ignoredReason(name: string): string {
  return `preview.metrics.${name} is ignore`;
}
