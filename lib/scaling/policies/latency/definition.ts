import { z } from "zod";
import { METRICS } from "../../../aws/cloudwatch";
import { strict } from "../../../config/zod-helpers";
import { type PolicyDefinition, webOnly } from "../definition";
import { positive, targetTrackingFields } from "../target-tracking-fields";

export const LatencyPolicySchema = strict({
  type: z.literal("latency"),
  target: positive("Average target response time to hold, in seconds (TargetResponseTime)."),
  ...targetTrackingFields,
}).describe("Target tracking on the target group's average response time; web services only.");

export const latencyDefinition: PolicyDefinition<typeof LatencyPolicySchema> = {
  schema: LatencyPolicySchema,
  findings: (kind, policy, at) => webOnly(kind, "a latency policy", policy.type, at),
  reads: () => [{ namespace: METRICS.alb.namespace, name: METRICS.alb.targetResponseTime }],
};
