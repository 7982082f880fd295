import type { PolicyKind } from "../policy-kind";
import { targetTrackingPolicy } from "../target-tracking";

/** Target tracking on the load balancer's requests per target per minute. */
export const requestsPolicy: PolicyKind<"requests"> = {
  type: "requests",
  description: "load balancer requests per task per minute",
  synthesize: (context, policy) => {
    if (!context.requestCountResourceLabel) {
      throw new Error(`service ${context.serviceName}: a requests policy needs a load balancer target group`);
    }
    return targetTrackingPolicy(context, policy, {
      predefined: { predefinedMetricType: "ALBRequestCountPerTarget", resourceLabel: context.requestCountResourceLabel },
    });
  },
};
