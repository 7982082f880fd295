import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Construct } from "constructs";

export interface AlertTopicProps {
  /** Topic name. */
  readonly name: string;
  /**
   * ARN of the customer-managed KMS key that encrypts the topic: the environment's key (or its
   * `kmsKeyArn`), whose policy lets CloudWatch alarms publish to a topic it encrypts (an AWS
   * managed SNS key does not: CloudWatch cannot use it).
   */
  readonly kmsKeyArn: string;
  /** Email addresses subscribed to the topic. @default none */
  readonly emails?: readonly string[];
  /** Existing SNS topics the alarms notify as well. @default none */
  readonly otherTopicArns?: readonly string[];
}

/**
 * The environment's alert topic: an SNS topic encrypted with the environment's KMS key, with the
 * configured email subscriptions. {@link actions} are what every alarm notifies: this topic and
 * the configured existing ones.
 */
export class AlertTopic extends Construct {
  public readonly topic: SnsTopic;

  constructor(scope: Construct, id: string, private readonly props: AlertTopicProps) {
    super(scope, id);
    this.topic = new SnsTopic(this, "topic", { name: props.name, kmsMasterKeyId: props.kmsKeyArn });
    (props.emails ?? []).forEach((email, index) => {
      new SnsTopicSubscription(this, `email-${index}`, { topicArn: this.topic.arn, protocol: "email", endpoint: email });
    });
    this.node.defaultChild = this.topic;
  }

  /** What alarms notify: this topic, then the existing topics. */
  public get actions(): string[] {
    return [this.topic.arn, ...(this.props.otherTopicArns ?? [])];
  }
}
