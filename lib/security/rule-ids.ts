/**
 * Every security rule id, in the order docs/reference/security-rules.md lists them. The config schema checks
 * suppressions against this list; a test checks it matches the rules in `lib/security/rules/`.
 */
export const RULE_IDS = [
  "AIS-S3-1",
  "AIS-S3-2",
  "AIS-S3-3",
  "AIS-S3-4",
  "AIS-S3-5",
  "AIS-S3-6",
  "AIS-DDB-1",
  "AIS-NET-1",
  "AIS-SG-1",
  "AIS-SG-2",
  "AIS-IAM-1",
  "AIS-IAM-2",
  "AIS-KMS-1",
  "AIS-LOG-1",
  "AIS-LOG-2",
  "AIS-LOG-3",
  "AIS-SQS-1",
  "AIS-SNS-1",
  "AIS-ECS-1",
  "AIS-ECS-2",
  "AIS-IMG-1",
  "AIS-ALB-1",
  "AIS-ALB-2",
  "AIS-ALB-3",
  "AIS-ALB-4",
  "AIS-ALB-5",
  "AIS-EC2-1",
  "AIS-EC2-2",
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/** Construct metadata type that records a config's reason for a writable root filesystem. */
export const WRITABLE_ROOT_METADATA = "ecs-ai-autoscaling:writable-root-filesystem";
