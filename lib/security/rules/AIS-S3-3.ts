import { attachedTo } from "../inspect";
import type { ResolvedResource, ResourceIndex } from "../resource-index";
import { PolicyRule } from "../rule";

const SETTINGS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];

/** AIS-S3-3: the state bucket blocks every form of public access. */
export class StateBucketPrivate extends PolicyRule {
  public readonly id = "AIS-S3-3";
  public readonly description = "S3 buckets (Terraform state) block all public access";
  public readonly hint = "add an aws_s3_bucket_public_access_block with all four settings true";
  public readonly resourceTypes = ["aws_s3_bucket"];

  public check(bucket: ResolvedResource, index: ResourceIndex): string[] {
    const blocks = attachedTo(index, "aws_s3_bucket_public_access_block", "bucket", bucket.address);
    if (blocks.length === 0) return [`bucket ${bucket.props.bucket} has no public access block`];
    const missing = SETTINGS.filter((s) => !blocks.some((b) => b.props[s] === true));
    return missing.length === 0 ? [] : [`bucket ${bucket.props.bucket} public access block does not set ${missing.join(", ")}`];
  }
}
