import { z } from "zod";
import { METRICS } from "../../../aws/cloudwatch";
import type { Finding } from "../../../config/validate";
import { int, strict } from "../../../config/zod-helpers";
import type { PolicyDefinition } from "../definition";
import { positive, targetTrackingFields } from "../target-tracking-fields";

export const QueuePolicySchema = strict({
  type: z.literal("queue"),
  secondsPerMessage: positive("Seconds one task takes to process one message."),
  acceptableLatencySeconds: positive("Longest a message may wait; the target backlog per task is ceil(acceptableLatencySeconds / secondsPerMessage)."),
  scaleToZeroAfterIdleMinutes: int("With scaling.min 0: minutes with no visible and no in-flight messages before the service scales to zero.")
    .min(1, { error: "must be at least 1" })
    .max(1440, { error: "must be at most 1440 (one day)" })
    .default(15),
  ...targetTrackingFields,
}).describe("Target tracking on the queue's visible messages per running task; workers only.");

export const queueDefinition: PolicyDefinition<typeof QueuePolicySchema> = {
  schema: QueuePolicySchema,
  findings: (kind, policy, at) => {
    const findings: Finding[] = [];
    if (kind !== "worker") {
      findings.push({ path: at("type"), value: "queue", message: `a queue policy scales on the worker's SQS queue; it is for kind: worker services only (this is a ${kind})` });
    }
    if (policy.secondsPerMessage > policy.acceptableLatencySeconds) {
      findings.push({
        path: at("secondsPerMessage"),
        value: policy.secondsPerMessage,
        message: `is greater than acceptableLatencySeconds (${policy.acceptableLatencySeconds}); a message could never be processed within the latency, so the backlog target would be below 1`,
      });
    }
    return findings;
  },
  reads: () => [
    { namespace: METRICS.sqs.namespace, name: METRICS.sqs.visible },
    { namespace: METRICS.containerInsights.namespace, name: METRICS.containerInsights.runningTasks },
  ],
};
