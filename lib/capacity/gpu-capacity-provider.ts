import { AutoscalingGroup, AutoscalingGroupConfig } from "@cdktf/provider-aws/lib/autoscaling-group";
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { EcsCapacityProvider } from "@cdktf/provider-aws/lib/ecs-capacity-provider";
import { LaunchTemplate, LaunchTemplateConfig } from "@cdktf/provider-aws/lib/launch-template";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import type { CapacityReservationConfig, ManagedScalingConfig } from "../config/compute";
import { ECS_RESERVED_MEMORY_MIB } from "../aws/gpu-instances";
import { InstanceRole } from "../iam/instance-role";
import { gpuAgentConfig, GPU_HOST_NAMESPACE } from "../metrics/gpu-host-metrics";
import { HostSecurityGroup } from "./host-security-group";

/** Public SSM parameter holding the current ECS GPU-optimized Amazon Linux 2023 AMI id (x86_64). */
export const ECS_GPU_AMI_PARAMETER = "/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id";

/** Root device of the ECS-optimized Amazon Linux 2023 AMIs. */
const ROOT_DEVICE = "/dev/xvda";

export interface GpuCapacityProviderProps {
  /** Name of the capacity provider, launch template and Auto Scaling group. */
  readonly name: string;
  /** Name of the cluster the instances join (`ECS_CLUSTER` in the user data). */
  readonly clusterName: string;
  /** GPU instance types, in order of preference; more than one makes a mixed-instances group. */
  readonly instanceTypes: readonly string[];
  /** Largest size of the Auto Scaling group. */
  readonly maxSize: number;
  /** Root volume size (GiB); it holds the container images. */
  readonly rootVolumeGiB: number;
  readonly managedScaling: ManagedScalingConfig;
  readonly vpcId: string;
  /** Subnets the instances launch in: the tasks' subnets, so the tasks' ENIs can attach. */
  readonly subnetIds: string[];
  readonly hostSecurityGroupName: string;
  /** Name of the instance role and its instance profile. */
  readonly instanceRoleName: string;
  /** Region of the environment (selects the partition of managed policy ARNs). */
  readonly region: string;
  /** @default ECS_GPU_AMI_PARAMETER, the ECS GPU-optimized Amazon Linux 2023 AMI */
  readonly amiParameter?: string;
  /**
   * Capacity Reservations the instances launch into: a preference, or a target (one reservation
   * or a reservation group); a Capacity Block launches with market type `capacity-block`.
   * @default none: EC2's default (open reservations that match are used)
   */
  readonly capacityReservation?: CapacityReservationConfig;
  /**
   * A warm pool of pre-initialized instances (booted, image pulled, then stopped or kept running).
   * @default none
   */
  readonly warmPool?: { readonly minSize: number; readonly maxPreparedCapacity: number; readonly state: "Stopped" | "Running" };
}

/**
 * EC2 GPU capacity for ECS: the ECS GPU-optimized AMI (looked up at plan time) in a launch
 * template with IMDSv2 and an encrypted root volume, an Auto Scaling group from 0 whose
 * instances are protected from scale-in, and a capacity provider whose managed scaling sizes
 * the group to the tasks, with managed termination protection and managed draining.
 */
export class GpuCapacityProvider extends Construct {
  public readonly provider: EcsCapacityProvider;
  public readonly autoScalingGroup: AutoscalingGroup;
  public readonly launchTemplate: LaunchTemplate;
  public readonly instanceRole: InstanceRole;

  constructor(scope: Construct, id: string, props: GpuCapacityProviderProps) {
    super(scope, id);
    const ami = new DataAwsSsmParameter(this, "ami", { name: props.amiParameter ?? ECS_GPU_AMI_PARAMETER });
    const hosts = new HostSecurityGroup(this, "hosts", { name: props.hostSecurityGroupName, vpcId: props.vpcId, owner: props.name });
    this.instanceRole = new InstanceRole(this, "instance-role", {
      name: props.instanceRoleName,
      region: props.region,
      description: "GPU container instances: ECS agent and SSM sessions",
      managedPolicies: ["service-role/AmazonEC2ContainerServiceforEC2Role", "AmazonSSMManagedInstanceCore"],
      // The CloudWatch agent's GPU metrics; PutMetricData has no resource, the namespace condition scopes it.
      statements: [
        {
          Sid: "PublishGpuMetrics",
          Action: "cloudwatch:PutMetricData",
          Resource: "*",
          Condition: { StringEquals: { "cloudwatch:namespace": GPU_HOST_NAMESPACE } },
        },
      ],
    });

    const mixed = props.instanceTypes.length > 1;
    this.launchTemplate = new LaunchTemplate(this, "launch-template", {
      name: props.name,
      description: `GPU container instances of ${props.name}`,
      // insecure_value: the parameter is public and not secret; plans then show the AMI id.
      imageId: ami.insecureValue,
      ...(mixed ? {} : { instanceType: props.instanceTypes[0] }),
      iamInstanceProfile: { arn: this.instanceRole.instanceProfile.arn },
      vpcSecurityGroupIds: [hosts.securityGroup.id],
      // Hop limit 1: tasks use their task roles; only the agent (host network) reads instance metadata.
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
      blockDeviceMappings: [
        {
          deviceName: ROOT_DEVICE,
          ebs: { volumeSize: props.rootVolumeGiB, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
        },
      ],
      userData: Fn.base64encode(`${ecsUserData(props.clusterName, { warmPool: props.warmPool !== undefined })}${gpuAgentUserData()}`),
      ...launchReservation(props.capacityReservation),
      updateDefaultVersion: true,
      tagSpecifications: [
        { resourceType: "instance", tags: { Name: props.name } },
        { resourceType: "volume", tags: { Name: props.name } },
      ],
    });

    const launchTemplate = { id: this.launchTemplate.id, version: "$Latest" };
    const placement: Pick<AutoscalingGroupConfig, "launchTemplate" | "mixedInstancesPolicy"> = mixed
      ? {
          mixedInstancesPolicy: {
            launchTemplate: {
              launchTemplateSpecification: { launchTemplateId: launchTemplate.id, version: launchTemplate.version },
              override: props.instanceTypes.map((instanceType) => ({ instanceType })),
            },
            instancesDistribution: {
              onDemandAllocationStrategy: "prioritized",
              onDemandBaseCapacity: 0,
              onDemandPercentageAboveBaseCapacity: 100,
            },
          },
        }
      : { launchTemplate };
    this.autoScalingGroup = new AutoscalingGroup(this, "group", {
      name: props.name,
      minSize: 0,
      maxSize: props.maxSize,
      vpcZoneIdentifier: props.subnetIds,
      ...placement,
      // ECS managed termination protection needs this: ECS, not the group, picks instances to stop.
      protectFromScaleIn: true,
      healthCheckType: "EC2",
      // Instances are protected from scale-in, so a plain delete would wait for them forever. The ECS
      // service, which depends on this group through its capacity provider, is deleted first.
      forceDelete: true,
      // ECS cannot take instances back into the warm pool on scale-in (ReuseOnScaleIn is not allowed with ECS).
      ...(props.warmPool
        ? { warmPool: { minSize: props.warmPool.minSize, maxGroupPreparedCapacity: props.warmPool.maxPreparedCapacity, poolState: props.warmPool.state } }
        : {}),
      tag: [
        // ECS adds this tag when the capacity provider is created; declaring it keeps Terraform from removing it.
        { key: "AmazonECSManaged", value: "true", propagateAtLaunch: true },
        { key: "Name", value: props.name, propagateAtLaunch: true },
      ],
    });

    const scaling = props.managedScaling;
    this.provider = new EcsCapacityProvider(this, "provider", {
      name: props.name,
      autoScalingGroupProvider: {
        autoScalingGroupArn: this.autoScalingGroup.arn,
        managedTerminationProtection: "ENABLED",
        managedDraining: "ENABLED",
        managedScaling: {
          status: "ENABLED",
          targetCapacity: scaling.targetCapacity,
          instanceWarmupPeriod: scaling.instanceWarmupSeconds,
          minimumScalingStepSize: scaling.minimumStepSize,
          maximumScalingStepSize: scaling.maximumStepSize,
        },
      },
    });
  }
}

/** Where the CloudWatch agent package (Amazon Linux 2023) reads its configuration and keeps its control script. */
const CLOUDWATCH_AGENT = {
  config: "/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json",
  control: "/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl",
} as const;

/**
 * The instances' user data: the ECS agent settings, appended to /etc/ecs/ecs.config. With a warm
 * pool, ECS_WARM_POOLS_CHECK keeps an instance that is being prepared for the pool from joining
 * the cluster. Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using-warm-pool.html
 * {@link gpuAgentUserData} follows it: the CloudWatch agent (the amazon-cloudwatch-agent package
 * of Amazon Linux 2023) with its nvidia_gpu plugin, publishing GPU utilization and memory per
 * instance and per Auto Scaling group to GPU_HOST_NAMESPACE.
 */
export function ecsUserData(clusterName: string, options: { readonly warmPool?: boolean } = {}): string {
  return [
    "#!/bin/bash",
    "cat <<'EOF' >> /etc/ecs/ecs.config",
    `ECS_CLUSTER=${clusterName}`,
    "ECS_ENABLE_GPU_SUPPORT=true",
    `ECS_RESERVED_MEMORY=${ECS_RESERVED_MEMORY_MIB}`,
    ...(options.warmPool ? ["ECS_WARM_POOLS_CHECK=true"] : []),
    "EOF",
    "",
  ].join("\n");
}

/**
 * The user data's second part: the CloudWatch agent with its GPU configuration. The configuration
 * travels base64-encoded: its `${aws:...}` placeholders are the agent's, which Terraform must not
 * read as interpolations, and its quotes stay out of the user data's Terraform string.
 */
export function gpuAgentUserData(): string {
  return [
    "dnf install -y amazon-cloudwatch-agent || exit 0",
    `echo ${Buffer.from(JSON.stringify(gpuAgentConfig())).toString("base64")} | base64 -d > ${CLOUDWATCH_AGENT.config}`,
    `${CLOUDWATCH_AGENT.control} -a fetch-config -m ec2 -s -c file:${CLOUDWATCH_AGENT.config}`,
    "",
  ].join("\n");
}

/** The launch template's Capacity Reservation settings: a preference or a target, and the Capacity Block market. */
function launchReservation(reservation: CapacityReservationConfig | undefined): Pick<LaunchTemplateConfig, "capacityReservationSpecification" | "instanceMarketOptions"> {
  if (!reservation) return {};
  const target =
    reservation.reservationId !== undefined
      ? { capacityReservationId: reservation.reservationId }
      : reservation.resourceGroupArn !== undefined
        ? { capacityReservationResourceGroupArn: reservation.resourceGroupArn }
        : undefined;
  return {
    capacityReservationSpecification: target ? { capacityReservationTarget: target } : { capacityReservationPreference: reservation.preference },
    ...(reservation.capacityBlock ? { instanceMarketOptions: { marketType: "capacity-block" } } : {}),
  };
}
