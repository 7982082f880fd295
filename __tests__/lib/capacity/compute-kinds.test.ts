import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { Testing, TerraformStack } from "cdktf";
import { GpuCapacityProvider } from "../../../lib/capacity/gpu-capacity-provider";
import { ManagedInstancesCapacityProvider } from "../../../lib/capacity/managed-instances-capacity-provider";
import { computeTypeOf } from "../../../lib/capacity/kinds/compute";
import type { ServiceCompute } from "../../../lib/capacity/kinds/compute-kind";
import { COMPUTE_DEFINITIONS } from "../../../lib/capacity/kinds/definitions";
import { serviceCompute } from "../../../lib/capacity/kinds";
import { Cluster } from "../../../lib/cluster/cluster";
import { ComputeSchema } from "../../../lib/config/compute";
import { Network } from "../../../lib/network/network";
import { TaskDefinition } from "../../../lib/task/task-definition";

/** serviceCompute for a service without a load balancer (as a queue worker would use it), synthesized. */
function build(compute: unknown): { result: ServiceCompute; json: any } {
  const stack = new TerraformStack(Testing.app(), "test");
  const cluster = new Cluster(stack, "cluster", { name: "acme-test" });
  const network = new Network(stack, "network", { config: { mode: "default-vpc" } });
  const service = { cpu: 2048, memory: 8192, cpuArchitecture: "X86_64" as const, scaling: { max: 3 }, startupSeconds: 240 };
  const parsed = ComputeSchema.parse(compute);
  const resolved = COMPUTE_DEFINITIONS[computeTypeOf(parsed)].resolve(service, parsed, { secondSet: false });
  const result = serviceCompute(stack, {
    name: "worker",
    service,
    naming: { project: "acme", environment: "test" },
    region: "eu-west-1",
    cluster,
    network,
  }, resolved);
  // The task definition and ECS service such a caller (ServiceRuntime) would create.
  const taskDefinition = new TaskDefinition(stack, "task-definition", {
    family: "acme-test-worker",
    cpu: service.cpu,
    memory: service.memory,
    requiresCompatibilities: result.requiresCompatibilities,
    cpuArchitecture: result.cpuArchitecture,
    gpus: result.gpus,
    executionRoleArn: "arn:aws:iam::123456789012:role/execution",
    taskRoleArn: "arn:aws:iam::123456789012:role/task",
    containers: [{ name: "worker", image: "ghcr.io/acme/worker:1.0", logs: { logGroup: "/ecs/worker", region: "eu-west-1", streamPrefix: "worker" } }],
    scratchVolumes: ["scratch"],
  });
  new EcsService(stack, "service", { name: "worker", cluster: cluster.cluster.arn, taskDefinition: taskDefinition.resource.arn, ...result.serviceSettings });
  return { result, json: JSON.parse(Testing.synth(stack)) };
}

describe("compute kinds: any service kind gets its task definition and ECS service settings", () => {
  test("Fargate: weights as a strategy, the Fargate platform, public IPs as the network says, no capacity", () => {
    const { result, json } = build({ onDemandBase: 1, spotWeight: 2 });
    expect(result.serviceSettings).toEqual({
      capacityProviderStrategy: [
        { capacityProvider: "FARGATE", base: 1, weight: 1 },
        { capacityProvider: "FARGATE_SPOT", base: 0, weight: 2 },
      ],
      platformVersion: "LATEST",
    });
    expect(result.assignPublicIp).toBe(true);
    expect(result.capacity).toBeUndefined();
    expect(Object.values(json.resource.aws_ecs_task_definition)).toEqual([expect.objectContaining({ requires_compatibilities: ["FARGATE"], volume: [{ name: "scratch" }] })]);
  });

  test("GPU: the service's own provider on the cluster, placement strategy, no public IP", () => {
    const { result, json } = build({ type: "gpu", instanceTypes: ["g6.xlarge"] });
    expect(result.capacity).toBeInstanceOf(GpuCapacityProvider);
    const provider = Object.keys(json.resource.aws_ecs_capacity_provider)[0];
    expect(Object.values(json.resource.aws_ecs_service)).toEqual([
      expect.objectContaining({ capacity_provider_strategy: [{ capacity_provider: `\${aws_ecs_capacity_provider.${provider}.name}`, base: 0, weight: 1 }] }),
    ]);
    expect(result.serviceSettings.orderedPlacementStrategy).toHaveLength(2);
    expect(result.serviceSettings.platformVersion).toBeUndefined();
    expect(result.assignPublicIp).toBe(false);
    expect(Object.values(json.resource.aws_ecs_cluster_capacity_providers)[0]).toMatchObject({
      capacity_providers: ["FARGATE", "FARGATE_SPOT", expect.stringMatching(/^\$\{aws_ecs_capacity_provider\.gpu-capacity_provider_[0-9A-F]+\.name\}$/)],
    });
    expect(Object.values(json.resource.aws_autoscaling_group)).toEqual([expect.objectContaining({ name: "acme-test-worker-gpu", max_size: 4 })]);
  });

  test("GPU on Managed Instances: its provider, no placement strategy (the cluster's list: managed-instances-capacity-provider.test.ts)", () => {
    const { result } = build({ type: "gpu", instanceTypes: ["g6.xlarge"], provisioning: "managed-instances" });
    expect(result.capacity).toBeInstanceOf(ManagedInstancesCapacityProvider);
    expect(result.serviceSettings.orderedPlacementStrategy).toBeUndefined();
  });

  test("GPU task definition keeps the scratch volumes and gives the GPUs to the first container", () => {
    const { json } = build({ type: "gpu", instanceTypes: ["g6.xlarge"], gpusPerTask: 1 });
    const task = Object.values(json.resource.aws_ecs_task_definition)[0] as any;
    expect(task.volume).toEqual([{ name: "scratch" }]);
    expect(JSON.parse(task.container_definitions)[0].resourceRequirements).toEqual([{ type: "GPU", value: "1" }]);
  });
});
