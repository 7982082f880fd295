import { gpuNames } from "../../../aws/names";
import { ManagedInstancesCapacityProvider } from "../../managed-instances-capacity-provider";
import type { ComputeKind } from "../compute-kind";

/**
 * GPU instances from ECS Managed Instances: a capacity provider that names its cluster itself
 * (and is also listed in the cluster's capacity providers, see below), a MANAGED_INSTANCES task
 * definition with the GPUs; ECS places the tasks.
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
    // ECS associates a Managed Instances provider with its cluster when it is created, and
    // DescribeClusters then lists it among the cluster's providers. aws_ecs_cluster_capacity_providers
    // (provider 6.25) reads that whole list back into capacity_providers, so a list without this
    // provider plans its removal on every run (hashicorp/terraform-provider-aws#46346), and
    // PutClusterCapacityProviders must name every provider already associated with the cluster.
    // Listing it makes the plan settle; ignore_changes on capacity_providers would also hide real
    // changes (a GPU service on an Auto Scaling group added later would never be associated).
    // Caveat: the capacity provider resource returns while ECS still creates the provider; should
    // the first apply stop with "is not in an ACTIVE state" (#45693), running apply again completes it.
    props.cluster.addCapacityProvider(capacity.provider.name);
    return {
      requiresCompatibilities: ["MANAGED_INSTANCES"],
      gpus: compute.gpusPerTask,
      serviceSettings: { capacityProviderStrategy: [{ capacityProvider: capacity.provider.name, base: 0, weight: 1 }] },
      assignPublicIp: false,
      capacity,
    };
  },
};
