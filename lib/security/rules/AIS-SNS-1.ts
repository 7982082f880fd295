import type { ResolvedResource } from "../resource-index";
import { PolicyRule } from "../rule";

/** AIS-SNS-1: alert messages are encrypted with a key CloudWatch alarms may use and the environment controls. */
export class TopicCustomerManagedKey extends PolicyRule {
  public readonly id = "AIS-SNS-1";
  public readonly description = "SNS topics are encrypted with a customer-managed KMS key (alias/aws/sns cannot be used by CloudWatch alarms)";
  public readonly hint = "encrypt the topic with the environment's key (EnvironmentStack.kmsKeyArn), whose policy lets CloudWatch alarms publish";
  public readonly resourceTypes = ["aws_sns_topic"];
  public readonly configField = "/kmsKeyArn";

  public check(topic: ResolvedResource): string[] {
    const key = topic.props.kms_master_key_id;
    const customer = typeof key === "string" && key !== "" && key !== "alias/aws/sns";
    return customer ? [] : [`topic ${topic.props.name} is not encrypted with a customer-managed KMS key`];
  }
}
