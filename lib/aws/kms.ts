/**
 * AWS KMS facts: the ARN of a key, and the service principals an environment's key lets use it.
 */

/**
 * A KMS key ARN: `arn:<partition>:kms:<region>:<account>:key/<key id>`, the id a UUID or, for a
 * multi-Region key, `mrk-` and 32 hex digits. CloudWatch Logs takes only key ARNs (no aliases).
 * Linear: no nested quantifiers.
 * Sources: https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-ARN,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_CreateLogGroup.html (kmsKeyId)
 */
export const KMS_KEY_ARN = /^arn:(aws|aws-cn|aws-us-gov):kms:([a-z0-9-]{1,32}):(\d{12}):key\/(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The partition and Region of a key ARN, or undefined when it is not one. */
export function parseKmsKeyArn(arn: string): { readonly partition: string; readonly region: string } | undefined {
  if (arn.length > 200) return undefined;
  const match = KMS_KEY_ARN.exec(arn);
  return match ? { partition: match[1], region: match[2] } : undefined;
}

/**
 * The principal CloudWatch Logs uses a key as, in a Region. Its key policy statement is limited
 * with `kms:EncryptionContext:aws:logs:arn` to the log groups it may encrypt.
 * Source: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export function cloudWatchLogsPrincipal(region: string): string {
  return `logs.${region}.amazonaws.com`;
}

/**
 * The principal CloudWatch alarms publish to an encrypted SNS topic as (it needs kms:Decrypt and
 * kms:GenerateDataKey* on the topic's key; an AWS managed SNS key cannot grant them).
 * Source: https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
 */
export const CLOUDWATCH_ALARMS_PRINCIPAL = "cloudwatch.amazonaws.com";

/**
 * The service SQS calls KMS as on behalf of a principal that sends or receives, for a
 * `kms:ViaService` condition. Source: https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
 */
export function sqsViaService(region: string): string {
  return `sqs.${region}.amazonaws.com`;
}

/** Actions CloudWatch Logs needs on a log group's key. Source: as {@link cloudWatchLogsPrincipal}. */
export const CLOUDWATCH_LOGS_KEY_ACTIONS = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"] as const;
