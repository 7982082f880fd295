import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { SqsQueueRedriveAllowPolicy } from "@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy";
import { Construct } from "constructs";
import type { QueueConfig } from "../config/schema";
import { PolicyStatement, renderPolicy } from "../iam/policy-document";

export interface WorkQueueProps {
  /** Queue name. */
  readonly name: string;
  /** Dead-letter queue name. */
  readonly deadLetterName: string;
  /** The worker's `queue` section. */
  readonly config: QueueConfig;
}

/** Days a message stays in the dead-letter queue (the SQS maximum), in seconds. */
export const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 3600;

/**
 * A worker's SQS queue with server-side encryption, long polling and a dead-letter
 * queue that takes messages after `maxReceiveCount` failed receives. Both queues deny
 * requests without TLS.
 */
export class WorkQueue extends Construct {
  public readonly queue: SqsQueue;
  public readonly deadLetterQueue: SqsQueue;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    const { config } = props;
    this.deadLetterQueue = new SqsQueue(this, "dead-letter", {
      name: props.deadLetterName,
      messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
      sqsManagedSseEnabled: true,
    });
    this.queue = new SqsQueue(this, "queue", {
      name: props.name,
      visibilityTimeoutSeconds: config.visibilityTimeoutSeconds,
      messageRetentionSeconds: config.messageRetentionSeconds,
      receiveWaitTimeSeconds: config.receiveWaitTimeSeconds,
      sqsManagedSseEnabled: true,
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
            {
              Sid: "DenyInsecureTransport",
              Effect: "Deny",
              Principal: "*",
              Action: "sqs:*",
              Resource: queue.arn,
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
          ],
        }),
      });
    }
  }

  /** What a consumer of this queue may do, and nothing more. */
  public consumerStatements(): PolicyStatement[] {
    return [
      {
        Sid: "ConsumeWorkQueue",
        Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"],
        Resource: [this.queue.arn],
      },
    ];
  }
}
