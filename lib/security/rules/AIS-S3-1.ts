import { attachedTo } from "../inspect";
import type { ResolvedResource, ResourceIndex } from "../resource-index";
import { PolicyRule } from "../rule";

const ENCRYPTION = ["AES256", "aws:kms", "aws:kms:dsse"];

/** AIS-S3-1: the state bucket encrypts objects at rest by default. */
export class StateBucketEncrypted extends PolicyRule {
  public readonly id = "AIS-S3-1";
  public readonly description = "S3 buckets (Terraform state) encrypt objects at rest by default";
  public readonly hint = "add an aws_s3_bucket_server_side_encryption_configuration with AES256 or aws:kms (the state stack's StateBucket does)";
  public readonly resourceTypes = ["aws_s3_bucket"];

  public check(bucket: ResolvedResource, index: ResourceIndex): string[] {
    const configs = attachedTo(index, "aws_s3_bucket_server_side_encryption_configuration", "bucket", bucket.address);
    const encrypted = configs.some((c) =>
      (c.props.rule ?? []).some((r: Record<string, any>) => ENCRYPTION.includes(r.apply_server_side_encryption_by_default?.sse_algorithm)),
    );
    return encrypted ? [] : [`bucket ${bucket.props.bucket} has no default server-side encryption`];
  }
}
