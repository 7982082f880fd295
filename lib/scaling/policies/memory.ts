import type { PolicyKind } from "../policy-kind";
import { targetTrackingPolicy } from "../target-tracking";

/** Target tracking on the service's average memory utilization. */
export const memoryPolicy: PolicyKind<"memory"> = {
  type: "memory",
  description: "average memory utilization (%) of the service's tasks",
  synthesize: (context, policy) =>
    targetTrackingPolicy(context, policy, policy.target, { predefined: { predefinedMetricType: "ECSServiceAverageMemoryUtilization" } }),
};
