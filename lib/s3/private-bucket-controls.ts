import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";

/**
 * What every bucket the project creates has, as children of the construct that owns the bucket
 * (ids `versioning`, `public-access-block`, `ownership`, so the Terraform addresses are the
 * owner's): versioning, all public access blocked, and ACLs disabled (bucket owner enforced).
 */
export function privateBucketControls(scope: Construct, bucket: string, region: string): void {
  new S3BucketVersioningA(scope, "versioning", { bucket, region, versioningConfiguration: { status: "Enabled" } });
  new S3BucketPublicAccessBlock(scope, "public-access-block", {
    bucket,
    region,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  new S3BucketOwnershipControls(scope, "ownership", { bucket, region, rule: { objectOwnership: "BucketOwnerEnforced" } });
}
