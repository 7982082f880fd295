import { z } from "zod";
import { CLOUDWATCH_UNITS, METRIC_STATISTIC } from "../aws/cloudwatch";
import { strict } from "./zod-helpers";

/**
 * CloudWatch metrics as a config names them: one metric, or several combined by a
 * metric-math expression. Dimension values may use placeholders that the synth fills
 * with the service's own names (see {@link METRIC_PLACEHOLDERS}).
 */

/**
 * CloudWatch's rules for a metric's dimensions (API reference, Dimension:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_Dimension.html): "You can
 * assign up to 30 dimensions to a metric"; a name has 1-255 characters, a value 1-1024; both
 * "must contain only ASCII characters" with "at least one non-whitespace character", and "ASCII
 * control characters are not supported" (so: printable ASCII, \x20-\x7E, where the space is the
 * only whitespace); a name "cannot start with a colon (:)". PutMetricAlarm and PutScalingPolicy
 * reject a metric that breaks them.
 *
 * Values are checked as written, before the synth fills placeholders such as {service}: a
 * placeholder is printable ASCII itself and is filled with an ECS cluster or service name, an
 * ARN suffix of a load balancer or target group, or an SQS queue name, all non-empty printable
 * ASCII, so a value passes the character rules before filling exactly when it does after
 * (the 1024-character limit applies to the value as written).
 *
 * No backtracking: spaces, then one non-space, then any printable characters (each step takes
 * characters the one before cannot); the two branches of a name start with different characters
 * (a space, or a non-space other than ":"). Lengths are capped first: max() aborts before the
 * pattern runs. The value's pattern repeats with `*`, not {0,1023}: Terraform's regex (Go's RE2
 * syntax) refuses repeat counts above 1000, and the module checks the length on its own.
 */
const DIMENSION_NAME = /^(?: {1,254}[\x21-\x7E]|[\x21-\x39\x3B-\x7E])[\x20-\x7E]{0,254}$/;
const DIMENSION_VALUE = /^ *[\x21-\x7E][\x20-\x7E]*$/;
const NAME_RULE = 'must be printable ASCII with a character other than a space, not starting with ":" (a CloudWatch dimension name)';
const VALUE_RULE = "must be printable ASCII with a character other than a space (a CloudWatch dimension value)";
/** Dimensions CloudWatch takes per metric. */
export const MAX_DIMENSIONS = 30;

export const MetricStatSchema = strict({
  namespace: z.string().regex(/^[^:$][^$]{0,254}$/, { error: 'must be a CloudWatch namespace such as "AWS/ApplicationELB" or "CWAgent"' }).describe("CloudWatch namespace."),
  name: z.string().regex(/^.{1,255}$/, { error: "must be a metric name of 1-255 characters" }).describe("Metric name."),
  dimensions: z
    .record(
      z
        .string()
        .min(1, { error: NAME_RULE, abort: true })
        .max(255, { error: "must be at most 255 characters (CloudWatch's limit for a dimension name)", abort: true })
        .regex(DIMENSION_NAME, { error: NAME_RULE }),
      z
        .string()
        .min(1, { error: VALUE_RULE, abort: true })
        .max(1024, { error: "must be at most 1024 characters (CloudWatch's limit for a dimension value)", abort: true })
        .regex(DIMENSION_VALUE, { error: VALUE_RULE }),
    )
    .refine((dimensions) => Object.keys(dimensions).length <= MAX_DIMENSIONS, {
      error: `must have at most ${MAX_DIMENSIONS} dimensions (CloudWatch's limit per metric)`,
    })
    // The JSON Schema (config/schema.json, the Terraform module's validation) says the same.
    .meta({ maxProperties: MAX_DIMENSIONS })
    .default({})
    .describe(
      `Dimensions, at most ${MAX_DIMENSIONS}; names and values printable ASCII with a character other than a space, names not starting with ":"; values may use {cluster}, {service}, {loadBalancer}, {targetGroup} and {queue}.`,
    ),
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
    .record(
      z
        .string()
        .max(255, { error: "must be at most 255 characters (a CloudWatch metric query id)" })
        .regex(METRIC_ID, { error: 'must be a metric-math id such as "m1" or "inflight" (lower-case first letter, then letters, digits, _)' }),
      MetricStatSchema,
    )
    .optional()
    .describe("Metrics by id, combined by expression."),
  expression: z.string().min(1).max(1024).optional().describe('Metric-math expression over the ids in metrics, e.g. "inflight / tasks".'),
};

export type MetricStat = z.output<typeof MetricStatSchema>;

/** A metric source after validation: exactly one of the two forms. */
export type MetricSource =
  | { readonly metric: MetricStat; readonly metrics?: undefined; readonly expression?: undefined }
  | { readonly metric?: undefined; readonly metrics: Readonly<Record<string, MetricStat>>; readonly expression: string };
