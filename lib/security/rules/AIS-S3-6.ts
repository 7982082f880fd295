import { LOG_TARGET_METADATA } from "../../logs/access-log-bucket";
import { attachedTo } from "../inspect";
import type { ResolvedResource, ResourceIndex } from "../resource-index";
import { PolicyRule, Severity } from "../rule";

/**
 * AIS-S3-6: the state is encrypted with a customer-managed KMS key, so a key policy (not just
 * bucket access) decides who can decrypt it. A warning: S3-managed keys are a documented choice
 * (`state.encryption: s3`). Log buckets are exempt: log delivery supports only S3-managed keys.
 */
export class BucketCustomerManagedKey extends PolicyRule {
  public readonly id = "AIS-S3-6";
  public readonly description = "S3 buckets (Terraform state) encrypt with a customer-managed KMS key and a bucket key (a warning; log buckets excepted)";
  public readonly hint = "set state.encryption: kms (the default), so the state stack creates a KMS key for the bucket";
  public readonly resourceTypes = ["aws_s3_bucket"];
  public readonly configField = "/state.encryption";

  public severity(): Severity {
    return "warning";
  }

  public check(bucket: ResolvedResource, index: ResourceIndex): string[] {
    if (bucket.construct.node.metadata.some((m) => m.type === LOG_TARGET_METADATA)) return [];
    const rules = attachedTo(index, "aws_s3_bucket_server_side_encryption_configuration", "bucket", bucket.address).flatMap((c) => c.props.rule ?? []);
    const kms = rules.some(
      (r: Record<string, any>) => r.apply_server_side_encryption_by_default?.sse_algorithm === "aws:kms" && r.apply_server_side_encryption_by_default?.kms_master_key_id && r.bucket_key_enabled === true,
    );
    return kms ? [] : [`bucket ${bucket.props.bucket} is not encrypted with a customer-managed KMS key and a bucket key`];
  }
}
