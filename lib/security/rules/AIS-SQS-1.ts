import type { ResolvedResource } from "../resource-index";
import { PolicyRule } from "../rule";

/** AIS-SQS-1: queued jobs (documents, audio, prompts) are encrypted with a key whose policy the environment controls. */
export class QueueCustomerManagedKey extends PolicyRule {
  public readonly id = "AIS-SQS-1";
  public readonly description = "SQS queues are encrypted with a customer-managed KMS key (not SQS-managed keys or alias/aws/sqs)";
  public readonly hint = "leave kmsKeyArn unset (the stack creates a key for the environment) or name a customer-managed key";
  public readonly resourceTypes = ["aws_sqs_queue"];
  public readonly configField = "/kmsKeyArn";

  public check(queue: ResolvedResource): string[] {
    const key = queue.props.kms_master_key_id;
    const customer = typeof key === "string" && key !== "" && key !== "alias/aws/sqs";
    return customer ? [] : [`queue ${queue.props.name} is not encrypted with a customer-managed KMS key`];
  }
}
