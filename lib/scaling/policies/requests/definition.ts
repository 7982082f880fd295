import { z } from "zod";
import { METRICS } from "../../../aws/cloudwatch";
import { strict } from "../../../config/zod-helpers";
import { type PolicyDefinition, webOnly } from "../definition";
import { positive, targetTrackingFields } from "../target-tracking-fields";

export const RequestsPolicySchema = strict({
  type: z.literal("requests"),
  target: positive("Requests per task per minute to hold (ALBRequestCountPerTarget)."),
  ...targetTrackingFields,
}).describe("Target tracking on the load balancer's request count per target; web services only.");

export const requestsDefinition: PolicyDefinition<typeof RequestsPolicySchema> = {
  schema: RequestsPolicySchema,
  findings: (kind, policy, at) => webOnly(kind, "a requests policy", policy.type, at),
  reads: () => [{ namespace: METRICS.alb.namespace, name: METRICS.alb.requestCountPerTarget }],
};
