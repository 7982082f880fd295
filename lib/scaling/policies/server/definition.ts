import { z } from "zod";
import { METRICS } from "../../../aws/cloudwatch";
import { strict } from "../../../config/zod-helpers";
import { MEANINGS, SERVER_MEANINGS } from "../../../metrics/server-presets";
import type { PolicyDefinition } from "../definition";
import { positive, targetTrackingFields } from "../target-tracking-fields";

export const ServerPolicySchema = strict({
  type: z.literal("server"),
  metric: z
    .enum(SERVER_MEANINGS, { error: `must be one of: ${SERVER_MEANINGS.join(", ")}` })
    .describe("The model-server metric, by meaning: waiting or running requests per task, kvCacheUsage (%), timeToFirstToken (mean, s) or tokensPerSecond per task."),
  target: positive("Value to hold, per task (timeToFirstToken: the mean in seconds; kvCacheUsage: percent)."),
  ...targetTrackingFields,
}).describe("Target tracking on a metric the service's own model server publishes through the metrics sidecar; needs the service's metrics section.");

export const serverDefinition: PolicyDefinition<typeof ServerPolicySchema> = {
  schema: ServerPolicySchema,
  findings: (_kind, policy, at) => {
    const max = MEANINGS[policy.metric].maxTarget;
    if (max !== undefined && policy.target > max) {
      return [{ path: at("target"), value: policy.target, message: `must be at most ${max} for ${policy.metric} (it is a percentage)` }];
    }
    return [];
  },
  identity: (policy) => `server:${policy.metric}`,
  reads: (policy, context) => [
    { namespace: context.serverNamespace, name: MEANINGS[policy.metric].metricName },
    ...(MEANINGS[policy.metric].type === "counter"
      ? [{ namespace: METRICS.containerInsights.namespace, name: METRICS.containerInsights.runningTasks }]
      : []),
  ],
};
