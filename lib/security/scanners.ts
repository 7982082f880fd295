import type { RuleId } from "./rule-ids";

/**
 * The checks of two Terraform scanners, Checkov and KICS, that our rules and documented
 * trade-offs correspond to: each with its id, its title as the scanner prints it and where it is
 * defined. Only checks looked up in the scanners' sources are listed.
 */
export interface ScannerCheck {
  /** Checkov: `CKV_AWS_91`; KICS: the query's UUID. */
  readonly id: string;
  /** The title the scanner prints. */
  readonly title: string;
  /** Where the check is defined (source file or the scanner's query page). */
  readonly source: string;
}

const CHECKOV_SOURCE = "https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks";
/** Checks whose source file was not looked up are cited by Checkov's generated policy index. */
const CHECKOV_INDEX = "https://www.checkov.io/5.Policy%20Index/terraform.html";
const KICS_SOURCE = "https://docs.kics.io/latest/queries/terraform-queries/aws";

const checkov = (id: string, title: string, file?: string): ScannerCheck => ({ id, title, source: file ? `${CHECKOV_SOURCE}/${file}` : CHECKOV_INDEX });
const kics = (id: string, title: string): ScannerCheck => ({ id, title, source: `${KICS_SOURCE}/${id}` });

/** Checkov's checks (bridgecrewio/checkov), by id. */
export const CHECKOV = {
  CKV_AWS_2: checkov("CKV_AWS_2", "Ensure ALB protocol is HTTPS", "resource/aws/ALBListenerHTTPS.py"),
  CKV_AWS_7: checkov("CKV_AWS_7", "Ensure rotation for customer created CMKs is enabled"),
  CKV_AWS_18: checkov("CKV_AWS_18", "Ensure the S3 bucket has access logging enabled", "graph_checks/aws/S3BucketLogging.yaml"),
  CKV_AWS_19: checkov("CKV_AWS_19", "Ensure all data stored in the S3 bucket is securely encrypted at rest"),
  CKV_AWS_21: checkov("CKV_AWS_21", "Ensure all data stored in the S3 bucket have versioning enabled"),
  CKV_AWS_24: checkov("CKV_AWS_24", "Ensure no security groups allow ingress from 0.0.0.0:0 to port 22"),
  CKV_AWS_25: checkov("CKV_AWS_25", "Ensure no security groups allow ingress from 0.0.0.0:0 to port 3389"),
  CKV_AWS_26: checkov("CKV_AWS_26", "Ensure all data stored in the SNS topic is encrypted"),
  CKV_AWS_27: checkov("CKV_AWS_27", "Ensure all data stored in the SQS queue is encrypted"),
  CKV_AWS_28: checkov("CKV_AWS_28", "Ensure Dynamodb point in time recovery (backup) is enabled"),
  CKV_AWS_53: checkov("CKV_AWS_53", "Ensure S3 bucket has block public ACLS enabled"),
  CKV_AWS_54: checkov("CKV_AWS_54", "Ensure S3 bucket has block public policy enabled"),
  CKV_AWS_55: checkov("CKV_AWS_55", "Ensure S3 bucket has ignore public ACLs enabled"),
  CKV_AWS_56: checkov("CKV_AWS_56", "Ensure S3 bucket has 'restrict_public_bucket' enabled"),
  CKV_AWS_62: checkov("CKV_AWS_62", 'Ensure IAM policies that allow full "*-*" administrative privileges are not created'),
  CKV_AWS_63: checkov("CKV_AWS_63", 'Ensure no IAM policies documents allow "*" as a statement\'s actions'),
  CKV_AWS_65: checkov("CKV_AWS_65", "Ensure container insights are enabled on ECS cluster"),
  CKV_AWS_66: checkov("CKV_AWS_66", "Ensure that CloudWatch Log Group specifies retention days"),
  CKV_AWS_79: checkov("CKV_AWS_79", "Ensure Instance Metadata Service Version 1 is not enabled"),
  CKV_AWS_91: checkov("CKV_AWS_91", "Ensure the ELBv2 (Application/Network) has access logging enabled", "resource/aws/ELBv2AccessLogs.py"),
  CKV_AWS_119: checkov("CKV_AWS_119", "Ensure DynamoDB Tables are encrypted using a KMS Customer Managed CMK"),
  CKV_AWS_131: checkov("CKV_AWS_131", "Ensure that ALB drops HTTP headers", "resource/aws/ALBDropHttpHeaders.py"),
  CKV_AWS_144: checkov("CKV_AWS_144", "Ensure that S3 bucket has cross-region replication enabled", "graph_checks/aws/S3BucketReplicationConfiguration.yaml"),
  CKV_AWS_145: checkov("CKV_AWS_145", "Ensure that S3 buckets are encrypted with KMS by default", "graph_checks/aws/S3KMSEncryptedByDefault.yaml"),
  CKV_AWS_150: checkov("CKV_AWS_150", "Ensure that Load Balancer has deletion protection enabled"),
  CKV_AWS_158: checkov("CKV_AWS_158", "Ensure that CloudWatch Log Group is encrypted by KMS", "resource/aws/CloudwatchLogGroupKMSKey.py"),
  CKV_AWS_260: checkov("CKV_AWS_260", "Ensure no security groups allow ingress from 0.0.0.0:0 to port 80", "resource/aws/SecurityGroupUnrestrictedIngress80.py"),
  CKV_AWS_333: checkov("CKV_AWS_333", "Ensure ECS services do not have public IP addresses assigned to them automatically"),
  CKV_AWS_336: checkov("CKV_AWS_336", "Ensure ECS containers are limited to read-only access to root filesystems"),
  CKV_AWS_338: checkov("CKV_AWS_338", "Ensure CloudWatch log groups retains logs for at least 1 year", "resource/aws/CloudWatchLogGroupRetentionYear.py"),
  CKV_AWS_378: checkov("CKV_AWS_378", "Ensure AWS Load Balancer doesn't use HTTP protocol"),
  CKV_AWS_382: checkov("CKV_AWS_382", "Ensure no security groups allow egress from 0.0.0.0:0 to port -1"),
  CKV2_AWS_6: checkov("CKV2_AWS_6", "Ensure that S3 bucket has a Public Access block"),
  CKV2_AWS_20: checkov("CKV2_AWS_20", "Ensure that ALB redirects HTTP requests into HTTPS ones", "graph_checks/aws/ALBRedirectsHTTPToHTTPS.yaml"),
  CKV2_AWS_28: checkov("CKV2_AWS_28", "Ensure public facing ALB are protected by WAF", "graph_checks/aws/ALBProtectedByWAF.yaml"),
  CKV2_AWS_31: checkov("CKV2_AWS_31", "Ensure WAF2 has a Logging Configuration"),
  CKV2_AWS_62: checkov("CKV2_AWS_62", "Ensure S3 buckets should have event notifications enabled", "graph_checks/aws/S3BucketEventNotifications.yaml"),
  CKV2_AWS_64: checkov("CKV2_AWS_64", "Ensure KMS key Policy is defined", "graph_checks/aws/KmsKeyPolicyIsDefined.yaml"),
  CKV2_AWS_73: checkov("CKV2_AWS_73", "Ensure AWS SQS uses CMK not AWS default keys for encryption", "graph_checks/aws/SQSEncryptionCMK.yaml"),
} satisfies Record<string, ScannerCheck>;

/** KICS's queries (Checkmarx/kics, assets/queries/terraform/aws), by a name of ours. */
export const KICS = {
  albDeletionProtectionDisabled: kics("afecd1f1-6378-4f7e-bb3b-60c35801fdd4", "ALB Deletion Protection Disabled"),
  albNotIntegratedWithWaf: kics("0afa6ab8-a047-48cf-be07-93a2f8c34cf7", "ALB Is Not Integrated With WAF"),
  albListeningOnHttp: kics("de7f5e83-da88-4046-871f-ea18504b1d43", "ALB Listening on HTTP"),
  autoScalingGroupWithoutElb: kics("8e94dced-9bcc-4203-8eb7-7e41202b2505", "Auto Scaling Group With No Associated ELB"),
  cloudWatchLogGroupWithoutKms: kics("0afbcfe9-d341-4b92-a64c-7e6de0543879", "CloudWatch Log Group Without KMS"),
  elbv2AccessLogDisabled: kics("3e34db4f-0ad9-4290-bfd0-4a9ee884acaf", "ELBv2 LB Access Log Disabled"),
  httpPortOpenToInternet: kics("ffac8a12-322e-42c1-b9b9-81ff85c39ef7", "HTTP Port Open To Internet"),
  s3BucketLoggingDisabled: kics("f861041c-8c9f-4156-acfc-5e6e524f5884", "S3 Bucket Logging Disabled"),
  s3BucketWithoutMfaDelete: kics("c5b31ab9-0f26-4a49-b8aa-4cc064392f4d", "S3 Bucket Without Enabled MFA Delete"),
  snsTopicNotEncrypted: kics("28545147-2fc6-42d5-a1f9-cf226658e591", "SNS Topic Not Encrypted"),
  sqsWithSseDisabled: kics("6e8849c1-3aa7-40e3-9063-b85ee300f29f", "SQS With SSE Disabled"),
  unrestrictedSecurityGroupIngress: kics("4728cd65-a20c-49da-8b31-9c08b423e4db", "Unrestricted Security Group Ingress"),
} satisfies Record<string, ScannerCheck>;

/** The scanners' checks a finding corresponds to. */
export interface ScannerChecks {
  readonly checkov: readonly ScannerCheck[];
  readonly kics: readonly ScannerCheck[];
}

const none: ScannerChecks = { checkov: [], kics: [] };

/**
 * Each of our rules with the scanners' checks that report the same thing, where they have one.
 * A suppression in `policy.suppressions` skips these checks in the stack's scanner files too.
 */
export const RULE_SCANNER_CHECKS = {
  "AIS-S3-1": { checkov: [CHECKOV.CKV_AWS_19], kics: [] },
  "AIS-S3-2": { checkov: [CHECKOV.CKV_AWS_21], kics: [] },
  "AIS-S3-3": { checkov: [CHECKOV.CKV2_AWS_6, CHECKOV.CKV_AWS_53, CHECKOV.CKV_AWS_54, CHECKOV.CKV_AWS_55, CHECKOV.CKV_AWS_56], kics: [] },
  "AIS-S3-4": none,
  "AIS-S3-5": { checkov: [CHECKOV.CKV_AWS_18], kics: [KICS.s3BucketLoggingDisabled] },
  "AIS-S3-6": { checkov: [CHECKOV.CKV_AWS_145], kics: [] },
  "AIS-DDB-1": { checkov: [CHECKOV.CKV_AWS_28], kics: [] },
  "AIS-NET-1": { checkov: [CHECKOV.CKV_AWS_333], kics: [] },
  "AIS-SG-1": { checkov: [CHECKOV.CKV_AWS_260, CHECKOV.CKV_AWS_24, CHECKOV.CKV_AWS_25], kics: [KICS.unrestrictedSecurityGroupIngress, KICS.httpPortOpenToInternet] },
  "AIS-SG-2": none,
  "AIS-IAM-1": { checkov: [CHECKOV.CKV_AWS_62, CHECKOV.CKV_AWS_63], kics: [] },
  "AIS-IAM-2": none,
  "AIS-KMS-1": { checkov: [CHECKOV.CKV_AWS_7], kics: [] },
  "AIS-LOG-1": { checkov: [CHECKOV.CKV_AWS_66], kics: [] },
  "AIS-LOG-2": { checkov: [CHECKOV.CKV_AWS_158], kics: [KICS.cloudWatchLogGroupWithoutKms] },
  "AIS-LOG-3": { checkov: [CHECKOV.CKV_AWS_338], kics: [] },
  "AIS-SQS-1": { checkov: [CHECKOV.CKV_AWS_27, CHECKOV.CKV2_AWS_73], kics: [KICS.sqsWithSseDisabled] },
  "AIS-SNS-1": { checkov: [CHECKOV.CKV_AWS_26], kics: [KICS.snsTopicNotEncrypted] },
  "AIS-ECS-1": { checkov: [CHECKOV.CKV_AWS_65], kics: [] },
  "AIS-ECS-2": { checkov: [CHECKOV.CKV_AWS_336], kics: [] },
  "AIS-IMG-1": none,
  "AIS-ALB-1": { checkov: [CHECKOV.CKV_AWS_131], kics: [] },
  "AIS-ALB-2": { checkov: [CHECKOV.CKV_AWS_2, CHECKOV.CKV2_AWS_20], kics: [KICS.albListeningOnHttp] },
  "AIS-ALB-3": { checkov: [CHECKOV.CKV_AWS_91], kics: [KICS.elbv2AccessLogDisabled] },
  "AIS-ALB-4": { checkov: [CHECKOV.CKV2_AWS_28], kics: [KICS.albNotIntegratedWithWaf] },
  "AIS-ALB-5": { checkov: [CHECKOV.CKV_AWS_150], kics: [KICS.albDeletionProtectionDisabled] },
  "AIS-EC2-1": { checkov: [CHECKOV.CKV_AWS_79], kics: [] },
  "AIS-EC2-2": none,
} as const satisfies Record<RuleId, ScannerChecks>;
