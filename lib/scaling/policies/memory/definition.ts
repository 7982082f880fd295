import { z } from "zod";
import { METRICS } from "../../../aws/cloudwatch";
import { strict } from "../../../config/zod-helpers";
import type { PolicyDefinition } from "../definition";
import { targetTrackingFields, utilization } from "../target-tracking-fields";

export const MemoryPolicySchema = strict({
  type: z.literal("memory"),
  target: utilization("Average memory utilization (%) of the service's tasks to hold."),
  ...targetTrackingFields,
}).describe("Target tracking on ECSServiceAverageMemoryUtilization.");

export const memoryDefinition: PolicyDefinition<typeof MemoryPolicySchema> = {
  schema: MemoryPolicySchema,
  reads: () => [{ namespace: METRICS.ecs.namespace, name: METRICS.ecs.memory }],
};
