import { z } from "zod";
import type { Finding } from "../../../config/validate";
import { METRICS } from "../../../aws/cloudwatch";
import { int, strict } from "../../../config/zod-helpers";
import { type At, type PolicyDefinition, webOnly } from "../definition";
import { policyName, positive } from "../target-tracking-fields";

/**
 * Limits of Application Auto Scaling's PredictiveScalingPolicyConfiguration.
 * Source: https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PredictiveScalingPolicyConfiguration.html
 * - SchedulingBufferTime: 0-3600, and "must be less than the forecast interval duration of 3600 seconds".
 * - MaxCapacityBuffer: 0-100 (percent of the forecast), "required if MaxCapacityBreachBehavior is
 *   IncreaseMaxCapacity, and cannot be used otherwise".
 */
export const PREDICTIVE_LIMITS = { schedulingBufferBelowSeconds: 3600, maxCapacityBufferPercent: 100 } as const;

/** Buffer above the forecast when a forecast may raise the maximum: the API reference's own example. */
export const DEFAULT_MAX_CAPACITY_BUFFER_PERCENT = 10;

export const PredictivePolicySchema = strict({
  type: z.literal("predictive"),
  name: policyName,
  metric: z.enum(["cpu", "memory", "requests"], { error: "must be cpu, memory or requests" }).describe("Metric pair the forecast learns from (requests: web services only)."),
  target: positive("Target value of the scaling metric (utilization % or requests per task)."),
  mode: z.enum(["ForecastOnly", "ForecastAndScale"], { error: "must be ForecastOnly or ForecastAndScale" }).default("ForecastOnly").describe("ForecastOnly publishes forecasts to review first; ForecastAndScale acts on them."),
  schedulingBufferTimeSeconds: int("Seconds before the forecast time that capacity is launched (task start-up); less than the forecast's one-hour interval.")
    .min(0, { error: "must be 0 or more" })
    .max(PREDICTIVE_LIMITS.schedulingBufferBelowSeconds - 1, {
      error: `must be less than ${PREDICTIVE_LIMITS.schedulingBufferBelowSeconds} (AWS requires it below the forecast's one-hour interval)`,
    })
    .default(300),
  maxCapacityBreachBehavior: z.enum(["HonorMaxCapacity", "IncreaseMaxCapacity"], { error: "must be HonorMaxCapacity or IncreaseMaxCapacity" }).default("HonorMaxCapacity").describe("Whether a forecast above scaling.max may raise it."),
  maxCapacityBufferPercent: int(
    `With IncreaseMaxCapacity: how far above the forecast the raised maximum may go, in percent of the forecast (0-100). Default: ${DEFAULT_MAX_CAPACITY_BUFFER_PERCENT} with IncreaseMaxCapacity; not allowed with HonorMaxCapacity.`,
  )
    .min(0, { error: "must be 0 or more" })
    .max(PREDICTIVE_LIMITS.maxCapacityBufferPercent, { error: `must be at most ${PREDICTIVE_LIMITS.maxCapacityBufferPercent} (percent of the forecast, the AWS limit)` })
    .optional(),
}).describe("Predictive scaling from the service's history (needs 24 hours of metrics to forecast).");

export type ParsedPredictivePolicy = z.output<typeof PredictivePolicySchema>;

export const predictiveDefinition: PolicyDefinition<typeof PredictivePolicySchema> = {
  schema: PredictivePolicySchema,
  findings: (kind, policy, at) => [
    ...(policy.metric === "requests" ? webOnly(kind, "a predictive policy on requests", policy.type, at) : []),
    ...capacityBufferFindings(policy, at),
  ],
  identity: () => "predictive",
  reads: (policy) =>
    policy.metric === "requests"
      ? [{ namespace: METRICS.alb.namespace, name: METRICS.alb.requestCount }]
      : [{ namespace: METRICS.ecs.namespace, name: policy.metric === "cpu" ? METRICS.ecs.cpu : METRICS.ecs.memory }],
};

/** AWS takes a capacity buffer only when a forecast may raise the maximum. */
function capacityBufferFindings(policy: ParsedPredictivePolicy, at: At): Finding[] {
  if (policy.maxCapacityBufferPercent === undefined || policy.maxCapacityBreachBehavior === "IncreaseMaxCapacity") return [];
  return [
    {
      path: at("maxCapacityBufferPercent"),
      value: policy.maxCapacityBufferPercent,
      message: `applies only with maxCapacityBreachBehavior: IncreaseMaxCapacity (AWS rejects a buffer with ${policy.maxCapacityBreachBehavior}); remove it, or set maxCapacityBreachBehavior: IncreaseMaxCapacity`,
    },
  ];
}
