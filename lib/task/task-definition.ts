import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { Construct } from "constructs";
import { HclExpression } from "../hcl/hcl-expression";
import { ContainerDefinition, renderContainerDefinitions } from "./container-definition";

/** A task volume besides the scratch volumes. */
export type TaskVolume =
  | { readonly name: string; readonly configureAtLaunch: true }
  | { readonly name: string; readonly efs: { readonly fileSystemId: string; readonly accessPointId?: string } };

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
  /** Other volumes: one the ECS service configures at launch (managed EBS), or an EFS file system. @default none */
  readonly volumes?: readonly TaskVolume[];
  /** Fargate task storage (GiB, 21-200). @default Fargate's 20 GiB */
  readonly ephemeralStorageGiB?: number;
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
    if (HclExpression.isHclExpression(volumes) && props.volumes?.length) throw new Error(`task definition ${props.family}: computed scratch volumes cannot be combined with other volumes`);
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
      volume: HclExpression.isHclExpression(volumes) ? undefined : [...volumes.map((name) => ({ name })), ...(props.volumes ?? []).map(taskVolume)],
      ...(props.ephemeralStorageGiB !== undefined ? { ephemeralStorage: { sizeInGib: props.ephemeralStorageGiB } } : {}),
    });
    if (HclExpression.isHclExpression(volumes)) {
      this.resource.addOverride("dynamic.volume", { for_each: volumes.asString(), content: { name: "${volume.value}" } });
    }
    this.node.defaultChild = this.resource;
  }
}

/** A volume's Terraform block: configured at launch, or EFS with TLS in transit and IAM authorization. */
function taskVolume(volume: TaskVolume) {
  if ("configureAtLaunch" in volume) return { name: volume.name, configureAtLaunch: true };
  const { fileSystemId, accessPointId } = volume.efs;
  return {
    name: volume.name,
    efsVolumeConfiguration: {
      fileSystemId,
      transitEncryption: "ENABLED",
      authorizationConfig: { iam: "ENABLED", ...(accessPointId ? { accessPointId } : {}) },
    },
  };
}
