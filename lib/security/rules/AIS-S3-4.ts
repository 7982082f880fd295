import { attachedTo, statementsOf } from "../inspect";
import type { ResolvedResource, ResourceIndex } from "../resource-index";
import { PolicyRule } from "../rule";

/** AIS-S3-4: the state bucket refuses requests that do not use TLS. */
export class StateBucketTlsOnly extends PolicyRule {
  public readonly id = "AIS-S3-4";
  public readonly description = "S3 buckets (Terraform state) deny requests without TLS";
  public readonly hint = 'add a bucket policy statement that denies s3:* to "*" when aws:SecureTransport is "false"';
  public readonly resourceTypes = ["aws_s3_bucket"];

  public check(bucket: ResolvedResource, index: ResourceIndex): string[] {
    const denies = attachedTo(index, "aws_s3_bucket_policy", "bucket", bucket.address)
      .flatMap((p) => statementsOf(p.props.policy))
      .some(
        (s) =>
          s.effect === "Deny" &&
          s.raw.Principal === "*" &&
          s.actions.some((a) => a === "s3:*" || a === "*") &&
          String(s.raw.Condition?.Bool?.["aws:SecureTransport"]) === "false",
      );
    return denies ? [] : [`bucket ${bucket.props.bucket} has no policy denying requests without TLS`];
  }
}
