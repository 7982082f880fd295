import { attachedTo } from "../inspect";
import type { ResolvedResource, ResourceIndex } from "../resource-index";
import { PolicyRule } from "../rule";

/** AIS-S3-2: the state bucket keeps old versions, so a bad apply can be rolled back. */
export class StateBucketVersioned extends PolicyRule {
  public readonly id = "AIS-S3-2";
  public readonly description = "S3 buckets (Terraform state) keep object versions";
  public readonly hint = 'add an aws_s3_bucket_versioning with status "Enabled"';
  public readonly resourceTypes = ["aws_s3_bucket"];

  public check(bucket: ResolvedResource, index: ResourceIndex): string[] {
    const versioned = attachedTo(index, "aws_s3_bucket_versioning", "bucket", bucket.address).some(
      (v) => v.props.versioning_configuration?.status === "Enabled",
    );
    return versioned ? [] : [`bucket ${bucket.props.bucket} does not have versioning enabled`];
  }
}
