import { stat } from "../metric";
import type { PolicyKind } from "../policy-kind";
import { targetTrackingPolicy } from "../target-tracking";

/** Target tracking on the target group's average response time (seconds). */
export const latencyPolicy: PolicyKind<"latency"> = {
  type: "latency",
  description: "average target response time of the service's target group, in seconds",
  synthesize: (context, policy) =>
    targetTrackingPolicy(context, policy, policy.target, {
      queries: [
        {
          id: "m1",
          label: "Average target response time (s)",
          stat: stat("AWS/ApplicationELB", "TargetResponseTime", { LoadBalancer: "{loadBalancer}", TargetGroup: "{targetGroup}" }),
          returnData: true,
        },
      ],
    }),
};
