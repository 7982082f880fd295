import { LOG_TARGET_METADATA } from "../../logs/access-log-bucket";
import { attachedTo } from "../inspect";
import type { ResolvedResource, ResourceIndex } from "../resource-index";
import { PolicyRule } from "../rule";

/** AIS-S3-5: who read or wrote the state (which holds secrets) is on record. */
export class BucketAccessLogged extends PolicyRule {
  public readonly id = "AIS-S3-5";
  public readonly description = "S3 buckets log access to a separate log bucket (buckets that receive logs excepted)";
  public readonly hint = "add an aws_s3_bucket_logging that sends the bucket's server access logs to an access-log bucket (the state stack's does)";
  public readonly resourceTypes = ["aws_s3_bucket"];

  public check(bucket: ResolvedResource, index: ResourceIndex): string[] {
    if (bucket.construct.node.metadata.some((m) => m.type === LOG_TARGET_METADATA)) return [];
    const logging = attachedTo(index, "aws_s3_bucket_logging", "bucket", bucket.address);
    if (logging.length === 0) return [`bucket ${bucket.props.bucket} does not log access`];
    return logging.filter((l) => l.props.target_bucket === bucket.props.bucket || String(l.props.target_bucket).includes(`${bucket.address}.`)).map(() => `bucket ${bucket.props.bucket} logs into itself`);
  }
}
