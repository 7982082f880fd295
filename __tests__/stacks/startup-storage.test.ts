import { stringify } from "yaml";
import { checkEnvironmentText } from "../../lib/config/load";
import { formatProblem } from "../../lib/config/problems";
import { configOf, EXISTING_NETWORK, Input, merge, oneResource, problemsOf, resourcesOf, synthEnvironment, TerraformJson, withChat } from "../helpers";

const FILE_SYSTEM = "arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-0123456789abcdef0";
const ACCESS_POINT = "arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-0123456789abcdef0";

function synth(input: Input): TerraformJson {
  return JSON.parse(synthEnvironment(configOf(input))) as TerraformJson;
}
const gpuChat = (chat: Input = {}, compute: Input = {}) =>
  withChat({ cpu: 3072, memory: 12288, ...chat, compute: { type: "gpu", instanceTypes: ["g6.12xlarge"], ...compute } }, { network: EXISTING_NETWORK });
const container = (json: TerraformJson) => JSON.parse(oneResource(json, "aws_ecs_task_definition").container_definitions)[0];

describe("one start-up time per service", () => {
  test("startupSeconds drives the grace period, the container health check's start period and the preview", () => {
    const config = configOf(withChat({ startupSeconds: 180, containerHealthCheck: { command: "curl -fsS localhost:8080/health" } }));
    const chat = config.services.chat as Extract<typeof config.services.chat, { kind: "web" }>;
    expect([chat.healthCheckGracePeriodSeconds, chat.containerHealthCheck?.startPeriodSeconds, chat.preview.startupSeconds]).toEqual([180, 180, 180]);
  });

  test("the container health check's start period stops at ECS's 300 seconds", () => {
    const chat = configOf(withChat({ startupSeconds: 900, containerHealthCheck: { command: "true" } })).services.chat;
    expect(chat.containerHealthCheck?.startPeriodSeconds).toBe(300);
  });

  test("GPU instances' warm-up in managed scaling follows it too", () => {
    const json = synth(gpuChat({ startupSeconds: 420 }));
    expect(oneResource(json, "aws_ecs_capacity_provider").auto_scaling_group_provider.managed_scaling.instance_warmup_period).toBe(420);
  });

  test("each number can still be set on its own", () => {
    const config = configOf(withChat({ startupSeconds: 180, healthCheckGracePeriodSeconds: 60, preview: { startupSeconds: 200, requestsPerMinute: 60 } }));
    const chat = config.services.chat as Extract<typeof config.services.chat, { kind: "web" }>;
    expect([chat.healthCheckGracePeriodSeconds, chat.preview.startupSeconds]).toEqual([60, 200]);
  });

  test("the synthesized service waits startupSeconds before load balancer health checks count", () => {
    expect(oneResource(synth(withChat({ startupSeconds: 300 })), "aws_ecs_service").health_check_grace_period_seconds).toBe(300);
  });
});

describe("task storage and shared memory", () => {
  test("Fargate ephemeral storage beyond 20 GiB", () => {
    expect(oneResource(synth(withChat({ ephemeralStorageGiB: 120 })), "aws_ecs_task_definition").ephemeral_storage).toEqual({ size_in_gib: 120 });
  });

  test("no ephemeral_storage block when not asked for", () => {
    expect(oneResource(synth(withChat({})), "aws_ecs_task_definition").ephemeral_storage).toBeUndefined();
  });

  test("shared memory for a tensor-parallel GPU server", () => {
    expect(container(synth(gpuChat({ sharedMemoryMiB: 8192 }, { gpusPerTask: 4 }))).linuxParameters).toEqual({ sharedMemorySize: 8192 });
  });

  const warningsOf = (input: Input) => {
    const text = stringify(input);
    const result = checkEnvironmentText(text, "config/test.yaml");
    if (!("config" in result)) throw new Error(result.problems.map(formatProblem).join("\n"));
    return { warnings: result.config.warnings.map(formatProblem), line: text.split("\n").findIndex((l) => l.trim().startsWith("gpusPerTask:")) + 1 };
  };

  test("a tensor-parallel GPU server (gpusPerTask above 1) without sharedMemoryMiB draws a warning at gpusPerTask's line", () => {
    const { warnings, line } = warningsOf(gpuChat({}, { gpusPerTask: 4 }));
    expect(line).toBeGreaterThan(0);
    expect(warnings).toEqual([
      `config/test.yaml:${line}: services.chat.compute.gpusPerTask = 4: splits the model over 4 GPUs, but sharedMemoryMiB is not set: tensor-parallel servers (vLLM, TGI, Triton with NCCL) exchange tensors through /dev/shm, which is 64 MiB by default; set the service's sharedMemoryMiB (several GiB, within the task's 12288 MiB)`,
    ]);
  });

  test("no shared-memory warning with sharedMemoryMiB set, or with one GPU per task", () => {
    expect(warningsOf(gpuChat({ sharedMemoryMiB: 8192 }, { gpusPerTask: 4 })).warnings).toEqual([]);
    expect(warningsOf(gpuChat({}, { gpusPerTask: 1 })).warnings).toEqual([]);
  });
});

describe("model cache volumes", () => {
  test("EBS: a volume per task from a snapshot, configured at launch, mounted writable beside the scratch space", () => {
    const json = synth(withChat({ modelCache: { path: "/models", ebs: { sizeGiB: 200, snapshotId: "snap-0123456789abcdef0", initializationRateMiBps: 300 } } }));
    const task = oneResource(json, "aws_ecs_task_definition");
    expect(task.volume).toEqual([{ name: "scratch-0" }, { name: "model-cache", configure_at_launch: true }]);
    expect(container(json).mountPoints).toEqual([
      { sourceVolume: "scratch-0", containerPath: "/tmp", readOnly: false },
      { sourceVolume: "model-cache", containerPath: "/models", readOnly: false },
    ]);
    expect(container(json).readonlyRootFilesystem).toBe(true);
    const role = Object.entries<any>(json.resource.aws_iam_role).find(([, r]) => r.name === "acme-test-chat-volumes")!;
    expect(oneResource(json, "aws_ecs_service").volume_configuration).toEqual({
      name: "model-cache",
      managed_ebs_volume: {
        role_arn: `\${aws_iam_role.${role[0]}.arn}`,
        size_in_gb: 200,
        volume_type: "gp3",
        encrypted: true,
        file_system_type: "ext4",
        snapshot_id: "snap-0123456789abcdef0",
        volume_initialization_rate: 300,
        tag_specifications: [{ resource_type: "volume", propagate_tags: "SERVICE" }],
      },
    });
  });

  test("EBS: a small gp3 volume takes the 3000 IOPS baseline, which gp3 gives any size", () => {
    expect(problemsOf(withChat({ modelCache: { ebs: { sizeGiB: 1, iops: 3000, throughputMiBps: 750 } } }))).toEqual([]);
  });

  test("EBS: the infrastructure role ECS assumes, with AWS's policy for volumes", () => {
    const json = synth(withChat({ modelCache: { ebs: { sizeGiB: 100 } } }));
    const role = resourcesOf(json, "aws_iam_role").find((r) => r.name === "acme-test-chat-volumes")!;
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal).toEqual({ Service: "ecs.amazonaws.com" });
    expect(resourcesOf(json, "aws_iam_role_policy_attachment").map((a) => a.policy_arn)).toContain("arn:aws:iam::aws:policy/service-role/AmazonECSInfrastructureRolePolicyForVolumes");
  });

  test("EFS: the file system through its access point, TLS and IAM, and a task role that may mount it there", () => {
    const json = synth(withChat({ modelCache: { efs: { fileSystemArn: FILE_SYSTEM, accessPointArn: ACCESS_POINT } } }));
    expect(oneResource(json, "aws_ecs_task_definition").volume[1]).toEqual({
      name: "model-cache",
      efs_volume_configuration: { file_system_id: "fs-0123456789abcdef0", transit_encryption: "ENABLED", authorization_config: { iam: "ENABLED", access_point_id: "fsap-0123456789abcdef0" } },
    });
    expect(oneResource(json, "aws_ecs_service").volume_configuration).toBeUndefined();
    const policy = resourcesOf(json, "aws_iam_role_policy").find((p) => p.name === "task-permissions")!;
    expect(JSON.parse(policy.policy).Statement).toContainEqual({
      Sid: "MountModelCache",
      Effect: "Allow",
      Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
      Resource: [FILE_SYSTEM],
      Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": ACCESS_POINT } },
    });
  });
});

describe("rejected task storage and start-up settings", () => {
  const cases: Array<[string, Input, string]> = [
    ["ephemeral storage under Fargate's 21 GiB", withChat({ ephemeralStorageGiB: 20 }), "services.chat.ephemeralStorageGiB = 20: must be at least 21 (Fargate gives 20 GiB without it)"],
    ["ephemeral storage over 200 GiB", withChat({ ephemeralStorageGiB: 201 }), "services.chat.ephemeralStorageGiB = 201: must be at most 200 (the Fargate limit)"],
    ["ephemeral storage on GPU instances", gpuChat({ ephemeralStorageGiB: 50 }), "services.chat.ephemeralStorageGiB = 50: applies to Fargate tasks only; on GPU instances the tasks use the instance's volume: size it with compute.rootVolumeGiB"],
    ["shared memory on Fargate", withChat({ sharedMemoryMiB: 1024 }), "services.chat.sharedMemoryMiB = 1024: is not available on Fargate (ECS ignores linuxParameters.sharedMemorySize there); use compute type gpu"],
    ["shared memory above the task's memory", gpuChat({ sharedMemoryMiB: 20000 }), "services.chat.sharedMemoryMiB = 20000: is more than the task's memory (12288 MiB); /dev/shm is carved out of it"],
    ["a start period above ECS's 300 seconds", withChat({ containerHealthCheck: { command: "true", startPeriodSeconds: 301 } }), "services.chat.containerHealthCheck.startPeriodSeconds = 301: must be at most 300 (the ECS limit)"],
    ["a model cache with both volumes", withChat({ modelCache: { ebs: { sizeGiB: 10 }, efs: { fileSystemArn: FILE_SYSTEM } } }), "services.chat.modelCache: needs exactly one volume: ebs (a volume per task) or efs (shared by the service's tasks)"],
    ["a model cache without a volume", withChat({ modelCache: { path: "/models" } }), "services.chat.modelCache: needs exactly one volume"],
    ["a model cache at /", withChat({ modelCache: { path: "/", ebs: { sizeGiB: 10 } } }), 'services.chat.modelCache.path = "/": must be a directory below "/" without "." or ".." segments'],
    ["a model cache path with ..", withChat({ modelCache: { path: "/models/../etc", ebs: { sizeGiB: 10 } } }), 'services.chat.modelCache.path = "/models/../etc": must be a directory below "/"'],
    ["a model cache path also writable scratch", withChat({ filesystem: { writablePaths: ["/tmp", "/models"] }, modelCache: { ebs: { sizeGiB: 10 } } }), 'services.chat.modelCache.path = "/models": is also in filesystem.writablePaths'],
    ["an EFS file system in another Region", withChat({ modelCache: { efs: { fileSystemArn: FILE_SYSTEM.replace("eu-west-1", "us-east-1") } } }), "is in us-east-1; tasks mount file systems of their own Region (eu-west-1)"],
    ["a malformed snapshot id", withChat({ modelCache: { ebs: { sizeGiB: 10, snapshotId: "snapshot-1" } } }), 'services.chat.modelCache.ebs.snapshotId = "snapshot-1": must be an EBS snapshot id such as "snap-0123456789abcdef0"'],
    ["more IOPS than gp3 allows for the size", withChat({ modelCache: { ebs: { sizeGiB: 8, iops: 5000 } } }), "services.chat.modelCache.ebs.iops = 5000: is more than gp3 allows for 8 GiB (the 3000 IOPS baseline, or 500 IOPS per GiB above it: at most 4000)"],
    ["more than the gp3 baseline on a small volume", withChat({ modelCache: { ebs: { sizeGiB: 4, iops: 3001 } } }), "services.chat.modelCache.ebs.iops = 3001: is more than gp3 allows for 4 GiB (the 3000 IOPS baseline, or 500 IOPS per GiB above it: at most 3000)"],
    ["more throughput than gp3 allows for the IOPS", withChat({ modelCache: { ebs: { sizeGiB: 100, throughputMiBps: 1000 } } }), "services.chat.modelCache.ebs.throughputMiBps = 1000: is more than gp3 allows for 3000 IOPS (0.25 MiB/s per IOPS: at most 750)"],
    ["an initialization rate without a snapshot", withChat({ modelCache: { ebs: { sizeGiB: 100, initializationRateMiBps: 200 } } }), "services.chat.modelCache.ebs.initializationRateMiBps = 200: applies to a volume created from a snapshot"],
    ["a startupSeconds beyond two hours", withChat({ startupSeconds: 7201 }), "services.chat.startupSeconds = 7201: must be at most 7200"],
  ];

  test.each(cases)("%s", (_name, input, expected) => {
    expect(problemsOf(merge(input, {}))).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });
});
