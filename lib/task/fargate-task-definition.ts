import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { Construct } from "constructs";
import { ContainerDefinition, renderContainerDefinitions } from "./container-definition";

export interface FargateTaskDefinitionProps {
  /** Task definition family. */
  readonly family: string;
  /** Task CPU units; a valid Fargate size (checked by the config schema). May be a Terraform number token. */
  readonly cpu: number;
  /** Task memory (MiB); valid for the CPU (checked by the config schema). May be a Terraform number token. */
  readonly memory: number;
  /**
   * Launch types the task definition must be valid for; GPU tasks need EC2 (a list
   * token may choose at plan time).
   * @default ["FARGATE"]
   */
  readonly requiresCompatibilities?: string[];
  /** @default "X86_64" */
  readonly cpuArchitecture?: "X86_64" | "ARM64";
  readonly executionRoleArn: string;
  readonly taskRoleArn: string;
  readonly containers: readonly ContainerDefinition[];
  /** Names of task-scoped scratch volumes the containers mount. @default none */
  readonly scratchVolumes?: readonly string[];
}

/** A Fargate task definition (awsvpc networking) with its containers rendered from typed definitions. */
export class FargateTaskDefinition extends Construct {
  public readonly resource: EcsTaskDefinition;

  constructor(scope: Construct, id: string, props: FargateTaskDefinitionProps) {
    super(scope, id);
    this.resource = new EcsTaskDefinition(this, "task", {
      family: props.family,
      requiresCompatibilities: props.requiresCompatibilities ?? ["FARGATE"],
      networkMode: "awsvpc",
      cpu: String(props.cpu),
      memory: String(props.memory),
      runtimePlatform: {
        operatingSystemFamily: "LINUX",
        cpuArchitecture: props.cpuArchitecture ?? "X86_64",
      },
      executionRoleArn: props.executionRoleArn,
      taskRoleArn: props.taskRoleArn,
      containerDefinitions: renderContainerDefinitions(props.containers),
      volume: (props.scratchVolumes ?? []).map((name) => ({ name })),
    });
  }
}
