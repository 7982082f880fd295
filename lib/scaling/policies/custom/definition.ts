import { z } from "zod";
import { metricSourceFields } from "../../../config/metric-schema";
import { metricSourceFindings, metricSourceIdentity, metricSourceReads } from "../../../config/validate-metric";
import { strict } from "../../../config/zod-helpers";
import type { PolicyDefinition } from "../definition";
import { positive, publishedBy, targetTrackingFields } from "../target-tracking-fields";

export const CustomPolicySchema = strict({
  type: z.literal("custom"),
  target: positive("Value of the metric (or expression) to hold."),
  ...metricSourceFields,
  publishedBy,
  ...targetTrackingFields,
}).describe("Target tracking on any CloudWatch metric or metric-math expression (in-flight requests per task, GPU utilization, p90 latency).");

export const customDefinition: PolicyDefinition<typeof CustomPolicySchema> = {
  schema: CustomPolicySchema,
  findings: (kind, policy, at) => metricSourceFindings(kind, policy, at),
  identity: (policy) => `metric:${metricSourceIdentity(policy)}`,
  reads: (policy) => metricSourceReads(policy),
  publishedBy: (policy) => policy.publishedBy,
};
