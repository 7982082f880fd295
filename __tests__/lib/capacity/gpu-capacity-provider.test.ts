import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { EcsCapacityProvider } from "@cdktf/provider-aws/lib/ecs-capacity-provider";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { ECS_GPU_AMI_PARAMETER } from "../../../lib/capacity/gpu-capacity-provider";
import { configOf, Input, merge, oneResource, resourcesOf, synthEnvironment, TerraformJson, withChat } from "../../helpers";

const PRIVATE_SUBNETS = ["subnet-0000000000000001a", "subnet-0000000000000001b"];
const EXISTING_NETWORK = {
  mode: "existing",
  vpcId: "vpc-0123456789abcdef0",
  publicSubnetIds: ["subnet-0000000000000000a", "subnet-0000000000000000b"],
  privateSubnetIds: PRIVATE_SUBNETS,
};

/**
 * An environment whose chat service runs on GPU capacity, deploying rolling so group sizes are one
 * set of tasks (blue/green's second set: __tests__/stacks/deployments.test.ts).
 */
function gpuEnvironment(compute: Input, chat: Input = {}, env: Input = {}): { synthesized: string; json: TerraformJson } {
  const input = merge(withChat({ cpu: 3072, memory: 12288, deployment: { strategy: "rolling" }, ...chat, compute: { type: "gpu", ...compute } }, { network: EXISTING_NETWORK }), env);
  const synthesized = synthEnvironment(configOf(input));
  return { synthesized, json: JSON.parse(synthesized) as TerraformJson };
}

/** `${type.<logical id>.<attribute>}` of the single resource (or data source) of a type whose path contains `part`. */
function ref(json: TerraformJson, type: string, attribute: string, part = ""): string {
  const data = !json.resource[type];
  const names = Object.keys((data ? json.data?.[type] : json.resource[type]) ?? {}).filter((n) => n.includes(part));
  if (names.length !== 1) throw new Error(`expected one ${type} matching "${part}", found ${names.length}`);
  return `\${${data ? "data." : ""}${type}.${names[0]}.${attribute}}`;
}

/** The text inside `${base64encode("...")}`. */
function userDataText(userData: string): string {
  const match = /^\$\{base64encode\((".*")\)\}$/s.exec(userData);
  if (!match) throw new Error(`user_data is not base64encode("..."): ${userData}`);
  return JSON.parse(match[1]) as string;
}

describe("compute: gpu on one instance type (Auto Scaling group)", () => {
  const { synthesized, json } = gpuEnvironment(
    { instanceTypes: ["g5.xlarge"], gpusPerTask: 1, managedScaling: { targetCapacity: 90, instanceWarmupSeconds: 420, maximumStepSize: 4 } },
    { scaling: { min: 1, max: 6 } },
  );
  const launchTemplate = oneResource(json, "aws_launch_template");

  test("the AMI is the ECS GPU-optimized AMI, looked up at plan time from its public SSM parameter", () => {
    expect(ECS_GPU_AMI_PARAMETER).toBe("/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id");
    expect(synthesized).toHaveDataSourceWithProperties(DataAwsSsmParameter, { name: ECS_GPU_AMI_PARAMETER });
    expect(launchTemplate.image_id).toBe(ref(json, "aws_ssm_parameter", "insecure_value"));
  });

  test("launch template: the one instance type, IMDSv2 required, the hosts' security group", () => {
    expect(synthesized).toHaveResourceWithProperties(LaunchTemplate, {
      name: "acme-test-chat-gpu",
      instance_type: "g5.xlarge",
      metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 },
      vpc_security_group_ids: [ref(json, "aws_security_group", "id", "gpu-capacity")],
      update_default_version: true,
    });
  });

  test("encrypted gp3 root volume, 100 GiB by default", () => {
    expect(launchTemplate.block_device_mappings).toEqual([
      { device_name: "/dev/xvda", ebs: { volume_size: 100, volume_type: "gp3", encrypted: "true", delete_on_termination: "true" } },
    ]);
  });

  test("user data joins the cluster, enables GPUs and reserves the agent's memory, then starts the CloudWatch agent", () => {
    const lines = userDataText(launchTemplate.user_data).split("\n");
    expect(lines.slice(0, 6)).toEqual([
      "#!/bin/bash",
      "cat <<'EOF' >> /etc/ecs/ecs.config",
      `ECS_CLUSTER=${ref(json, "aws_ecs_cluster", "name")}`,
      "ECS_ENABLE_GPU_SUPPORT=true",
      "ECS_RESERVED_MEMORY=256",
      "EOF",
    ]);
    expect(lines[6]).toBe("dnf install -y amazon-cloudwatch-agent || exit 0");
    expect(lines[7]).toMatch(/^echo [A-Za-z0-9+/=]+ \| base64 -d > \/opt\/aws\/amazon-cloudwatch-agent\/etc\/amazon-cloudwatch-agent\.json$/);
    expect(lines.slice(8)).toEqual([
      "/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json",
      "",
    ]);
  });

  test("instance profile whose role has the ECS-for-EC2 and SSM core managed policies", () => {
    const role = oneResource(json, "aws_iam_role", { name: "acme-test-chat-gpu-instance" });
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
    const attached = resourcesOf(json, "aws_iam_role_policy_attachment")
      .filter((a) => a.role === ref(json, "aws_iam_role", "name", "gpu-capacity"))
      .map((a) => a.policy_arn)
      .sort();
    expect(attached).toEqual([
      "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
      "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
    ]);
    expect(synthesized).toHaveResourceWithProperties(IamInstanceProfile, {
      name: "acme-test-chat-gpu-instance",
      role: ref(json, "aws_iam_role", "name", "gpu-capacity"),
    });
    expect(launchTemplate.iam_instance_profile).toEqual({ arn: ref(json, "aws_iam_instance_profile", "arn") });
  });

  test("hosts' security group allows outbound traffic only", () => {
    expect(oneResource(json, "aws_security_group", { name: "acme-test-chat-gpu-hosts" }).vpc_id).toBe(EXISTING_NETWORK.vpcId);
    const hostGroup = ref(json, "aws_security_group", "id", "gpu-capacity");
    expect(resourcesOf(json, "aws_vpc_security_group_ingress_rule").filter((r) => r.security_group_id === hostGroup)).toEqual([]);
    expect(resourcesOf(json, "aws_vpc_security_group_egress_rule").filter((r) => r.security_group_id === hostGroup)).toEqual([
      expect.objectContaining({ ip_protocol: "-1", cidr_ipv4: "0.0.0.0/0" }),
    ]);
  });

  test("Auto Scaling group from 0 in the task subnets, protected from scale-in, tagged AmazonECSManaged", () => {
    expect(synthesized).toHaveResourceWithProperties(AutoscalingGroup, {
      name: "acme-test-chat-gpu",
      min_size: 0,
      vpc_zone_identifier: PRIVATE_SUBNETS,
      protect_from_scale_in: true,
      launch_template: { id: ref(json, "aws_launch_template", "id"), version: "$Latest" },
      tag: [
        { key: "AmazonECSManaged", value: "true", propagate_at_launch: true },
        { key: "Name", value: "acme-test-chat-gpu", propagate_at_launch: true },
      ],
      force_delete: true,
    });
    expect(oneResource(json, "aws_autoscaling_group").mixed_instances_policy).toBeUndefined();
  });

  test("group maximum derived from scaling.max: 6 tasks at 1 per g5.xlarge, plus one spare", () => {
    expect(oneResource(json, "aws_autoscaling_group").max_size).toBe(7);
  });

  test("capacity provider: managed scaling from config, managed termination protection and draining", () => {
    expect(synthesized).toHaveResourceWithProperties(EcsCapacityProvider, {
      name: "acme-test-chat-gpu",
      auto_scaling_group_provider: {
        auto_scaling_group_arn: ref(json, "aws_autoscaling_group", "arn"),
        managed_termination_protection: "ENABLED",
        managed_draining: "ENABLED",
        managed_scaling: { status: "ENABLED", target_capacity: 90, instance_warmup_period: 420, minimum_scaling_step_size: 1, maximum_scaling_step_size: 4 },
      },
    });
    expect(oneResource(json, "aws_ecs_capacity_provider").cluster).toBeUndefined();
  });

  test("the cluster carries the provider alongside FARGATE and FARGATE_SPOT", () => {
    expect(synthesized).toHaveResourceWithProperties(EcsClusterCapacityProviders, {
      capacity_providers: ["FARGATE", "FARGATE_SPOT", ref(json, "aws_ecs_capacity_provider", "name")],
    });
  });

  test("task definition: EC2 compatibility, awsvpc, task CPU and memory, x86_64", () => {
    expect(synthesized).toHaveResourceWithProperties(EcsTaskDefinition, {
      family: "acme-test-chat",
      requires_compatibilities: ["EC2"],
      network_mode: "awsvpc",
      cpu: "3072",
      memory: "12288",
      runtime_platform: { operating_system_family: "LINUX", cpu_architecture: "X86_64" },
    });
  });

  test("the container reserves gpusPerTask GPUs", () => {
    const [container] = JSON.parse(oneResource(json, "aws_ecs_task_definition").container_definitions);
    expect(container.resourceRequirements).toEqual([{ type: "GPU", value: "1" }]);
  });

  test("service: strategy on the provider, spread over zones then binpack, no public IP, no Fargate platform version", () => {
    expect(synthesized).toHaveResourceWithProperties(EcsService, {
      capacity_provider_strategy: [{ capacity_provider: ref(json, "aws_ecs_capacity_provider", "name"), base: 0, weight: 1 }],
      ordered_placement_strategy: [
        { type: "spread", field: "attribute:ecs.availability-zone" },
        { type: "binpack", field: "memory" },
      ],
      network_configuration: expect.objectContaining({ assign_public_ip: false, subnets: PRIVATE_SUBNETS }),
    });
    expect(oneResource(json, "aws_ecs_service").platform_version).toBeUndefined();
  });
});

describe("compute: gpu on several instance types", () => {
  const { json } = gpuEnvironment(
    { instanceTypes: ["g6.12xlarge", "g5.12xlarge"], gpusPerTask: 2, rootVolumeGiB: 200 },
    { cpu: 8192, memory: 32768, scaling: { min: 1, max: 9 } },
  );

  test("mixed-instances policy with the types in order of preference, all on-demand", () => {
    expect(oneResource(json, "aws_autoscaling_group").mixed_instances_policy).toEqual({
      launch_template: {
        launch_template_specification: { launch_template_id: ref(json, "aws_launch_template", "id"), version: "$Latest" },
        override: [{ instance_type: "g6.12xlarge" }, { instance_type: "g5.12xlarge" }],
      },
      instances_distribution: { on_demand_allocation_strategy: "prioritized", on_demand_base_capacity: 0, on_demand_percentage_above_base_capacity: 100 },
    });
  });

  test("the launch template leaves the instance type to the group", () => {
    expect(oneResource(json, "aws_launch_template").instance_type).toBeUndefined();
    expect(oneResource(json, "aws_autoscaling_group").launch_template).toBeUndefined();
  });

  test("root volume size from config", () => {
    expect(oneResource(json, "aws_launch_template").block_device_mappings[0].ebs.volume_size).toBe(200);
  });

  test("group maximum: 9 tasks at 2 per 4-GPU instance need 5, plus one spare", () => {
    expect(oneResource(json, "aws_autoscaling_group").max_size).toBe(6);
  });

  test("each task reserves 2 GPUs", () => {
    expect(JSON.parse(oneResource(json, "aws_ecs_task_definition").container_definitions)[0].resourceRequirements).toEqual([{ type: "GPU", value: "2" }]);
  });
});

describe("compute: gpu with an explicit group maximum", () => {
  test("maxInstances is the group's max_size", () => {
    const { json } = gpuEnvironment({ instanceTypes: ["g6.xlarge"], maxInstances: 10 }, { scaling: { min: 1, max: 4 } });
    expect(oneResource(json, "aws_autoscaling_group").max_size).toBe(10);
  });
});

describe("one GPU capacity provider per service", () => {
  const chat = (withChat({ cpu: 3072, memory: 12288, compute: { type: "gpu", instanceTypes: ["g6.xlarge"] } }).services as Input).chat as Input;
  const vision = merge(chat, { routing: { pathPrefix: "/vision" } });
  const json = JSON.parse(synthEnvironment(configOf(merge(withChat({}), { network: EXISTING_NETWORK, services: { chat, vision } })))) as TerraformJson;

  test("two services with the same GPU shape get a capacity provider, group and launch template each", () => {
    expect(resourcesOf(json, "aws_ecs_capacity_provider").map((p) => p.name).sort()).toEqual(["acme-test-chat-gpu", "acme-test-vision-gpu"]);
    expect(resourcesOf(json, "aws_autoscaling_group").map((g) => g.name).sort()).toEqual(["acme-test-chat-gpu", "acme-test-vision-gpu"]);
    expect(resourcesOf(json, "aws_launch_template").map((t) => t.name).sort()).toEqual(["acme-test-chat-gpu", "acme-test-vision-gpu"]);
  });

  test("each service's strategy names its own provider, and the cluster carries both", () => {
    for (const service of ["chat", "vision"]) {
      const provider = Object.entries(json.resource.aws_ecs_capacity_provider).find(([, p]) => p.name === `acme-test-${service}-gpu`)![0];
      expect(oneResource(json, "aws_ecs_service", { name: service }).capacity_provider_strategy).toEqual([
        { capacity_provider: `\${aws_ecs_capacity_provider.${provider}.name}`, base: 0, weight: 1 },
      ]);
    }
    expect(oneResource(json, "aws_ecs_cluster_capacity_providers").capacity_providers).toHaveLength(4);
  });
});

describe("a GPU service beside a Fargate service", () => {
  const embed = {
    image: "ghcr.io/acme/embedder:0.9.0",
    cpu: 1024,
    memory: 2048,
    routing: { pathPrefix: "/embed" },
    scaling: { min: 1, max: 2, policies: [{ type: "cpu", target: 60 }] },
  };
  const { json } = gpuEnvironment({ instanceTypes: ["g6.xlarge"] }, {}, { services: { embed } });

  test("the Fargate service keeps the default strategy: all FARGATE, no Spot", () => {
    expect(oneResource(json, "aws_ecs_service", { name: "embed" })).toMatchObject({
      capacity_provider_strategy: [
        { capacity_provider: "FARGATE", base: 0, weight: 1 },
        { capacity_provider: "FARGATE_SPOT", base: 0, weight: 0 },
      ],
      platform_version: "LATEST",
    });
    expect(oneResource(json, "aws_ecs_service", { name: "embed" }).ordered_placement_strategy).toBeUndefined();
  });

  test("the Fargate task definition is unchanged", () => {
    expect(oneResource(json, "aws_ecs_task_definition", { family: "acme-test-embed" })).toMatchObject({ requires_compatibilities: ["FARGATE"] });
  });
});

describe("GPU capacity that arrives: reservations, Capacity Blocks, warm pools", () => {
  test("a targeted On-Demand Capacity Reservation in the launch template", () => {
    const { json } = gpuEnvironment({ instanceTypes: ["g6e.2xlarge"], capacityReservation: { reservationId: "cr-0123456789abcdef0" } }, { cpu: 4096, memory: 16384 });
    const template = oneResource(json, "aws_launch_template");
    expect(template.capacity_reservation_specification).toEqual({ capacity_reservation_target: { capacity_reservation_id: "cr-0123456789abcdef0" } });
    expect(template.instance_market_options).toBeUndefined();
  });

  test("a Capacity Reservation group as the target", () => {
    const group = "arn:aws:resource-groups:eu-west-1:123456789012:group/gpu-reservations";
    const { json } = gpuEnvironment({ instanceTypes: ["g6.xlarge", "g5.xlarge"], capacityReservation: { resourceGroupArn: group } });
    expect(oneResource(json, "aws_launch_template").capacity_reservation_specification).toEqual({
      capacity_reservation_target: { capacity_reservation_resource_group_arn: group },
    });
  });

  test("a preference without a target", () => {
    const { json } = gpuEnvironment({ instanceTypes: ["g6.xlarge"], capacityReservation: { preference: "capacity-reservations-only" } });
    expect(oneResource(json, "aws_launch_template").capacity_reservation_specification).toEqual({ capacity_reservation_preference: "capacity-reservations-only" });
  });

  test("a Capacity Block for ML launches with market type capacity-block into its reservation", () => {
    const { json } = gpuEnvironment(
      { instanceTypes: ["p5.48xlarge"], gpusPerTask: 8, capacityReservation: { reservationId: "cr-0fedcba9876543210", capacityBlock: true } },
      { cpu: 65536, memory: 1048576 },
    );
    const template = oneResource(json, "aws_launch_template");
    expect(template.instance_market_options).toEqual({ market_type: "capacity-block" });
    expect(template.capacity_reservation_specification).toEqual({ capacity_reservation_target: { capacity_reservation_id: "cr-0fedcba9876543210" } });
  });

  test("a warm pool of stopped instances, and the agent told to wait for them to leave the pool", () => {
    const { json } = gpuEnvironment({ instanceTypes: ["g6.xlarge"], warmPool: { minSize: 2 } });
    expect(oneResource(json, "aws_autoscaling_group").warm_pool).toEqual({ min_size: 2, max_group_prepared_capacity: 5, pool_state: "Stopped" });
    expect(userDataText(oneResource(json, "aws_launch_template").user_data)).toContain("ECS_WARM_POOLS_CHECK=true\n");
  });

  test("no warm pool: no warm_pool block and no warm-pool check in the user data", () => {
    const { json } = gpuEnvironment({ instanceTypes: ["g6.xlarge"] });
    expect(oneResource(json, "aws_autoscaling_group").warm_pool).toBeUndefined();
    expect(userDataText(oneResource(json, "aws_launch_template").user_data)).not.toContain("ECS_WARM_POOLS_CHECK");
  });
});
