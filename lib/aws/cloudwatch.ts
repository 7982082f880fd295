/**
 * CloudWatch facts: the metrics ECS services are scaled on, the statistics and units a
 * metric query may name, and the retention periods CloudWatch Logs accepts. Kept free of
 * zod and cdktf so the validator and the constructs can both use them.
 */

/**
 * Predefined metrics of Application Auto Scaling target tracking for ECS services.
 * Source: https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PredefinedMetricSpecification.html
 */
export const PREDEFINED_METRICS = {
  cpu: "ECSServiceAverageCPUUtilization",
  memory: "ECSServiceAverageMemoryUtilization",
  requests: "ALBRequestCountPerTarget",
} as const;

/**
 * Metrics the stacks read through metric queries, by namespace.
 * Sources: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html,
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-metrics-ECS.html
 */
export const METRICS = {
  alb: {
    namespace: "AWS/ApplicationELB",
    targetResponseTime: "TargetResponseTime",
    requestCount: "RequestCount",
    requestCountPerTarget: "RequestCountPerTarget",
    target5xx: "HTTPCode_Target_5XX_Count",
    unhealthyHosts: "UnHealthyHostCount",
  },
  sqs: {
    namespace: "AWS/SQS",
    visible: "ApproximateNumberOfMessagesVisible",
    notVisible: "ApproximateNumberOfMessagesNotVisible",
    oldestAge: "ApproximateAgeOfOldestMessage",
  },
  containerInsights: { namespace: "ECS/ContainerInsights", runningTasks: "RunningTaskCount", desiredTasks: "DesiredTaskCount", pendingTasks: "PendingTaskCount" },
  /** What the predefined ECS service metrics average. Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/available-metrics.html */
  ecs: { namespace: "AWS/ECS", cpu: "CPUUtilization", memory: "MemoryUtilization" },
} as const;

/**
 * Statistics a metric query may name: the basic ones, percentiles (p0-p100 with up to two
 * decimals), trimmed means and IQM. Linear: no nested quantifiers.
 * Source: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html
 */
export const METRIC_STATISTIC = /^(Average|Minimum|Maximum|Sum|SampleCount|p\d{1,2}(\.\d{1,2})?|p100|tm\d{1,2}|IQM)$/;

/** Source: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html */
export const CLOUDWATCH_UNITS = [
  "Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes",
  "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second",
  "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second",
  "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None",
] as const;

/**
 * Retention periods (days) CloudWatch Logs accepts.
 * Source: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
 */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/**
 * The predefined metric pairs predictive scaling can learn from, by the names the config uses.
 * Source: https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PredictiveScalingPredefinedMetricPairSpecification.html
 */
export const PREDICTIVE_METRICS = {
  cpu: "ECSServiceCPUUtilization",
  memory: "ECSServiceMemoryUtilization",
  requests: "ALBRequestCount",
} as const;

/**
 * How long a metric alarm may look back: Period x EvaluationPeriods at most one day for periods
 * under an hour, at most seven days for periods of an hour or more.
 * Source: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html (Period, EvaluationPeriods)
 */
export const ALARM_EVALUATION_LIMITS = {
  /** Longest evaluation (seconds) for periods below {@link longPeriodSeconds}. */
  maxSeconds: 86400,
  /** Periods from which the longer limit applies. */
  longPeriodSeconds: 3600,
  /** Longest evaluation (seconds) for periods of an hour or more. */
  maxSecondsLongPeriods: 604800,
} as const;

/** The longest evaluation (Period x EvaluationPeriods, seconds) CloudWatch accepts for an alarm period. */
export function maxAlarmEvaluationSeconds(periodSeconds: number): number {
  return periodSeconds >= ALARM_EVALUATION_LIMITS.longPeriodSeconds ? ALARM_EVALUATION_LIMITS.maxSecondsLongPeriods : ALARM_EVALUATION_LIMITS.maxSeconds;
}

/**
 * True for namespaces whose metrics CloudWatch stores at one-minute (or coarser) resolution:
 * AWS services' own namespaces (`AWS/...`) and Container Insights. An alarm period of 10 or 30
 * seconds on them finds no datapoint in most periods and lapses into INSUFFICIENT_DATA; such
 * periods suit only custom metrics published with StorageResolution 1.
 * Sources: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html (Period),
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-metrics-ECS.html
 */
export function publishesOncePerMinute(namespace: string): boolean {
  return isAwsPublishedNamespace(namespace);
}

/** The prefix of AWS services' own namespaces. */
export const AWS_NAMESPACE_PREFIX = "AWS/";

/**
 * Namespaces AWS publishes to for the stack: every "AWS/" namespace, and Container Insights (the
 * cluster turns it on). Source: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-metrics-ECS.html
 */
export function isAwsPublishedNamespace(namespace: string): boolean {
  return namespace.startsWith(AWS_NAMESPACE_PREFIX) || namespace === METRICS.containerInsights.namespace;
}

/**
 * The values CloudWatch accepts (metric data, alarm thresholds) and target tracking takes as a
 * target: 0, or a magnitude from about 2^-360 to 2^360.
 * Sources: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html
 * ("Values must be in the range of -2^360 to 2^360 ... CloudWatch rejects values that are either too
 * small or too large ... 8.515920e-109 to 1.174271e+108 (Base 10)") and
 * https://docs.aws.amazon.com/autoscaling/application/APIReference/API_TargetTrackingScalingPolicyConfiguration.html
 * (TargetValue: "won't accept values that are either too small or too large").
 */
export const METRIC_VALUE_RANGE = { smallest: 8.51592e-109, largest: 1.174271e108 } as const;

/** Why CloudWatch would refuse a value, or undefined when it takes it. */
export function metricValueProblem(value: number): string | undefined {
  const magnitude = Math.abs(value);
  if (magnitude === 0) return undefined;
  if (magnitude < METRIC_VALUE_RANGE.smallest) return `is closer to 0 than CloudWatch takes (0, or at least ${METRIC_VALUE_RANGE.smallest} in magnitude)`;
  if (magnitude > METRIC_VALUE_RANGE.largest) return `is larger than CloudWatch takes (at most ${METRIC_VALUE_RANGE.largest} in magnitude)`;
  return undefined;
}
