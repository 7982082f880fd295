import { METRICS, PREDEFINED_METRICS } from "../../../aws/cloudwatch";
import { stat } from "../../metric";
import type { PolicyContext, PolicyKind } from "../../policy-kind";
import type { SimulatedMetric } from "../../preview-rules";
import { targetTrackingPolicy, targetTrackingRule } from "../../target-tracking";

/** `<load balancer arn_suffix>/<target group arn_suffix>`: how ALB request metrics name a target group. */
export function requestCountResourceLabel(context: PolicyContext): string {
  const { loadBalancer, targetGroup, service } = context.placeholders;
  if (!loadBalancer || !targetGroup) throw new Error(`service ${service}: request metrics need a load balancer target group`);
  return `${loadBalancer}/${targetGroup}`;
}

/**
 * Preview: ALBRequestCountPerTarget, the requests that arrived in the minute divided by the
 * ready (healthy) tasks; the load balancer hands every request to a task at once, so queued
 * requests wait inside the tasks. No datapoint in a minute without requests: the load balancer
 * publishes metrics only while requests flow
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html),
 * so an idle service's low alarm never fires. None without a ready task either.
 */
export const requestsPerTask: SimulatedMetric = (m) => (m.readyTasks > 0 && m.arrivals > 0 ? m.arrivals / m.readyTasks : undefined);

/** Target tracking on the load balancer's requests per target per minute. */
export const requestsPolicy: PolicyKind<"requests"> = {
  type: "requests",
  description: "load balancer requests per task per minute",
  synthesize: (context, policy) =>
    targetTrackingPolicy(context, policy, policy.target, {
      predefined: { predefinedMetricType: PREDEFINED_METRICS.requests, resourceLabel: requestCountResourceLabel(context) },
    }),
  previewRules: (_context, policy) => [targetTrackingRule(policy, policy.target, requestsPerTask)],
  dashboardMetric: (_context, policy) => ({
    queries: [
      {
        id: "m1",
        label: "Requests per task per minute",
        stat: stat(METRICS.alb.namespace, METRICS.alb.requestCountPerTarget, { TargetGroup: "{targetGroup}" }, "Sum"),
        returnData: true,
      },
    ],
    target: policy.target,
  }),
};
