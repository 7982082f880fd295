import { EcsCapacityProvider } from "@cdktf/provider-aws/lib/ecs-capacity-provider";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { configOf, oneResource, resourcesOf, synthEnvironment, TerraformJson, withChat } from "../../helpers";

const PRIVATE_SUBNETS = ["subnet-0000000000000001a", "subnet-0000000000000001b"];
const EXISTING_NETWORK = {
  mode: "existing",
  vpcId: "vpc-0123456789abcdef0",
  publicSubnetIds: ["subnet-0000000000000000a", "subnet-0000000000000000b"],
  privateSubnetIds: PRIVATE_SUBNETS,
};

function ref(json: TerraformJson, type: string, attribute: string, match: (name: string) => boolean = () => true): string {
  const names = Object.keys(json.resource[type] ?? {}).filter(match);
  if (names.length !== 1) throw new Error(`expected one ${type}, found ${names.length}`);
  return `\${${type}.${names[0]}.${attribute}}`;
}

describe("compute: gpu with provisioning: managed-instances", () => {
  const synthesized = synthEnvironment(
    configOf(
      withChat(
        {
          cpu: 3072,
          memory: 12288,
          compute: { type: "gpu", provisioning: "managed-instances", instanceTypes: ["g6.xlarge", "g5.xlarge"], gpusPerTask: 1, rootVolumeGiB: 150 },
        },
        { network: EXISTING_NETWORK },
      ),
    ),
  );
  const json = JSON.parse(synthesized) as TerraformJson;
  const infrastructureRole = (name: string) => name.includes("infrastructure-role");

  test("a Managed Instances capacity provider in the cluster, with the infrastructure role and tag propagation", () => {
    expect(synthesized).toHaveResourceWithProperties(EcsCapacityProvider, {
      name: "acme-test-chat-gpu",
      cluster: ref(json, "aws_ecs_cluster", "name"),
      managed_instances_provider: expect.objectContaining({
        infrastructure_role_arn: ref(json, "aws_iam_role", "arn", infrastructureRole),
        propagate_tags: "CAPACITY_PROVIDER",
      }),
    });
  });

  test("instance requirements: NVIDIA GPUs, at least the task's GPUs, vCPUs and memory, among the listed types", () => {
    const template = oneResource(json, "aws_ecs_capacity_provider").managed_instances_provider.instance_launch_template;
    expect(template.instance_requirements).toEqual({
      accelerator_manufacturers: ["nvidia"],
      accelerator_types: ["gpu"],
      accelerator_count: { min: 1 },
      vcpu_count: { min: 3 },
      memory_mib: { min: 12288 },
      allowed_instance_types: ["g6.xlarge", "g5.xlarge"],
    });
  });

  test("instances in the task subnets with the hosts' security group, instance profile and task volume size", () => {
    const template = oneResource(json, "aws_ecs_capacity_provider").managed_instances_provider.instance_launch_template;
    expect(template).toMatchObject({
      ec2_instance_profile_arn: ref(json, "aws_iam_instance_profile", "arn"),
      network_configuration: { subnets: PRIVATE_SUBNETS, security_groups: [ref(json, "aws_security_group", "id", (n) => n.includes("gpu-capacity"))] },
      storage_configuration: { storage_size_gib: 150 },
    });
  });

  test("no launch template or Auto Scaling group", () => {
    expect(resourcesOf(json, "aws_launch_template")).toEqual([]);
    expect(resourcesOf(json, "aws_autoscaling_group")).toEqual([]);
    expect(json.data?.aws_ssm_parameter).toBeUndefined();
  });

  test("the provider is in the cluster's list, as Terraform reads the cluster back, so later plans settle", () => {
    expect(oneResource(json, "aws_ecs_cluster_capacity_providers").capacity_providers).toEqual([
      "FARGATE",
      "FARGATE_SPOT",
      ref(json, "aws_ecs_capacity_provider", "name"),
    ]);
  });

  test("infrastructure role: trusted by ECS, with AWS's Managed Instances infrastructure policy, attached before the provider", () => {
    const role = oneResource(json, "aws_iam_role", { name: "acme-test-chat-ecs-infra" });
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      { Effect: "Allow", Principal: { Service: "ecs.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
    const attachment = Object.entries(json.resource.aws_iam_role_policy_attachment).find(([, a]) => a.role === ref(json, "aws_iam_role", "name", infrastructureRole))!;
    expect(attachment[1].policy_arn).toBe("arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForManagedInstances");
    expect(oneResource(json, "aws_ecs_capacity_provider").depends_on).toEqual([`aws_iam_role_policy_attachment.${attachment[0]}`]);
  });

  test("instance role named ecsInstanceRole-* (the managed policy passes only those), with the Managed Instances instance policy", () => {
    const role = oneResource(json, "aws_iam_role", { name: "ecsInstanceRole-acme-test-chat" });
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal).toEqual({ Service: "ec2.amazonaws.com" });
    expect(resourcesOf(json, "aws_iam_role_policy_attachment").map((a) => a.policy_arn)).toContain(
      "arn:aws:iam::aws:policy/AmazonECSInstanceRolePolicyForManagedInstances",
    );
    expect(synthesized).toHaveResourceWithProperties(IamInstanceProfile, { name: "ecsInstanceRole-acme-test-chat" });
  });

  test("task definition requires MANAGED_INSTANCES and reserves the GPU", () => {
    expect(synthesized).toHaveResourceWithProperties(EcsTaskDefinition, { requires_compatibilities: ["MANAGED_INSTANCES"], network_mode: "awsvpc", cpu: "3072", memory: "12288" });
    expect(JSON.parse(oneResource(json, "aws_ecs_task_definition").container_definitions)[0].resourceRequirements).toEqual([{ type: "GPU", value: "1" }]);
  });

  test("service: strategy on the provider, no placement strategy (Managed Instances places tasks), no public IP", () => {
    const service = oneResource(json, "aws_ecs_service");
    expect(service.capacity_provider_strategy).toEqual([{ capacity_provider: ref(json, "aws_ecs_capacity_provider", "name"), base: 0, weight: 1 }]);
    expect(service.ordered_placement_strategy).toBeUndefined();
    expect(service.network_configuration.assign_public_ip).toBe(false);
  });
});
