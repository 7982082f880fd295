import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";
import { CLOUDWATCH_ALARMS_PRINCIPAL, CLOUDWATCH_LOGS_KEY_ACTIONS, cloudWatchLogsPrincipal } from "../aws/kms";
import { renderPolicy } from "../iam/policy-document";

export interface EnvironmentKeyProps {
  /** Alias name, `alias/...`. */
  readonly alias: string;
  readonly region: string;
  /** The account id (usually a reference to `data.aws_caller_identity`). */
  readonly accountId: string;
  /** The partition (usually a reference to `data.aws_partition`). */
  readonly partition: string;
  /**
   * Name prefix of the log groups CloudWatch Logs may encrypt with the key, e.g. `/ecs/genai/prod/`;
   * the key policy's encryption context condition admits those and no others.
   */
  readonly logGroupPrefix: string;
  /** What the key is for (its description). */
  readonly description: string;
}

/**
 * An environment's customer-managed KMS key for the data its services leave behind: log groups
 * (prompts and outputs), SQS queues (jobs) and the alert topic. Rotated yearly, with a 30-day
 * deletion window. The key policy lets the account's IAM policies grant its use (the task roles
 * get kms:Decrypt and kms:GenerateDataKey on it, through SQS only), CloudWatch Logs in the
 * environment's Region encrypt the environment's log groups (limited by the
 * `kms:EncryptionContext:aws:logs:arn` condition), and CloudWatch alarms publish to a topic it
 * encrypts.
 * Sources: https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html,
 * https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
 */
export class EnvironmentKey extends Construct {
  public readonly key: KmsKey;
  public readonly alias: KmsAlias;

  constructor(scope: Construct, id: string, props: EnvironmentKeyProps) {
    super(scope, id);
    const { region, accountId, partition } = props;
    this.key = new KmsKey(this, "key", {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: renderPolicy({
        Statement: [
          {
            Sid: "AccountAdministersAndGrantsThroughIam",
            Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
            Action: "kms:*",
            Resource: "*",
          },
          {
            Sid: "CloudWatchLogsEncryptsTheEnvironmentsLogGroups",
            Principal: { Service: cloudWatchLogsPrincipal(region) },
            Action: [...CLOUDWATCH_LOGS_KEY_ACTIONS],
            Resource: "*",
            Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${partition}:logs:${region}:${accountId}:log-group:${props.logGroupPrefix}*` } },
          },
          {
            Sid: "CloudWatchAlarmsPublishToEncryptedTopics",
            Principal: { Service: CLOUDWATCH_ALARMS_PRINCIPAL },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: "*",
          },
        ],
      }),
    });
    this.alias = new KmsAlias(this, "alias", { name: props.alias, targetKeyId: this.key.keyId });
    this.node.defaultChild = this.key;
  }

  /** The key's ARN (what log groups, queues and topics name). */
  public get arn(): string {
    return this.key.arn;
  }
}
