import type { PolicyContext, PolicyKind } from "../policy-kind";
import { targetTrackingPolicy } from "../target-tracking";

/** `<load balancer arn_suffix>/<target group arn_suffix>`: how ALB request metrics name a target group. */
export function requestCountResourceLabel(context: PolicyContext): string {
  const { loadBalancer, targetGroup, service } = context.placeholders;
  if (!loadBalancer || !targetGroup) throw new Error(`service ${service}: request metrics need a load balancer target group`);
  return `${loadBalancer}/${targetGroup}`;
}

/** Target tracking on the load balancer's requests per target per minute. */
export const requestsPolicy: PolicyKind<"requests"> = {
  type: "requests",
  description: "load balancer requests per task per minute",
  synthesize: (context, policy) =>
    targetTrackingPolicy(context, policy, policy.target, {
      predefined: { predefinedMetricType: "ALBRequestCountPerTarget", resourceLabel: requestCountResourceLabel(context) },
    }),
};
