import type { PolicyKind } from "../policy-kind";
import { targetTrackingPolicy } from "../target-tracking";

/** Target tracking on the service's average CPU utilization. */
export const cpuPolicy: PolicyKind<"cpu"> = {
  type: "cpu",
  description: "average CPU utilization (%) of the service's tasks",
  synthesize: (context, policy) =>
    targetTrackingPolicy(context, policy, policy.target, { predefined: { predefinedMetricType: "ECSServiceAverageCPUUtilization" } }),
};
