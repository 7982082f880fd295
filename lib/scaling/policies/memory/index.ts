import { METRICS, PREDEFINED_METRICS } from "../../../aws/cloudwatch";
import { stat } from "../../metric";
import type { PolicyKind } from "../../policy-kind";
import type { PreviewAssumptions, SimulatedMetric } from "../../preview-rules";
import { targetTrackingPolicy, targetTrackingRule } from "../../target-tracking";

/**
 * Preview: average memory utilization of the ready tasks, the constant `preview.memoryPercent`
 * (a model server's memory is mostly its weights, whatever the load); no datapoint without a task.
 */
export function memoryUtilization(assumptions: PreviewAssumptions): SimulatedMetric {
  return (m) => (m.runningTasks > 0 ? assumptions.memoryPercent : undefined);
}

/** Target tracking on the service's average memory utilization. */
export const memoryPolicy: PolicyKind<"memory"> = {
  type: "memory",
  description: "average memory utilization (%) of the service's tasks",
  synthesize: (context, policy) =>
    targetTrackingPolicy(context, policy, policy.target, { predefined: { predefinedMetricType: PREDEFINED_METRICS.memory } }),
  previewRules: (context, policy) => [targetTrackingRule(policy, policy.target, memoryUtilization(context.assumptions))],
  dashboardMetric: (_context, policy) => ({
    queries: [{ id: "m1", label: "Memory utilization (%)", stat: stat(METRICS.ecs.namespace, METRICS.ecs.memory, { ClusterName: "{cluster}", ServiceName: "{service}" }), returnData: true }],
    target: policy.target,
  }),
};
