import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { SqsQueueRedriveAllowPolicy } from "@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy";
import { Construct } from "constructs";
import type { QueueConfig } from "../config/schema";
import { sqsViaService } from "../aws/kms";
import { denyInsecureTransport, PolicyStatement, renderPolicy } from "../iam/policy-document";

export interface WorkQueueProps {
  /** Queue name. */
  readonly name: string;
  /** Dead-letter queue name. */
  readonly deadLetterName: string;
  /** The worker's `queue` section. */
  readonly config: QueueConfig;
  /**
   * A customer-managed KMS key both queues are encrypted with, and the Region of the queues (for
   * the consumer's `kms:ViaService` condition).
   * @default SQS-managed encryption (SSE-SQS)
   */
  readonly encryption?: { readonly kmsKeyArn: string; readonly region: string };
}

/** Days a message stays in the dead-letter queue (the SQS maximum), in seconds. */
export const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 3600;

/** How long SQS reuses a data key before asking KMS again (the SQS default; 60 to 86400 seconds). */
const DATA_KEY_REUSE_SECONDS = 300;

/**
 * A worker's SQS queue with server-side encryption (the environment's KMS key, or SQS-managed
 * keys), long polling and a dead-letter queue that takes messages after `maxReceiveCount`
 * failed receives. Both queues deny requests without TLS.
 * Source: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
 */
export class WorkQueue extends Construct {
  public readonly queue: SqsQueue;
  public readonly deadLetterQueue: SqsQueue;

  private readonly encryption?: WorkQueueProps["encryption"];

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    const { config } = props;
    this.encryption = props.encryption;
    const sse = props.encryption
      ? { kmsMasterKeyId: props.encryption.kmsKeyArn, kmsDataKeyReusePeriodSeconds: DATA_KEY_REUSE_SECONDS }
      : { sqsManagedSseEnabled: true };
    this.deadLetterQueue = new SqsQueue(this, "dead-letter", {
      name: props.deadLetterName,
      messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
      ...sse,
    });
    this.queue = new SqsQueue(this, "queue", {
      name: props.name,
      visibilityTimeoutSeconds: config.visibilityTimeoutSeconds,
      messageRetentionSeconds: config.messageRetentionSeconds,
      receiveWaitTimeSeconds: config.receiveWaitTimeSeconds,
      ...sse,
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: this.deadLetterQueue.arn, maxReceiveCount: config.maxReceiveCount }),
    });
    new SqsQueueRedriveAllowPolicy(this, "dead-letter-source", {
      queueUrl: this.deadLetterQueue.url,
      redriveAllowPolicy: JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: [this.queue.arn] }),
    });
    for (const [key, queue] of [["queue-tls-only", this.queue], ["dead-letter-tls-only", this.deadLetterQueue]] as const) {
      new SqsQueuePolicy(this, key, {
        queueUrl: queue.url,
        policy: renderPolicy({
          Statement: [
            denyInsecureTransport("sqs", queue.arn),
          ],
        }),
      });
    }
  }

  /**
   * What a consumer of this queue may do, and nothing more: with a KMS key, decrypting what it
   * receives (and generating data keys, for the messages it may send back), through SQS only.
   */
  public consumerStatements(): PolicyStatement[] {
    const consume: PolicyStatement = {
      Sid: "ConsumeWorkQueue",
      Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"],
      Resource: [this.queue.arn],
    };
    if (!this.encryption) return [consume];
    return [
      consume,
      {
        Sid: "DecryptWorkQueueMessages",
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: [this.encryption.kmsKeyArn],
        Condition: { StringEquals: { "kms:ViaService": sqsViaService(this.encryption.region) } },
      },
    ];
  }
}
