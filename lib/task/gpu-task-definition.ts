import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { Construct } from "constructs";
import { ContainerDefinition, renderContainerDefinitions } from "./container-definition";

export interface GpuTaskDefinitionProps {
  /** Task definition family. */
  readonly family: string;
  /** Where the task runs: EC2 instances of an Auto Scaling group, or ECS Managed Instances. */
  readonly compatibility: "EC2" | "MANAGED_INSTANCES";
  /** Task CPU units (checked against the instance types by the config validation). */
  readonly cpu: number;
  /** Task memory (MiB) (checked against the instance types by the config validation). */
  readonly memory: number;
  /** GPUs reserved for the first container, the model server. */
  readonly gpus: number;
  readonly executionRoleArn: string;
  readonly taskRoleArn: string;
  /** The containers; the first gets the GPUs. */
  readonly containers: readonly ContainerDefinition[];
  /** Names of task-scoped scratch volumes the containers mount. @default none */
  readonly scratchVolumes?: readonly string[];
}

/**
 * A task definition for GPU instances: awsvpc networking, task-level CPU and memory that the
 * instance must have free, and a GPU resource requirement on the model server's container.
 */
export class GpuTaskDefinition extends Construct {
  public readonly resource: EcsTaskDefinition;

  constructor(scope: Construct, id: string, props: GpuTaskDefinitionProps) {
    super(scope, id);
    const [server, ...sidecars] = props.containers;
    this.resource = new EcsTaskDefinition(this, "task", {
      family: props.family,
      requiresCompatibilities: [props.compatibility],
      networkMode: "awsvpc",
      cpu: String(props.cpu),
      memory: String(props.memory),
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
      executionRoleArn: props.executionRoleArn,
      taskRoleArn: props.taskRoleArn,
      containerDefinitions: renderContainerDefinitions([{ ...server, gpus: props.gpus }, ...sidecars]),
      volume: (props.scratchVolumes ?? []).map((name) => ({ name })),
    });
  }
}
