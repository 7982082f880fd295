import { METRICS, PREDEFINED_METRICS } from "../../../aws/cloudwatch";
import { stat } from "../../metric";
import type { PolicyKind } from "../../policy-kind";
import type { PreviewAssumptions, SimulatedMetric } from "../../preview-rules";
import { targetTrackingPolicy, targetTrackingRule } from "../../target-tracking";

/**
 * Preview: ECSServiceAverageCPUUtilization, the average over RUNNING tasks: serving tasks at
 * `preview.cpuPercentAtCapacity` x the share of their capacity in use, tasks still loading the
 * model or draining idle; no datapoint without a running task.
 */
export function cpuUtilization(assumptions: PreviewAssumptions): SimulatedMetric {
  return (m) => (m.runningTasks > 0 ? (m.workCapacity > 0 ? (assumptions.cpuPercentAtCapacity * m.workServed * m.readyTasks) / (m.workCapacity * m.runningTasks) : 0) : undefined);
}

/** Target tracking on the service's average CPU utilization. */
export const cpuPolicy: PolicyKind<"cpu"> = {
  type: "cpu",
  description: "average CPU utilization (%) of the service's tasks",
  synthesize: (context, policy) =>
    targetTrackingPolicy(context, policy, policy.target, { predefined: { predefinedMetricType: PREDEFINED_METRICS.cpu } }),
  previewRules: (context, policy) => [targetTrackingRule(policy, policy.target, cpuUtilization(context.assumptions))],
  dashboardMetric: (_context, policy) => ({
    queries: [{ id: "m1", label: "CPU utilization (%)", stat: stat(METRICS.ecs.namespace, METRICS.ecs.cpu, { ClusterName: "{cluster}", ServiceName: "{service}" }), returnData: true }],
    target: policy.target,
  }),
};
