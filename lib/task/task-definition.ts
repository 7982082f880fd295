import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { Construct } from "constructs";
import { HclExpression } from "../hcl/hcl-expression";
import { ContainerDefinition, renderContainerDefinitions } from "./container-definition";

export interface TaskDefinitionProps {
  /** Task definition family. */
  readonly family: string;
  /**
   * Task CPU units: a valid Fargate size, or what the GPU instance has free (both checked by
   * the config validation). May be a Terraform number token.
   */
  readonly cpu: number;
  /** Task memory (MiB), checked like the CPU. May be a Terraform number token. */
  readonly memory: number;
  /**
   * Launch types the task definition must be valid for: FARGATE, EC2 for GPU instances of an
   * Auto Scaling group, MANAGED_INSTANCES for ECS Managed Instances (a list token may choose
   * at plan time).
   * @default ["FARGATE"]
   */
  readonly requiresCompatibilities?: string[];
  /** @default "X86_64" */
  readonly cpuArchitecture?: "X86_64" | "ARM64";
  readonly executionRoleArn: string;
  readonly taskRoleArn: string;
  /** The containers; the first is the model server. */
  readonly containers: readonly ContainerDefinition[];
  /** GPUs reserved for the first container, the model server; with an expression, none when it is 0. @default none */
  readonly gpus?: number | HclExpression;
  /** Names of task-scoped scratch volumes the containers mount; an expression is a list Terraform computes. @default none */
  readonly scratchVolumes?: readonly string[] | HclExpression;
}

/**
 * An awsvpc task definition, on Fargate or on GPU instances, with its containers rendered from
 * typed definitions and, for GPU tasks, a GPU resource requirement on the model server.
 */
export class TaskDefinition extends Construct {
  public readonly resource: EcsTaskDefinition;

  constructor(scope: Construct, id: string, props: TaskDefinitionProps) {
    super(scope, id);
    const [server, ...sidecars] = props.containers;
    const volumes = props.scratchVolumes ?? [];
    const containers = props.gpus && server ? [{ ...server, gpus: props.gpus }, ...sidecars] : props.containers;
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
      containerDefinitions: renderContainerDefinitions(containers),
      volume: HclExpression.isHclExpression(volumes) ? undefined : volumes.map((name) => ({ name })),
    });
    if (HclExpression.isHclExpression(volumes)) {
      this.resource.addOverride("dynamic.volume", { for_each: volumes.asString(), content: { name: "${volume.value}" } });
    }
    this.node.defaultChild = this.resource;
  }
}
