import type { EcsServiceConfig } from "@cdktf/provider-aws/lib/ecs-service";
import type { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { Construct } from "constructs";
import type { Cluster } from "../cluster/cluster";
import type { ComputeConfig, GpuComputeConfig } from "../config/compute";
import { DEFAULT_MANAGED_SCALING } from "../config/compute-defaults";
import { gpuCapacityPlan } from "../aws/gpu-instances";
import { gpuNames, NamingContext } from "../aws/names";
import type { Network } from "../network/network";
import type { ContainerDefinition } from "../task/container-definition";
import { TaskDefinition } from "../task/task-definition";
import { GpuCapacityProvider } from "./gpu-capacity-provider";
import { ManagedInstancesCapacityProvider } from "./managed-instances-capacity-provider";

export interface ServiceComputeProps {
  /** Service name (the key under `services:`). */
  readonly name: string;
  /** The service's task size, compute choice and scaling maximum (any service kind). */
  readonly service: {
    readonly cpu: number;
    readonly memory: number;
    readonly cpuArchitecture: "X86_64" | "ARM64";
    readonly compute: ComputeConfig;
    readonly scaling: { readonly max: number };
  };
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

/** What a service's compute choice gives its ECS service. */
export interface ServiceCompute {
  readonly taskDefinition: EcsTaskDefinition;
  /** Spread into the `EcsService` config: capacity provider strategy, placement, platform version. */
  readonly serviceSettings: Pick<EcsServiceConfig, "capacityProviderStrategy" | "orderedPlacementStrategy" | "platformVersion">;
  /** Whether the task ENIs get public IPs (Fargate only; EC2 task ENIs never do). */
  readonly assignPublicIp: boolean;
  /** The service's GPU capacity provider, for `compute: gpu`. */
  readonly capacity?: GpuCapacityProvider | ManagedInstancesCapacityProvider;
}

/**
 * Builds where a service's tasks run, for any service kind: the task definition (construct id
 * `task-definition` under `scope`) and, for `compute: gpu`, the service's own GPU capacity
 * provider (id `gpu-capacity`, attached to the cluster), plus the settings its ECS service needs.
 */
export function serviceCompute(scope: Construct, props: ServiceComputeProps): ServiceCompute {
  const { compute } = props.service;
  if (compute.type === "gpu") return gpuCompute(scope, props, compute);

  const taskDefinition = new TaskDefinition(scope, "task-definition", {
    ...taskBasics(props),
    cpuArchitecture: props.service.cpuArchitecture,
  });
  return {
    taskDefinition: taskDefinition.resource,
    serviceSettings: {
      capacityProviderStrategy: [
        { capacityProvider: "FARGATE", base: compute.onDemandBase, weight: compute.onDemandWeight },
        { capacityProvider: "FARGATE_SPOT", base: 0, weight: compute.spotWeight },
      ],
      platformVersion: "LATEST",
    },
    assignPublicIp: props.network.assignPublicIp,
  };
}

/** What every task definition takes from the service, whatever its compute. */
function taskBasics(props: ServiceComputeProps) {
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

function gpuCompute(scope: Construct, props: ServiceComputeProps, compute: GpuComputeConfig): ServiceCompute {
  const { name, naming, service, network } = props;
  const managed = compute.provisioning === "managed-instances";
  const capacityName = gpuNames.capacity(naming, name);
  const capacity = managed
    ? new ManagedInstancesCapacityProvider(scope, "gpu-capacity", {
        name: capacityName,
        clusterName: props.cluster.cluster.name,
        instanceTypes: compute.instanceTypes,
        minimum: { gpus: compute.gpusPerTask, vcpus: Math.ceil(service.cpu / 1024), memoryMiB: service.memory },
        storageGiB: compute.rootVolumeGiB,
        vpcId: network.vpcId,
        subnetIds: network.taskSubnetIds,
        hostSecurityGroupName: gpuNames.hostSecurityGroup(naming, name),
        instanceRoleName: gpuNames.managedInstanceRole(naming, name),
        infrastructureRoleName: gpuNames.infrastructureRole(naming, name),
        region: props.region,
      })
    : new GpuCapacityProvider(scope, "gpu-capacity", {
        name: capacityName,
        clusterName: props.cluster.cluster.name,
        instanceTypes: compute.instanceTypes,
        maxSize: gpuCapacityPlan(compute, service, service.scaling.max).maxSize,
        rootVolumeGiB: compute.rootVolumeGiB,
        managedScaling: compute.managedScaling ?? DEFAULT_MANAGED_SCALING,
        vpcId: network.vpcId,
        subnetIds: network.taskSubnetIds,
        hostSecurityGroupName: gpuNames.hostSecurityGroup(naming, name),
        instanceRoleName: gpuNames.instanceRole(naming, name),
        region: props.region,
      });
  // Auto Scaling group providers join the cluster's list; Managed Instances providers name their cluster themselves.
  if (!managed) props.cluster.addCapacityProvider(capacity.provider.name);

  const taskDefinition = new TaskDefinition(scope, "task-definition", {
    ...taskBasics(props),
    requiresCompatibilities: [managed ? "MANAGED_INSTANCES" : "EC2"],
    gpus: compute.gpusPerTask,
  });
  return {
    taskDefinition: taskDefinition.resource,
    serviceSettings: {
      capacityProviderStrategy: [{ capacityProvider: capacity.provider.name, base: 0, weight: 1 }],
      // Spread tasks over zones, then fill instances before starting new ones. Managed Instances places tasks itself.
      ...(managed
        ? {}
        : {
            orderedPlacementStrategy: [
              { type: "spread", field: "attribute:ecs.availability-zone" },
              { type: "binpack", field: "memory" },
            ],
          }),
    },
    assignPublicIp: false,
    capacity,
  };
}
