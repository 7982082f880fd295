import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";

export interface PrivateBucketOptions {
  /** Bucket name. */
  readonly name: string;
  readonly region: string;
  /** @default none */
  readonly tags?: Record<string, string>;
  /** Refuse `terraform destroy` of the bucket. @default true */
  readonly preventDestroy?: boolean;
}

/**
 * A bucket as every bucket the project creates starts, as children of the construct that owns it
 * (ids `bucket`, `versioning`, `public-access-block`, `ownership`, so the Terraform addresses are
 * the owner's): never force-destroyed, versioned, all public access blocked, and ACLs disabled
 * (bucket owner enforced). The owner adds encryption, policies and lifecycle.
 */
export function privateBucket(scope: Construct, options: PrivateBucketOptions): S3Bucket {
  const { region } = options;
  const resource = new S3Bucket(scope, "bucket", {
    bucket: options.name,
    region,
    forceDestroy: false,
    tags: options.tags,
    ...(options.preventDestroy === false ? {} : { lifecycle: { preventDestroy: true } }),
  });
  const bucket = resource.id;
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
  return resource;
}
