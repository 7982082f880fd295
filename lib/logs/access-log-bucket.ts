import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { Construct } from "constructs";
import { denyInsecureTransport, PolicyStatement, renderPolicy } from "../iam/policy-document";
import { privateBucket } from "../s3/private-bucket";

/** Metadata type that marks a bucket as a log target (it does not log its own access). */
export const LOG_TARGET_METADATA = "ecs-ai/log-target";

export interface AccessLogBucketProps {
  /** Bucket name. */
  readonly bucket: string;
  readonly region: string;
  /** Partition of the region, for ARNs. */
  readonly partition: string;
  /**
   * Who may write logs, as bucket policy statements granting `s3:PutObject` (S3 server access
   * logging's `logging.s3.amazonaws.com`, or Elastic Load Balancing's log delivery), each
   * limited to the log prefix and the source.
   */
  readonly writers: readonly PolicyStatement[];
  /** Days log objects are kept. @default 365 */
  readonly retentionDays?: number;
  /** Keep the bucket when the stack is destroyed. @default true */
  readonly preventDestroy?: boolean;
  /** @default none */
  readonly tags?: Record<string, string>;
}

/**
 * A bucket that receives access logs (S3 server access logs, load balancer access logs):
 * encrypted with S3-managed keys (the only encryption either log delivery supports), versioned,
 * private, owner-enforced, TLS only, writable by the log delivery only, and expiring its logs.
 * Sources: https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html,
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
 */
export class AccessLogBucket extends Construct {
  public readonly bucket: S3Bucket;
  /** The bucket policy: what a log writer must wait for (a load balancer checks it can write when logging is turned on). */
  public readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const { region } = props;
    this.bucket = privateBucket(this, { name: props.bucket, region, tags: props.tags, preventDestroy: props.preventDestroy });
    this.bucket.node.addMetadata(LOG_TARGET_METADATA, true);
    this.node.defaultChild = this.bucket;
    const bucket = this.bucket.id;
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket,
      region,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
    const arn = `arn:${props.partition}:s3:::${props.bucket}`;
    this.policy = new S3BucketPolicy(this, "policy", {
      bucket,
      region,
      policy: renderPolicy({
        Statement: [
          ...props.writers,
          denyInsecureTransport("s3", [arn, `${arn}/*`]),
        ],
      }),
    });
    const days = props.retentionDays ?? 365;
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket,
      region,
      rule: [
        {
          id: "expire-logs",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ days }],
          noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
  }
}
