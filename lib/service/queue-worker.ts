import { Construct } from "constructs";
import { WorkQueue, WorkQueueProps } from "../queue/work-queue";
import { ServiceRuntime } from "./service-runtime";
import { extendSpec, ServiceSpec } from "./service-spec";

export interface QueueWorkerProps {
  /** The service in AWS terms; the queue's variable, permissions and metric name are added here. */
  readonly spec: ServiceSpec;
  /** The SQS queue and its dead-letter queue. */
  readonly queue: WorkQueueProps;
  /** Environment variable that carries the queue URL into the container. */
  readonly urlVariable: string;
}

/**
 * An asynchronous worker: its SQS queue and dead-letter queue, and a service runtime
 * whose task role may consume that queue only and whose container gets the queue URL.
 * No load balancer, no listener rule, no target group, no ingress.
 */
export class QueueWorker extends Construct {
  public readonly runtime: ServiceRuntime;
  public readonly queue: WorkQueue;

  constructor(scope: Construct, id: string, props: QueueWorkerProps) {
    super(scope, id);
    this.queue = new WorkQueue(this, "queue", props.queue);
    this.runtime = new ServiceRuntime(this, "runtime", {
      spec: extendSpec(props.spec, {
        environment: { [props.urlVariable]: this.queue.queue.url },
        taskStatements: this.queue.consumerStatements(),
        placeholders: { queue: props.queue.name },
      }),
    });
    this.node.defaultChild = this.runtime.service;
  }

  /** The ECS service's name. */
  public get serviceName(): string {
    return this.runtime.serviceName;
  }

  /** The log group's name. */
  public get logGroupName(): string {
    return this.runtime.logGroupName;
  }

  /** The URL of the queue jobs are sent to. */
  public get queueUrl(): string {
    return this.queue.queue.url;
  }

  /** The URL of the dead-letter queue. */
  public get deadLetterQueueUrl(): string {
    return this.queue.deadLetterQueue.url;
  }
}
