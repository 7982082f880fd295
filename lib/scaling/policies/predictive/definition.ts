import { z } from "zod";
import { int, strict } from "../../../config/zod-helpers";
import { type PolicyDefinition, webOnly } from "../definition";
import { policyName, positive } from "../target-tracking-fields";

export const PredictivePolicySchema = strict({
  type: z.literal("predictive"),
  name: policyName,
  metric: z.enum(["cpu", "memory", "requests"], { error: "must be cpu, memory or requests" }).describe("Metric pair the forecast learns from (requests: web services only)."),
  target: positive("Target value of the scaling metric (utilization % or requests per task)."),
  mode: z.enum(["ForecastOnly", "ForecastAndScale"], { error: "must be ForecastOnly or ForecastAndScale" }).default("ForecastOnly").describe("ForecastOnly publishes forecasts to review first; ForecastAndScale acts on them."),
  schedulingBufferTimeSeconds: int("Seconds before the forecast time that capacity is launched (task start-up).").min(0, { error: "must be 0 or more" }).max(3600, { error: "must be at most 3600" }).default(300),
  maxCapacityBreachBehavior: z.enum(["HonorMaxCapacity", "IncreaseMaxCapacity"], { error: "must be HonorMaxCapacity or IncreaseMaxCapacity" }).default("HonorMaxCapacity").describe("Whether a forecast above scaling.max may raise it."),
}).describe("Predictive scaling from the service's history (needs 24 hours of metrics to forecast).");

export const predictiveDefinition: PolicyDefinition<typeof PredictivePolicySchema> = {
  schema: PredictivePolicySchema,
  findings: (kind, policy, at) => (policy.metric === "requests" ? webOnly(kind, "a predictive policy on requests", policy.type, at) : []),
  identity: () => "predictive",
};
