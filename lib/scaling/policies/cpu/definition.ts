import { z } from "zod";
import { METRICS } from "../../../aws/cloudwatch";
import { strict } from "../../../config/zod-helpers";
import type { PolicyDefinition } from "../definition";
import { targetTrackingFields, utilization } from "../target-tracking-fields";

export const CpuPolicySchema = strict({
  type: z.literal("cpu"),
  target: utilization("Average CPU utilization (%) of the service's tasks to hold."),
  ...targetTrackingFields,
}).describe("Target tracking on ECSServiceAverageCPUUtilization.");

export const cpuDefinition: PolicyDefinition<typeof CpuPolicySchema> = {
  schema: CpuPolicySchema,
  reads: () => [{ namespace: METRICS.ecs.namespace, name: METRICS.ecs.cpu }],
};
