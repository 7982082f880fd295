import type { ResolvedResource } from "../resource-index";
import { PolicyRule } from "../rule";

/** AIS-LOG-2: service logs hold prompts and outputs; a customer-managed key decides who can read them. */
export class LogGroupCustomerManagedKey extends PolicyRule {
  public readonly id = "AIS-LOG-2";
  public readonly description = "log groups are encrypted with a customer-managed KMS key";
  public readonly hint = "leave kmsKeyArn unset (the stack creates a key for the environment) or name a key whose policy lets CloudWatch Logs use it";
  public readonly resourceTypes = ["aws_cloudwatch_log_group"];
  public readonly configField = "/kmsKeyArn";

  public check(group: ResolvedResource): string[] {
    const key = group.props.kms_key_id;
    return typeof key === "string" && key !== "" ? [] : [`log group ${group.props.name} is not encrypted with a customer-managed KMS key`];
  }
}
