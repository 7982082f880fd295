import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { Construct } from "constructs";

/**
 * The account and partition a stack is applied in, read at plan time (`data.aws_caller_identity`,
 * `data.aws_partition`), for ARNs the config cannot know: the account root of a key policy, the
 * account's prefix in the load balancer's log bucket.
 */
export class AccountContext extends Construct {
  /** The account id (a Terraform reference). */
  public readonly accountId: string;
  /** The partition: aws, aws-cn or aws-us-gov (a Terraform reference). */
  public readonly partition: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.accountId = new DataAwsCallerIdentity(this, "caller").accountId;
    this.partition = new DataAwsPartition(this, "partition").partition;
  }

  /** The ARN of the account root: in a key policy, it lets the account's IAM policies grant use of the key. */
  public get rootArn(): string {
    return `arn:${this.partition}:iam::${this.accountId}:root`;
  }
}
