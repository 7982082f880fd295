import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { Construct } from "constructs";
import { denyInsecureTransport, renderPolicy } from "../iam/policy-document";
import { privateBucket } from "../s3/private-bucket";

export interface StateBucketProps {
  /** Bucket name. */
  readonly bucket: string;
  /** Region the bucket lives in. */
  readonly region: string;
  /** Partition of the region, for ARNs. */
  readonly partition: string;
  /** Days a superseded state version is kept. @default 90 */
  readonly noncurrentVersionDays?: number;
  /** Tags of the bucket (besides the provider's default tags). @default none */
  readonly tags?: Record<string, string>;
  /**
   * ARN of the customer-managed KMS key objects are encrypted with by default (SSE-KMS with an
   * S3 bucket key, so KMS is called per bucket key, not per object).
   * @default none: S3-managed keys (SSE-S3)
   */
  readonly kmsKeyArn?: string;
  /** Where S3 server access logs of the bucket go. @default none: no access logging */
  readonly accessLogs?: { readonly targetBucket: string; readonly prefix: string };
}

/**
 * The S3 bucket that holds Terraform state: versioned, encrypted (a customer-managed KMS key
 * when given), private, TLS only, its access logged when asked, old versions expired after a
 * while, and protected from `terraform destroy`.
 */
export class StateBucket extends Construct {
  public readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const { region } = props;
    this.bucket = privateBucket(this, { name: props.bucket, region, tags: props.tags });
    const bucket = this.bucket.id;
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket,
      region,
      rule: [
        {
          applyServerSideEncryptionByDefault: props.kmsKeyArn ? { sseAlgorithm: "aws:kms", kmsMasterKeyId: props.kmsKeyArn } : { sseAlgorithm: "AES256" },
          bucketKeyEnabled: true,
        },
      ],
    });
    if (props.accessLogs) {
      new S3BucketLoggingA(this, "access-logs", {
        bucket,
        region,
        targetBucket: props.accessLogs.targetBucket,
        targetPrefix: props.accessLogs.prefix,
      });
    }
    const arn = `arn:${props.partition}:s3:::${props.bucket}`;
    new S3BucketPolicy(this, "tls-only", {
      bucket,
      region,
      policy: renderPolicy({
        Statement: [denyInsecureTransport("s3", [arn, `${arn}/*`])],
      }),
    });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket,
      region,
      rule: [
        {
          id: "expire-old-state-versions",
          status: "Enabled",
          filter: [{ prefix: "" }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionDays ?? 90 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
  }
}
