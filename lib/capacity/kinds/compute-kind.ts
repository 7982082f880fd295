import type { EcsServiceConfig } from "@cdktf/provider-aws/lib/ecs-service";
import type { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import type { Construct } from "constructs";
import type { NamingContext } from "../../aws/names";
import type { Cluster } from "../../cluster/cluster";
import type { Network } from "../../network/network";
import type { ContainerDefinition } from "../../task/container-definition";
import type { GpuCapacityProvider } from "../gpu-capacity-provider";
import type { ManagedInstancesCapacityProvider } from "../managed-instances-capacity-provider";
import type { ComputeOf, ComputeSubject, ComputeType } from "./compute";

export interface ServiceComputeProps {
  /** Service name (the key under `services:`). */
  readonly name: string;
  /** The service's task size, CPU architecture and scaling maximum. */
  readonly service: ComputeSubject;
  readonly naming: NamingContext;
  /** Region of the environment. */
  readonly region: string;
  readonly cluster: Cluster;
  readonly network: Network;
  /** Task definition family. */
  readonly family: string;
  readonly executionRoleArn: string;
  readonly taskRoleArn: string;
  /** The containers; with GPU compute the first one, the model server, gets the GPUs. */
  readonly containers: readonly ContainerDefinition[];
  /** Task-scoped scratch volumes. @default none */
  readonly scratchVolumes?: readonly string[];
}

/** What a service's compute gives its ECS service. */
export interface ServiceCompute {
  readonly taskDefinition: EcsTaskDefinition;
  /** Spread into the `EcsService` config: capacity provider strategy, placement, platform version. */
  readonly serviceSettings: Pick<EcsServiceConfig, "capacityProviderStrategy" | "orderedPlacementStrategy" | "platformVersion">;
  /** Whether the task ENIs get public IPs (Fargate only; EC2 task ENIs never do). */
  readonly assignPublicIp: boolean;
  /** The service's own GPU capacity provider, for the GPU kinds. */
  readonly capacity?: GpuCapacityProvider | ManagedInstancesCapacityProvider;
}

/**
 * The Terraform side of a compute kind: the task definition (construct id `task-definition`
 * under `scope`) and whatever capacity the kind needs (id `gpu-capacity`), plus the settings
 * its ECS service needs.
 */
export interface ComputeKind<T extends ComputeType> {
  readonly type: T;
  synthesize(scope: Construct, props: ServiceComputeProps, compute: ComputeOf<T>): ServiceCompute;
}

/** What every task definition takes from the service, whatever its compute. */
export function taskBasics(props: ServiceComputeProps) {
  return {
    family: props.family,
    cpu: props.service.cpu,
    memory: props.service.memory,
    executionRoleArn: props.executionRoleArn,
    taskRoleArn: props.taskRoleArn,
    containers: props.containers,
    scratchVolumes: props.scratchVolumes,
  };
}
