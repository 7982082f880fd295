import { z } from "zod";
import { maxAlarmEvaluationSeconds, publishesOncePerMinute } from "../../../aws/cloudwatch";
import { metricSourceFields } from "../../../config/metric-schema";
import { metricSourceFindings, metricSourceIdentity, metricSourceReads } from "../../../config/validate-metric";
import type { Finding } from "../../../config/validate";
import { int, strict } from "../../../config/zod-helpers";
import type { At, PolicyDefinition } from "../definition";
import { cooldown, policyName, publishedBy } from "../target-tracking-fields";

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
  publishedBy,
  steps: z.array(StepSchema).min(1, { error: "must list at least one step" }).max(20, { error: "must list at most 20 steps" }).describe("Steps, in ascending order of their bounds, contiguous and non-overlapping."),
}).describe("Step scaling with its own CloudWatch alarm.");

export type StepPolicyConfig = z.output<typeof StepPolicySchema>;

export const stepDefinition: PolicyDefinition<typeof StepPolicySchema> = {
  schema: StepPolicySchema,
  findings: (kind, policy, at) => [
    ...metricSourceFindings(kind, policy.alarm, (...rest) => at("alarm", ...rest)),
    ...stepFindings(policy, at),
  ],
  /** Step policies on one metric may coexist when they face opposite ways (a high alarm that adds tasks, a low one that removes them). */
  identity: (policy) => `step-${policy.alarm.comparison.startsWith("Greater") ? "high" : "low"}:${metricSourceIdentity(policy.alarm)}`,
  reads: (policy) => metricSourceReads(policy.alarm),
  publishedBy: (policy) => policy.publishedBy,
};

/**
 * Step bounds are relative to the alarm threshold. Above-threshold alarms need steps
 * from 0 upwards, the last one open; below-threshold alarms need steps up to 0, the
 * first one open. Steps are contiguous (each starts where the previous ends) and do
 * not overlap.
 */
function stepFindings(policy: StepPolicyConfig, path: At): Finding[] {
  const findings: Finding[] = [];
  const { steps, alarm, adjustmentType } = policy;
  const above = alarm.comparison.startsWith("Greater");
  const last = steps.length - 1;

  steps.forEach((step, i) => {
    const at = (...rest: PropertyKey[]) => path("steps", i, ...rest);
    if (step.lowerBound === undefined && i !== 0) {
      findings.push({ path: at("lowerBound"), message: "is required: only the first step may be open below" });
    }
    if (step.upperBound === undefined && i !== last) {
      findings.push({ path: at("upperBound"), message: "is required: only the last step may be open above" });
    }
    if (step.lowerBound !== undefined && step.upperBound !== undefined && step.lowerBound >= step.upperBound) {
      findings.push({ path: at("upperBound"), value: step.upperBound, message: `must be greater than lowerBound (${step.lowerBound})` });
    }
    const previous = steps[i - 1];
    if (previous?.upperBound !== undefined && step.lowerBound !== undefined && step.lowerBound !== previous.upperBound) {
      const how = step.lowerBound < previous.upperBound ? "overlaps" : "leaves a gap after";
      findings.push({ path: at("lowerBound"), value: step.lowerBound, message: `${how} steps[${i - 1}], which ends at ${previous.upperBound}; steps must be contiguous` });
    }
    if (adjustmentType === "ExactCapacity" && step.adjustment < 0) {
      findings.push({ path: at("adjustment"), value: step.adjustment, message: "is a task count with ExactCapacity and must be 0 or more" });
    }
  });

  if (above) {
    if (steps[0].lowerBound !== 0) {
      findings.push({ path: path("steps", 0, "lowerBound"), value: steps[0].lowerBound, message: `must be 0 for a ${alarm.comparison} alarm: the first step starts at the threshold` });
    }
    if (steps[last].upperBound !== undefined) {
      findings.push({ path: path("steps", last, "upperBound"), value: steps[last].upperBound, message: "must be left out: the last step of an above-threshold alarm is open upwards" });
    }
  } else {
    if (steps[last].upperBound !== 0) {
      findings.push({ path: path("steps", last, "upperBound"), value: steps[last].upperBound, message: `must be 0 for a ${alarm.comparison} alarm: the last step ends at the threshold` });
    }
    if (steps[0].lowerBound !== undefined) {
      findings.push({ path: path("steps", 0, "lowerBound"), value: steps[0].lowerBound, message: "must be left out: the first step of a below-threshold alarm is open downwards" });
    }
  }
  if (policy.minAdjustmentMagnitude !== undefined && adjustmentType !== "PercentChangeInCapacity") {
    findings.push({ path: path("minAdjustmentMagnitude"), value: policy.minAdjustmentMagnitude, message: `applies only to PercentChangeInCapacity (adjustmentType is ${adjustmentType})` });
  }
  if (alarm.datapointsToAlarm !== undefined && alarm.datapointsToAlarm > alarm.evaluationPeriods) {
    findings.push({ path: path("alarm", "datapointsToAlarm"), value: alarm.datapointsToAlarm, message: `must be at most evaluationPeriods (${alarm.evaluationPeriods})` });
  }
  findings.push(...alarmPeriodFindings(alarm, (...rest) => path("alarm", ...rest)));
  return findings;
}

/** CloudWatch's limits on the alarm's period: how far back it may look, and sub-minute periods only on high-resolution metrics. */
function alarmPeriodFindings(alarm: StepPolicyConfig["alarm"], path: At): Finding[] {
  const findings: Finding[] = [];
  const { periodSeconds, evaluationPeriods } = alarm;
  const limit = maxAlarmEvaluationSeconds(periodSeconds);
  if (periodSeconds * evaluationPeriods > limit) {
    findings.push({
      path: path("evaluationPeriods"),
      value: evaluationPeriods,
      message: `times periodSeconds (${periodSeconds}) is ${periodSeconds * evaluationPeriods} seconds; CloudWatch allows at most ${limit} (${limit / 86400} day${limit === 86400 ? "" : "s"}) for this period: use at most ${Math.floor(limit / periodSeconds)} periods`,
    });
  }
  if (periodSeconds < 60) {
    const stats = alarm.metric ? [alarm.metric] : Object.values(alarm.metrics ?? {});
    const coarse = stats.find((stat) => publishesOncePerMinute(stat.namespace));
    if (coarse) {
      findings.push({
        path: path("periodSeconds"),
        value: periodSeconds,
        message: `is below 60 but ${coarse.namespace} ${coarse.name} is published once a minute: the alarm would find no data in most periods and lapse into INSUFFICIENT_DATA; use 60 or more (10 and 30 suit only custom metrics published at 1-second resolution)`,
      });
    }
  }
  return findings;
}
