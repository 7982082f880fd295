import { ALARM_EVALUATION_LIMITS, METRICS } from "../aws/cloudwatch";
import { METRIC_PLACEHOLDERS } from "../config/metric-placeholders";
import { MEANINGS, SERVER_MEANINGS } from "../metrics/server-presets";
import type { PolicyType } from "../scaling/policies/definitions";
import { hclString } from "../hcl/template";
import type { ValidationRule } from "./terraform-schema";

/**
 * The rules of each scaling policy kind that span a policy's fields (its definition's
 * `findings` in lib/scaling/policies/<type>/definition.ts), as Terraform conditions on one
 * policy object, and the kind's identity (two policies with one identity fight over the task
 * count). The schema's own limits become validation blocks without help (terraform-schema.ts);
 * these are what a schema cannot say. Keyed by every policy type, so a new kind does not
 * compile until the module knows its rules. Rules that depend on the service kind (web or
 * worker) are the module's preconditions.
 */
export interface ModulePolicyRules {
  /** Conditions on the policy `p` (an HCL expression), messages without the policy's label. @default none */
  readonly rules?: (p: string) => ValidationRule[];
  /** The HCL of the kind's identity, a string. @default the type */
  readonly identity?: (p: string) => string;
  /** Why the module does not offer the kind (its variables leave it out). @default none: the module offers it */
  readonly notOffered?: string;
}

/** Metric-math ids in an expression, as the config's check finds them. */
const IDENTIFIER = "\\b[a-z][a-zA-Z0-9_]*\\b";
/** `{...}` in a dimension value. */
const PLACEHOLDER = "\\{[^}]*\\}";

/** The HCL of a metric source's identity (`metricSourceIdentity`): what it reads, as one string. */
function metricSourceIdentity(source: string): string {
  return `jsonencode([${source}.metric, ${source}.metrics, ${source}.expression])`;
}

/** The metric stats of a source, a list: its metric, or the metrics of its expression. */
export function statsOf(source: string): string {
  return `concat(${source}.metric != null ? [${source}.metric] : values(coalesce(${source}.metrics, {})))`;
}

/** `metricSourceFindings` that need no service kind: one form, an expression over declared metrics that uses them all, known placeholders. */
function metricSourceRules(source: string, label: string): ValidationRule[] {
  const math = `(${source}.metrics != null || ${source}.expression != null)`;
  return [
    { condition: `!(${source}.metric != null && ${math})`, errorMessage: `${label}give either metric, or metrics and expression, not both.` },
    { condition: `${source}.metric != null || ${math}`, errorMessage: `${label}needs a metric, or metrics and an expression over them.` },
    {
      condition: `${source}.metric != null || !${math} || length(coalesce(${source}.metrics, {})) > 0`,
      errorMessage: `${label}metrics must declare the metrics the expression uses.`,
    },
    {
      condition: `${source}.metric != null || length(coalesce(${source}.metrics, {})) == 0 || ${source}.expression != null`,
      errorMessage: `${label}expression is required with metrics: the metric-math expression over them.`,
    },
    {
      condition: `${source}.metric != null || ${source}.metrics == null || ${source}.expression == null ? true : alltrue([for id in keys(${source}.metrics) : contains(regexall(${hclString(IDENTIFIER)}, ${source}.expression), id)])`,
      errorMessage: `${label}every metric of metrics must be used by the expression; remove the others.`,
    },
    {
      condition: `alltrue([for stat in ${statsOf(source)} : alltrue([for value in values(stat.dimensions) : alltrue([for placeholder in regexall(${hclString(PLACEHOLDER)}, value) : contains(${hclList(Object.keys(METRIC_PLACEHOLDERS))}, placeholder)])])])`,
      errorMessage: `${label}a dimension value uses a placeholder that does not exist; allowed: ${Object.keys(METRIC_PLACEHOLDERS).join(", ")}.`,
    },
  ];
}

function hclList(values: readonly string[]): string {
  return `[${values.map(hclString).join(", ")}]`;
}

/** `stepFindings`: contiguous steps in order, open at the ends the alarm's direction wants, and the alarm's datapoints. */
function stepRules(p: string): ValidationRule[] {
  const steps = `${p}.steps`;
  const last = `length(${steps}) - 1`;
  const above = `try(startswith(${p}.alarm.comparison, "Greater"), false)`;
  return [
    {
      condition: `alltrue([for i, step in ${steps} : i == 0 || step.lower_bound != null])`,
      errorMessage: "steps[*].lower_bound is required: only the first step may be open below.",
    },
    {
      condition: `alltrue([for i, step in ${steps} : i == ${last} || step.upper_bound != null])`,
      errorMessage: "steps[*].upper_bound is required: only the last step may be open above.",
    },
    {
      condition: `alltrue([for step in ${steps} : step.lower_bound == null || step.upper_bound == null ? true : step.lower_bound < step.upper_bound])`,
      errorMessage: "steps[*].upper_bound must be greater than the step's lower_bound.",
    },
    {
      condition: `alltrue([for i, step in ${steps} : i == 0 ? true : ${steps}[i - 1].upper_bound == null || step.lower_bound == null ? true : step.lower_bound == ${steps}[i - 1].upper_bound])`,
      errorMessage: "steps must be contiguous: each step's lower_bound is where the step before it ends (no overlap, no gap).",
    },
    {
      condition: `${p}.adjustment_type != "ExactCapacity" || alltrue([for step in ${steps} : step.adjustment == null ? true : step.adjustment >= 0])`,
      errorMessage: "steps[*].adjustment is a task count with ExactCapacity and must be 0 or more.",
    },
    {
      condition: `length(${steps}) == 0 ? true : !${above} || ${steps}[0].lower_bound == 0`,
      errorMessage: "steps[0].lower_bound must be 0 for a GreaterThan* alarm: the first step starts at the threshold.",
    },
    {
      condition: `length(${steps}) == 0 ? true : !${above} || ${steps}[${last}].upper_bound == null`,
      errorMessage: "the last step's upper_bound must be left out: the last step of an above-threshold alarm is open upwards.",
    },
    {
      condition: `length(${steps}) == 0 ? true : ${above} || ${steps}[${last}].upper_bound == 0`,
      errorMessage: "the last step's upper_bound must be 0 for a LessThan* alarm: the last step ends at the threshold.",
    },
    {
      condition: `length(${steps}) == 0 ? true : ${above} || ${steps}[0].lower_bound == null`,
      errorMessage: "steps[0].lower_bound must be left out: the first step of a below-threshold alarm is open downwards.",
    },
    {
      condition: `${p}.min_adjustment_magnitude == null || ${p}.adjustment_type == "PercentChangeInCapacity"`,
      errorMessage: "min_adjustment_magnitude applies only to adjustment_type PercentChangeInCapacity.",
    },
    {
      condition: `${p}.alarm.datapoints_to_alarm == null ? true : ${p}.alarm.datapoints_to_alarm <= ${p}.alarm.evaluation_periods`,
      errorMessage: "alarm.datapoints_to_alarm must be at most alarm.evaluation_periods.",
    },
    ...alarmPeriodRules(`${p}.alarm`),
  ];
}

/** `alarmPeriodFindings`: CloudWatch's limit on how far back an alarm looks, and sub-minute periods only on high-resolution metrics. */
function alarmPeriodRules(alarm: string): ValidationRule[] {
  const { maxSeconds, longPeriodSeconds, maxSecondsLongPeriods } = ALARM_EVALUATION_LIMITS;
  const coarse = `startswith(stat.namespace, "AWS/") || stat.namespace == ${hclString(METRICS.containerInsights.namespace)}`;
  return [
    {
      condition: `${alarm}.period_seconds * ${alarm}.evaluation_periods <= (${alarm}.period_seconds >= ${longPeriodSeconds} ? ${maxSecondsLongPeriods} : ${maxSeconds})`,
      errorMessage: `alarm.evaluation_periods times alarm.period_seconds must be at most ${maxSeconds} seconds (one day), or ${maxSecondsLongPeriods} (seven days) for periods of an hour or more: CloudWatch's limit.`,
    },
    {
      condition: `${alarm}.period_seconds >= 60 ? true : !anytrue([for stat in ${statsOf(alarm)} : ${coarse}])`,
      errorMessage: `alarm.period_seconds below 60 suits only custom metrics published at 1-second resolution; AWS/* and ${METRICS.containerInsights.namespace} metrics are published once a minute, and the alarm would lapse into INSUFFICIENT_DATA.`,
    },
  ];
}

export const MODULE_POLICY_RULES: { readonly [T in PolicyType]: ModulePolicyRules } = {
  cpu: {},
  memory: {},
  requests: {},
  latency: {},
  custom: {
    rules: (p) => metricSourceRules(p, ""),
    identity: (p) => `"metric:\${${metricSourceIdentity(p)}}"`,
  },
  queue: {
    rules: (p) => [
      {
        condition: `${p}.seconds_per_message <= ${p}.acceptable_latency_seconds`,
        errorMessage:
          "seconds_per_message is greater than acceptable_latency_seconds; a message could never be processed within the latency, so the backlog target would be below 1.",
      },
    ],
  },
  step: {
    rules: (p) => [...metricSourceRules(`${p}.alarm`, "alarm: "), ...stepRules(p)],
    identity: (p) => `"step-\${startswith(${p}.alarm.comparison, "Greater") ? "high" : "low"}:\${${metricSourceIdentity(`${p}.alarm`)}}"`,
  },
  server: {
    // `serverDefinition.findings`: a meaning that is a percentage takes a target of at most its maximum.
    rules: (p) =>
      SERVER_MEANINGS.filter((meaning) => MEANINGS[meaning].maxTarget !== undefined).map((meaning) => ({
        condition: `${p}.metric != ${hclString(meaning)} || ${p}.target <= ${MEANINGS[meaning].maxTarget}`,
        errorMessage: `target must be at most ${MEANINGS[meaning].maxTarget} for ${meaning} (it is a percentage).`,
      })),
    identity: (p) => `"server:\${${p}.metric}"`,
  },
  predictive: {
    rules: (p) => [
      {
        condition: `${p}.max_capacity_buffer_percent == null || ${p}.max_capacity_breach_behavior == "IncreaseMaxCapacity"`,
        errorMessage: "max_capacity_buffer_percent applies only with max_capacity_breach_behavior IncreaseMaxCapacity (AWS rejects a buffer with HonorMaxCapacity).",
      },
    ],
    identity: () => '"predictive"',
  },
};

/**
 * The HCL of a policy's identity by its kind, as one conditional over `p.type`; a policy whose
 * fields are not all there (a required one is reported by its own rule) is its type.
 */
export function identityExpression(p: string, types: readonly PolicyType[]): string {
  return types.reduceRight((otherwise, type) => {
    const identity = MODULE_POLICY_RULES[type].identity;
    return identity ? `${p}.type == ${hclString(type)} ? try(${identity(p)}, ${p}.type) : ${otherwise}` : otherwise;
  }, `${p}.type`);
}
