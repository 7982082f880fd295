import { z } from "zod";
import { ScalingPolicySchema } from "../scaling/policies/definitions";
import { MAX_SCHEDULE_LENGTH, parseScheduleExpression } from "../aws/schedule-expression";
import { isTimeZone } from "../aws/time-zones";
import { int, strict } from "./zod-helpers";

export { POLICY_TYPES, ScalingPolicySchema, type PolicyType } from "../scaling/policies/definitions";
export { CpuPolicySchema } from "../scaling/policies/cpu/definition";
export { MemoryPolicySchema } from "../scaling/policies/memory/definition";
export { RequestsPolicySchema } from "../scaling/policies/requests/definition";
export { LatencyPolicySchema } from "../scaling/policies/latency/definition";
export { CustomPolicySchema } from "../scaling/policies/custom/definition";
export { QueuePolicySchema } from "../scaling/policies/queue/definition";
export { ServerPolicySchema } from "../scaling/policies/server/definition";
export { ALARM_COMPARISONS, STEP_ADJUSTMENT_TYPES, StepPolicySchema } from "../scaling/policies/step/definition";
export { PredictivePolicySchema } from "../scaling/policies/predictive/definition";

/**
 * Scaling: the minimum and maximum, the policies (target tracking on CPU, memory,
 * requests, latency, queue backlog or any metric; step scaling; predictive) and the
 * scheduled actions of a service.
 */

export const ScheduleSchema = strict({
  name: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, { error: "must be 1-40 lower-case letters, digits and hyphens, starting with a letter" }).describe("Name of the scheduled action."),
  schedule: z
    .string({ error: "must be a string" })
    // The editor's shape check (config/schema.json); the parser below is the real one.
    .meta({ pattern: String.raw`^(cron\(\S+( \S+){5}\)|at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\)|rate\([1-9]\d* (minute|minutes|hour|hours|day|days)\))$`, maxLength: MAX_SCHEDULE_LENGTH })
    .superRefine((value, context) => {
      const parsed = parseScheduleExpression(value);
      if (!parsed.ok) context.addIssue({ code: "custom", input: value, message: parsed.message });
    })
    .describe('When: "cron(0 8 ? * MON-FRI *)", "at(2026-12-24T18:00:00)" or "rate(1 day)".'),
  timezone: z
    .string()
    .refine(isTimeZone, { error: 'must be an IANA time zone such as "UTC" or "Europe/Berlin"' })
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

/** A `scaling` section as parsed, defaults of single fields filled. */
export type ParsedScalingConfig = z.output<typeof ScalingSchema>;
export type ParsedScalingPolicy = ParsedScalingConfig["policies"][number];
export type ScheduleConfig = z.output<typeof ScheduleSchema>;

/**
 * A predictive policy's capacity breach behaviour, resolved: the buffer is there exactly when a
 * forecast may raise the maximum (AWS requires it then and rejects it otherwise).
 */
export type PredictiveCapacityBreach =
  | { readonly maxCapacityBreachBehavior: "HonorMaxCapacity"; readonly maxCapacityBufferPercent?: undefined }
  | { readonly maxCapacityBreachBehavior: "IncreaseMaxCapacity"; readonly maxCapacityBufferPercent: number };

/**
 * A policy with its derived defaults resolved: its name (the type unless given), for step
 * policies the alarm's datapoints, for predictive policies the capacity buffer.
 */
export type ScalingPolicyConfig = ParsedScalingPolicy extends infer P
  ? P extends { type: "step"; alarm: infer A }
    ? Omit<P, "name" | "alarm"> & { readonly name: string; readonly alarm: Omit<A, "datapointsToAlarm"> & { readonly datapointsToAlarm: number } }
    : P extends { type: "predictive" }
      ? Omit<P, "name" | "maxCapacityBreachBehavior" | "maxCapacityBufferPercent"> & { readonly name: string } & PredictiveCapacityBreach
    : P extends { type: string }
      ? Omit<P, "name"> & { readonly name: string }
      : never
  : never;

/** A `scaling` section with every default resolved (see lib/config/resolve.ts). */
export type ScalingConfig = Omit<ParsedScalingConfig, "policies"> & { readonly policies: readonly ScalingPolicyConfig[] };
