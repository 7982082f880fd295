import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Construct } from "constructs";
import { partitionOf, renderPolicy } from "../iam/policy-document";

export interface AlertTopicProps {
  /** Topic name; the key's alias is `alias/<name>`. */
  readonly name: string;
  /** Region of the environment (the partition of the account root ARN). */
  readonly region: string;
  /** Email addresses subscribed to the topic. @default none */
  readonly emails?: readonly string[];
  /** Existing SNS topics the alarms notify as well. @default none */
  readonly otherTopicArns?: readonly string[];
}

/**
 * The environment's alert topic: an SNS topic encrypted with its own KMS key (rotated yearly),
 * whose key policy lets CloudWatch alarms encrypt what they publish (an AWS managed SNS key does
 * not: CloudWatch cannot use it), with the configured email subscriptions. {@link actions} are
 * what every alarm notifies: this topic and the configured existing ones.
 */
export class AlertTopic extends Construct {
  public readonly topic: SnsTopic;
  public readonly key: KmsKey;

  constructor(scope: Construct, id: string, private readonly props: AlertTopicProps) {
    super(scope, id);
    const account = new DataAwsCallerIdentity(this, "account");
    this.key = new KmsKey(this, "key", {
      description: `Encrypts the alert topic ${props.name}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: renderPolicy({
        Statement: [
          {
            Sid: "AccountAdministers",
            Principal: { AWS: `arn:${partitionOf(props.region)}:iam::${account.accountId}:root` },
            Action: "kms:*",
            Resource: "*",
          },
          {
            Sid: "CloudWatchAlarmsPublish",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: "*",
          },
        ],
      }),
    });
    new KmsAlias(this, "alias", { name: `alias/${props.name}`, targetKeyId: this.key.keyId });
    this.topic = new SnsTopic(this, "topic", { name: props.name, kmsMasterKeyId: this.key.arn });
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
