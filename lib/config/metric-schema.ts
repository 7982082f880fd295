import { z } from "zod";
import { CLOUDWATCH_UNITS, METRIC_STATISTIC } from "../aws/cloudwatch";
import { strict } from "./zod-helpers";

/**
 * CloudWatch metrics as a config names them: one metric, or several combined by a
 * metric-math expression. Dimension values may use placeholders that the synth fills
 * with the service's own names (see {@link METRIC_PLACEHOLDERS}).
 */


export const MetricStatSchema = strict({
  namespace: z.string().regex(/^[^:$][^$]{0,254}$/, { error: 'must be a CloudWatch namespace such as "AWS/ApplicationELB" or "CWAgent"' }).describe("CloudWatch namespace."),
  name: z.string().regex(/^.{1,255}$/, { error: "must be a metric name of 1-255 characters" }).describe("Metric name."),
  dimensions: z
    .record(z.string().min(1).max(255), z.string().min(1).max(1024))
    .default({})
    .describe("Dimensions; values may use {cluster}, {service}, {loadBalancer}, {targetGroup} and {queue}."),
  statistic: z
    .string()
    .regex(METRIC_STATISTIC, { error: "must be Average, Minimum, Maximum, Sum, SampleCount or a percentile such as p90" })
    .default("Average")
    .describe("Statistic, including percentiles such as p90."),
  unit: z.enum(CLOUDWATCH_UNITS, { error: `must be a CloudWatch unit: ${CLOUDWATCH_UNITS.join(", ")}` }).optional().describe("Unit filter. Default: any unit."),
}).describe("One CloudWatch metric.");

/** Metric-math id: lower-case first letter, then letters, digits and underscores. */
export const METRIC_ID = /^[a-z][a-zA-Z0-9_]*$/;

/** Where a policy or alarm reads its value: `metric`, or `metrics` plus `expression`. */
export const metricSourceFields = {
  metric: MetricStatSchema.optional().describe("The metric to track. Give either metric, or metrics and expression."),
  metrics: z
    .record(z.string().regex(METRIC_ID, { error: 'must be a metric-math id such as "m1" or "inflight" (lower-case first letter, then letters, digits, _)' }), MetricStatSchema)
    .optional()
    .describe("Metrics by id, combined by expression."),
  expression: z.string().min(1).max(1024).optional().describe('Metric-math expression over the ids in metrics, e.g. "inflight / tasks".'),
};

export type MetricStat = z.output<typeof MetricStatSchema>;

/** A metric source after validation: exactly one of the two forms. */
export type MetricSource =
  | { readonly metric: MetricStat; readonly metrics?: undefined; readonly expression?: undefined }
  | { readonly metric?: undefined; readonly metrics: Readonly<Record<string, MetricStat>>; readonly expression: string };
