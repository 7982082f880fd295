import { z } from "zod";
import { metricSourceFields } from "./metric-schema";
import { int, oneOf, strict } from "./zod-helpers";

/**
 * Scaling: the minimum and maximum, the policies (target tracking on CPU, memory,
 * requests, latency, queue backlog or any metric; step scaling; predictive) and the
 * scheduled actions of a service.
 */

const cooldown = (what: string, fallback: number) =>
  int(what).min(0, { error: "must be 0 or more" }).max(86400, { error: "must be at most 86400 (one day)" }).default(fallback);

const policyName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, { error: "must be 1-40 lower-case letters, digits and hyphens, starting with a letter" })
  .optional()
  .describe("Names the policy (and its alarms). Default: the policy type; two policies of one type need different names.");

const targetTracking = {
  name: policyName,
  scaleInCooldownSeconds: cooldown("Seconds after a scale-in before another scale-in may start.", 300),
  scaleOutCooldownSeconds: cooldown("Seconds after a scale-out before another scale-out may start (a larger need still scales out).", 60),
  disableScaleIn: z.boolean().default(false).describe("When true this policy never removes tasks; other policies or scheduled actions must."),
};

const positive = (description: string) =>
  z.number({ error: "must be a number" }).gt(0, { error: "must be greater than 0" }).max(1e9, { error: "must be at most 1e9" }).describe(description);

const utilization = (description: string) =>
  z
    .number({ error: "must be a number" })
    .gt(0, { error: "must be greater than 0" })
    .max(100, { error: "must be at most 100 (it is a utilization percentage)" })
    .describe(description);

export const CpuPolicySchema = strict({
  type: z.literal("cpu"),
  target: utilization("Average CPU utilization (%) of the service's tasks to hold."),
  ...targetTracking,
}).describe("Target tracking on ECSServiceAverageCPUUtilization.");

export const MemoryPolicySchema = strict({
  type: z.literal("memory"),
  target: utilization("Average memory utilization (%) of the service's tasks to hold."),
  ...targetTracking,
}).describe("Target tracking on ECSServiceAverageMemoryUtilization.");

export const RequestsPolicySchema = strict({
  type: z.literal("requests"),
  target: positive("Requests per task per minute to hold (ALBRequestCountPerTarget)."),
  ...targetTracking,
}).describe("Target tracking on the load balancer's request count per target; web services only.");

export const LatencyPolicySchema = strict({
  type: z.literal("latency"),
  target: positive("Average target response time to hold, in seconds (TargetResponseTime)."),
  ...targetTracking,
}).describe("Target tracking on the target group's average response time; web services only.");

export const CustomPolicySchema = strict({
  type: z.literal("custom"),
  target: positive("Value of the metric (or expression) to hold."),
  ...metricSourceFields,
  ...targetTracking,
}).describe("Target tracking on any CloudWatch metric or metric-math expression (in-flight requests per task, GPU utilization, p90 latency).");

export const QueuePolicySchema = strict({
  type: z.literal("queue"),
  secondsPerMessage: positive("Seconds one task takes to process one message."),
  acceptableLatencySeconds: positive("Longest a message may wait; the target backlog per task is ceil(acceptableLatencySeconds / secondsPerMessage)."),
  scaleToZeroAfterIdleMinutes: int("With scaling.min 0: minutes with no visible and no in-flight messages before the service scales to zero.")
    .min(1, { error: "must be at least 1" })
    .max(1440, { error: "must be at most 1440 (one day)" })
    .default(15),
  ...targetTracking,
}).describe("Target tracking on the queue's visible messages per running task; workers only.");

export const STEP_ADJUSTMENT_TYPES = ["ChangeInCapacity", "PercentChangeInCapacity", "ExactCapacity"] as const;
export const ALARM_COMPARISONS = [
  "GreaterThanOrEqualToThreshold",
  "GreaterThanThreshold",
  "LessThanThreshold",
  "LessThanOrEqualToThreshold",
] as const;

export const StepSchema = strict({
  lowerBound: z.number({ error: "must be a number" }).optional().describe("Lower bound of the step, relative to the alarm threshold. Default: minus infinity (first step only)."),
  upperBound: z.number({ error: "must be a number" }).optional().describe("Upper bound of the step, relative to the alarm threshold. Default: infinity (last step only)."),
  adjustment: int("Tasks to add (negative: remove), percent to change, or exact task count, by adjustmentType.").min(-10000, { error: "must be at least -10000" }).max(10000, { error: "must be at most 10000" }),
}).describe("One step: when the alarm's metric minus its threshold falls in [lowerBound, upperBound), apply adjustment.");

export const AlarmSchema = strict({
  ...metricSourceFields,
  comparison: z.enum(ALARM_COMPARISONS, { error: `must be one of: ${ALARM_COMPARISONS.join(", ")}` }).describe("How the metric is compared with the threshold."),
  threshold: z.number({ error: "must be a number" }).describe("Alarm threshold."),
  periodSeconds: z.union([z.literal(10), z.literal(30), z.literal(60), z.literal(300), z.literal(900), z.literal(3600)], { error: "must be 10, 30, 60, 300, 900 or 3600" }).default(60).describe("Metric period in seconds."),
  evaluationPeriods: int("Periods the alarm looks at.").min(1, { error: "must be at least 1" }).max(1440, { error: "must be at most 1440" }).default(3),
  datapointsToAlarm: int("Breaching periods (of evaluationPeriods) that raise the alarm. Default: evaluationPeriods.").min(1, { error: "must be at least 1" }).optional(),
}).describe("The CloudWatch alarm that drives the step policy; created with the policy.");

export const StepPolicySchema = strict({
  type: z.literal("step"),
  name: policyName,
  adjustmentType: z.enum(STEP_ADJUSTMENT_TYPES, { error: `must be one of: ${STEP_ADJUSTMENT_TYPES.join(", ")}` }).default("ChangeInCapacity").describe("How a step's adjustment changes the task count."),
  minAdjustmentMagnitude: int("With PercentChangeInCapacity: change at least this many tasks.").min(1, { error: "must be at least 1" }).optional(),
  cooldownSeconds: cooldown("Seconds after this policy acts before it acts again.", 300),
  metricAggregationType: z.enum(["Average", "Minimum", "Maximum"], { error: "must be Average, Minimum or Maximum" }).default("Average").describe("How the alarm's datapoints are aggregated."),
  alarm: AlarmSchema,
  steps: z.array(StepSchema).min(1, { error: "must list at least one step" }).max(20, { error: "must list at most 20 steps" }).describe("Steps, in ascending order of their bounds, contiguous and non-overlapping."),
}).describe("Step scaling with its own CloudWatch alarm.");

export const PredictivePolicySchema = strict({
  type: z.literal("predictive"),
  name: policyName,
  metric: z.enum(["cpu", "memory", "requests"], { error: "must be cpu, memory or requests" }).describe("Metric pair the forecast learns from (requests: web services only)."),
  target: positive("Target value of the scaling metric (utilization % or requests per task)."),
  mode: z.enum(["ForecastOnly", "ForecastAndScale"], { error: "must be ForecastOnly or ForecastAndScale" }).default("ForecastOnly").describe("ForecastOnly publishes forecasts to review first; ForecastAndScale acts on them."),
  schedulingBufferTimeSeconds: int("Seconds before the forecast time that capacity is launched (task start-up).").min(0, { error: "must be 0 or more" }).max(3600, { error: "must be at most 3600" }).default(300),
  maxCapacityBreachBehavior: z.enum(["HonorMaxCapacity", "IncreaseMaxCapacity"], { error: "must be HonorMaxCapacity or IncreaseMaxCapacity" }).default("HonorMaxCapacity").describe("Whether a forecast above scaling.max may raise it."),
}).describe("Predictive scaling from the service's history (needs 24 hours of metrics to forecast).");

export const POLICY_TYPES = ["cpu", "memory", "requests", "latency", "custom", "queue", "step", "predictive"] as const;

export const ScalingPolicySchema = oneOf(
  "type",
  [CpuPolicySchema, MemoryPolicySchema, RequestsPolicySchema, LatencyPolicySchema, CustomPolicySchema, QueuePolicySchema, StepPolicySchema, PredictivePolicySchema],
  POLICY_TYPES,
);

export const ScheduleSchema = strict({
  name: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, { error: "must be 1-40 lower-case letters, digits and hyphens, starting with a letter" }).describe("Name of the scheduled action."),
  schedule: z
    .string()
    .regex(/^(cron\(\S+( \S+){5}\)|at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\)|rate\([1-9]\d* (minute|minutes|hour|hours|day|days)\))$/, {
      error: 'must be "cron(min hour day-of-month month day-of-week year)", "at(yyyy-mm-ddThh:mm:ss)" or "rate(N minutes|hours|days)"',
    })
    .describe('When: "cron(0 8 ? * MON-FRI *)", "at(2026-12-24T18:00:00)" or "rate(1 day)".'),
  timezone: z
    .string()
    .refine((tz) => tz === "UTC" || tz === "Etc/UTC" || Intl.supportedValuesOf("timeZone").includes(tz), { error: 'must be an IANA time zone such as "UTC" or "Europe/Berlin"' })
    .default("UTC")
    .describe("Time zone of cron and at expressions."),
  min: int("New scaling minimum. Default: unchanged.").min(0, { error: "must be 0 or more" }).max(10000, { error: "must be at most 10000" }).optional(),
  max: int("New scaling maximum. Default: unchanged.").min(1, { error: "must be at least 1" }).max(10000, { error: "must be at most 10000" }).optional(),
}).describe("A scheduled change of the minimum and/or maximum, e.g. more tasks before business hours.");

export const ScalingSchema = strict({
  min: int("Fewest tasks; also the service's desired count on its first apply. 0 only for workers with a queue policy.").min(0, { error: "must be 0 or more" }).max(10000, { error: "must be at most 10000" }),
  max: int("Most tasks autoscaling may run.").min(1, { error: "must be at least 1" }).max(10000, { error: "must be at most 10000" }),
  policies: z
    .array(ScalingPolicySchema)
    .min(1, { error: "must list at least one policy" })
    .max(20, { error: "must list at most 20 policies" })
    .describe("Scaling policies; AWS scales out if any policy asks and in only if all target tracking policies agree."),
  schedules: z.array(ScheduleSchema).max(50, { error: "must list at most 50 schedules" }).default([]).describe("Scheduled actions."),
}).describe("Autoscaling of the service's desired count.");

export type ScalingConfig = z.output<typeof ScalingSchema>;
export type ScalingPolicyConfig = z.output<typeof ScalingPolicySchema>;
export type PolicyType = ScalingPolicyConfig["type"];
export type StepPolicyConfig = z.output<typeof StepPolicySchema>;
export type QueuePolicyConfig = z.output<typeof QueuePolicySchema>;
export type CustomPolicyConfig = z.output<typeof CustomPolicySchema>;
export type ScheduleConfig = z.output<typeof ScheduleSchema>;
