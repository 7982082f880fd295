import { gpuNames } from "../../../aws/names";
import { GpuCapacityProvider } from "../../gpu-capacity-provider";
import type { ComputeKind } from "../compute-kind";
import { GPU_TASK_PLACEMENT } from "./placement";

/**
 * GPU instances in the service's own Auto Scaling group and capacity provider (joined to the
 * cluster's list), an EC2 task definition with the GPUs, and tasks placed by
 * {@link GPU_TASK_PLACEMENT}.
 */
export const gpuCompute: ComputeKind<"gpu"> = {
  type: "gpu",
  synthesize: (scope, props, compute) => {
    const { name, naming, network } = props;
    const capacity = new GpuCapacityProvider(scope, "gpu-capacity", {
      name: gpuNames.capacity(naming, name),
      clusterName: props.cluster.cluster.name,
      instanceTypes: compute.instanceTypes,
      maxSize: compute.maxInstances,
      rootVolumeGiB: compute.rootVolumeGiB,
      managedScaling: compute.managedScaling,
      capacityReservation: compute.capacityReservation,
      warmPool: compute.warmPool,
      vpcId: network.vpcId,
      subnetIds: network.taskSubnetIds,
      hostSecurityGroupName: gpuNames.hostSecurityGroup(naming, name),
      instanceRoleName: gpuNames.instanceRole(naming, name),
      region: props.region,
    });
    props.cluster.addCapacityProvider(capacity.provider.name);
    return {
      requiresCompatibilities: ["EC2"],
      gpus: compute.gpusPerTask,
      serviceSettings: {
        capacityProviderStrategy: [{ capacityProvider: capacity.provider.name, base: 0, weight: 1 }],
        orderedPlacementStrategy: GPU_TASK_PLACEMENT.map((strategy) => ({ ...strategy })),
      },
      assignPublicIp: false,
      capacity,
    };
  },
};
