import { EcsCapacityProvider } from "@cdktf/provider-aws/lib/ecs-capacity-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";
import { InstanceRole } from "../iam/instance-role";
import { assumeRolePolicy, partitionOf } from "../iam/policy-document";
import { HostSecurityGroup } from "./host-security-group";

export interface ManagedInstancesCapacityProviderProps {
  /** Capacity provider name. */
  readonly name: string;
  /** The cluster the provider belongs to (Managed Instances providers are created in a cluster). */
  readonly clusterName: string;
  /** The instance types ECS may launch (allowed_instance_types). */
  readonly instanceTypes: readonly string[];
  /** What each instance must have: at least one task's GPUs, vCPUs and memory. */
  readonly minimum: { readonly gpus: number; readonly vcpus: number; readonly memoryMiB: number };
  /** Size of each instance's task volume (GiB); it holds the container images. */
  readonly storageGiB: number;
  readonly vpcId: string;
  /** Subnets the instances launch in (the tasks' subnets). */
  readonly subnetIds: string[];
  readonly hostSecurityGroupName: string;
  /** Instance role and profile name; must start with `ecsInstanceRole` for AWS's managed infrastructure policy. */
  readonly instanceRoleName: string;
  /** The role ECS assumes to launch and terminate the instances. */
  readonly infrastructureRoleName: string;
  /** Region of the environment (selects the partition of managed policy ARNs). */
  readonly region: string;
}

/**
 * GPU capacity from ECS Managed Instances: ECS picks, launches, patches and scales NVIDIA
 * instances matching the requirements, in place of a launch template and Auto Scaling group.
 * The provider names its cluster itself; the compute kind also lists it in the cluster's capacity
 * providers, which is how Terraform reads the cluster back (lib/capacity/kinds/managed-instances).
 */
export class ManagedInstancesCapacityProvider extends Construct {
  public readonly provider: EcsCapacityProvider;
  public readonly infrastructureRole: IamRole;
  public readonly instanceRole: InstanceRole;

  constructor(scope: Construct, id: string, props: ManagedInstancesCapacityProviderProps) {
    super(scope, id);
    const partition = partitionOf(props.region);
    const hosts = new HostSecurityGroup(this, "hosts", { name: props.hostSecurityGroupName, vpcId: props.vpcId, owner: props.name });
    this.instanceRole = new InstanceRole(this, "instance-role", {
      name: props.instanceRoleName,
      region: props.region,
      description: "ECS Managed Instances: the ECS agent on the instances",
      managedPolicies: ["AmazonECSInstanceRolePolicyForManagedInstances"],
    });
    this.infrastructureRole = new IamRole(this, "infrastructure-role", {
      name: props.infrastructureRoleName,
      description: "ECS Managed Instances: launch, patch and terminate the GPU instances",
      assumeRolePolicy: assumeRolePolicy("ecs.amazonaws.com"),
    });
    const infrastructurePolicy = new IamRolePolicyAttachment(this, "infrastructure-policy", {
      role: this.infrastructureRole.name,
      policyArn: `arn:${partition}:iam::aws:policy/AmazonECSInfrastructureRolePolicyForManagedInstances`,
    });

    this.provider = new EcsCapacityProvider(this, "provider", {
      name: props.name,
      cluster: props.clusterName,
      managedInstancesProvider: {
        infrastructureRoleArn: this.infrastructureRole.arn,
        propagateTags: "CAPACITY_PROVIDER",
        instanceLaunchTemplate: {
          ec2InstanceProfileArn: this.instanceRole.instanceProfile.arn,
          networkConfiguration: { subnets: props.subnetIds, securityGroups: [hosts.securityGroup.id] },
          storageConfiguration: { storageSizeGib: props.storageGiB },
          instanceRequirements: {
            acceleratorManufacturers: ["nvidia"],
            acceleratorTypes: ["gpu"],
            acceleratorCount: { min: props.minimum.gpus },
            vcpuCount: { min: props.minimum.vcpus },
            memoryMib: { min: props.minimum.memoryMiB },
            allowedInstanceTypes: [...props.instanceTypes],
          },
        },
      },
      tags: { Name: props.name },
      // ECS checks the role's permissions when the provider is created.
      dependsOn: [infrastructurePolicy],
    });
  }
}
