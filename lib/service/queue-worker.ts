import { Construct } from "constructs";
import { names } from "../aws/names";
import type { EnvironmentConfig, WorkerServiceConfig } from "../config/schema";
import type { Cluster } from "../cluster/cluster";
import type { Network } from "../network/network";
import { WorkQueue } from "../queue/work-queue";
import { ServiceRuntime } from "./service-runtime";

export interface QueueWorkerProps {
  /** Service name (the key under `services:`). */
  readonly name: string;
  readonly service: WorkerServiceConfig;
  readonly environment: EnvironmentConfig;
  readonly cluster: Cluster;
  readonly network: Network;
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
    const { name, service, environment } = props;
    const naming = { project: environment.project, environment: environment.environment };

    this.queue = new WorkQueue(this, "queue", {
      name: names.queue(naming, name),
      deadLetterName: names.deadLetterQueue(naming, name),
      config: service.queue,
    });
    this.runtime = new ServiceRuntime(this, "runtime", {
      name,
      service,
      environment,
      cluster: props.cluster,
      network: props.network,
      securityGroupDescription: `Worker ${name}: no inbound traffic`,
      extraEnvironment: { [service.queue.urlVariable]: this.queue.queue.url },
      extraTaskStatements: this.queue.consumerStatements(),
      placeholders: { queue: names.queue(naming, name) },
    });
  }
}
