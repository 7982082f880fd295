import { gpuNames } from "../../../aws/names";
import { ManagedInstancesCapacityProvider } from "../../managed-instances-capacity-provider";
import type { ComputeKind } from "../compute-kind";

/**
 * GPU instances from ECS Managed Instances: a capacity provider that names its cluster itself
 * (so it is not added to the cluster's list), a MANAGED_INSTANCES task definition with the GPUs;
 * ECS places the tasks.
 */
export const managedInstancesCompute: ComputeKind<"managed-instances"> = {
  type: "managed-instances",
  synthesize: (scope, props, compute) => {
    const { name, naming, service, network } = props;
    const capacity = new ManagedInstancesCapacityProvider(scope, "gpu-capacity", {
      name: gpuNames.capacity(naming, name),
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
    });
    return {
      requiresCompatibilities: ["MANAGED_INSTANCES"],
      gpus: compute.gpusPerTask,
      serviceSettings: { capacityProviderStrategy: [{ capacityProvider: capacity.provider.name, base: 0, weight: 1 }] },
      assignPublicIp: false,
      capacity,
    };
  },
};
