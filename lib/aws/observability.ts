/**
 * Formats of the observability values a config holds: CloudWatch namespaces, Prometheus metric
 * names, SNS topic ARNs and email addresses. Each is what AWS (or Prometheus) accepts, with its
 * length capped before any repetition, so matching is linear.
 */

/**
 * A custom CloudWatch namespace: 1-255 characters of letters, digits and . - _ / # : and space,
 * not starting with "AWS/" (reserved for AWS services) and not starting with ":".
 * Source: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html (Namespace)
 * and https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Namespace
 */
export const CLOUDWATCH_NAMESPACE = /^(?!AWS\/)[A-Za-z0-9._/#-][A-Za-z0-9._/#: -]{0,254}$/;

/** A Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*), at most 200 characters. Source: https://prometheus.io/docs/concepts/data_model/ */
export const PROMETHEUS_METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]{0,199}$/;

/**
 * A standard SNS topic ARN (topic names: 1-256 letters, digits, - and _); FIFO topics cannot be
 * CloudWatch alarm actions. Source: https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html
 */
export const SNS_TOPIC_ARN = /^arn:aws[a-z-]{0,10}:sns:([a-z0-9-]{1,30}):(\d{12}):[A-Za-z0-9_-]{1,256}$/;

/** An email address as SNS email subscriptions take it: local part, @, a dotted domain. */
export const EMAIL_ADDRESS = /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-][A-Za-z0-9.-]{0,251}\.[A-Za-z]{2,63}$/;

/** The Region of an SNS topic ARN. */
export function topicRegion(arn: string): string | undefined {
  return SNS_TOPIC_ARN.exec(arn)?.[1];
}
