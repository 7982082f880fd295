import { type MetricQuery, stat } from "../../metric";
import type { PolicyKind } from "../../policy-kind";
import type { PreviewAssumptions, SimulatedMetric } from "../../preview-rules";
import { targetTrackingPolicy, targetTrackingRule } from "../../target-tracking";

/**
 * Preview: average TargetResponseTime, the model's own time (`preview.responseSeconds`) plus
 * the mean wait of the requests served in the minute; no datapoint in a minute without requests.
 */
export function responseTime(_assumptions: PreviewAssumptions): SimulatedMetric {
  return (m) => (m.served > 0 ? m.responseSeconds + m.meanWaitSeconds : undefined);
}

const LATENCY_QUERIES: MetricQuery[] = [
  {
    id: "m1",
    label: "Average target response time (s)",
    stat: stat("AWS/ApplicationELB", "TargetResponseTime", { LoadBalancer: "{loadBalancer}", TargetGroup: "{targetGroup}" }),
    returnData: true,
  },
];

/** Target tracking on the target group's average response time (seconds). */
export const latencyPolicy: PolicyKind<"latency"> = {
  type: "latency",
  description: "average target response time of the service's target group, in seconds",
  synthesize: (context, policy) => targetTrackingPolicy(context, policy, policy.target, { queries: LATENCY_QUERIES }),
  previewRules: (context, policy) => [targetTrackingRule(policy, policy.target, responseTime(context.assumptions))],
  dashboardMetric: (_context, policy) => ({ queries: LATENCY_QUERIES, target: policy.target }),
};
