/**
 * NVIDIA GPU instance types used for model inference on ECS, with the numbers the GPU
 * checks need. Every type here is x86_64 and supported by the ECS GPU-optimized AMI
 * (Amazon Linux 2023). Arm64 g5g is left out: there is no ECS GPU-optimized AMI for arm64.
 * Sources: https://aws.amazon.com/ec2/instance-types/ (accelerated computing) and
 * https://docs.aws.amazon.com/batch/latest/userguide/gpu-jobs.html (table of GPU types).
 */
export interface GpuInstanceType {
  /** EC2 instance type, e.g. "g5.xlarge". */
  readonly name: string;
  /** NVIDIA GPUs on the instance. */
  readonly gpus: number;
  /** The GPU model. */
  readonly gpuModel: "T4" | "A10G" | "L4" | "L40S" | "A100" | "H100" | "H200";
  /** Memory of each GPU (GiB). */
  readonly gpuMemoryGiB: number;
  readonly vcpus: number;
  /** Installed memory (GiB). */
  readonly memoryGiB: number;
}

type Row = readonly [name: string, gpus: number, vcpus: number, memoryGiB: number];

function family(gpuModel: GpuInstanceType["gpuModel"], gpuMemoryGiB: number, rows: readonly Row[]): GpuInstanceType[] {
  return rows.map(([name, gpus, vcpus, memoryGiB]) => ({ name, gpus, gpuModel, gpuMemoryGiB, vcpus, memoryGiB }));
}

/** The table, by instance type name. */
export const GPU_INSTANCE_TYPES: Readonly<Record<string, GpuInstanceType>> = Object.fromEntries(
  [
    ...family("T4", 16, [
      ["g4dn.xlarge", 1, 4, 16],
      ["g4dn.2xlarge", 1, 8, 32],
      ["g4dn.4xlarge", 1, 16, 64],
      ["g4dn.8xlarge", 1, 32, 128],
      ["g4dn.16xlarge", 1, 64, 256],
      ["g4dn.12xlarge", 4, 48, 192],
      ["g4dn.metal", 8, 96, 384],
    ]),
    ...family("A10G", 24, [
      ["g5.xlarge", 1, 4, 16],
      ["g5.2xlarge", 1, 8, 32],
      ["g5.4xlarge", 1, 16, 64],
      ["g5.8xlarge", 1, 32, 128],
      ["g5.16xlarge", 1, 64, 256],
      ["g5.12xlarge", 4, 48, 192],
      ["g5.24xlarge", 4, 96, 384],
      ["g5.48xlarge", 8, 192, 768],
    ]),
    ...family("L4", 24, [
      ["g6.xlarge", 1, 4, 16],
      ["g6.2xlarge", 1, 8, 32],
      ["g6.4xlarge", 1, 16, 64],
      ["g6.8xlarge", 1, 32, 128],
      ["g6.16xlarge", 1, 64, 256],
      ["g6.12xlarge", 4, 48, 192],
      ["g6.24xlarge", 4, 96, 384],
      ["g6.48xlarge", 8, 192, 768],
    ]),
    ...family("L40S", 48, [
      ["g6e.xlarge", 1, 4, 32],
      ["g6e.2xlarge", 1, 8, 64],
      ["g6e.4xlarge", 1, 16, 128],
      ["g6e.8xlarge", 1, 32, 256],
      ["g6e.16xlarge", 1, 64, 512],
      ["g6e.12xlarge", 4, 48, 384],
      ["g6e.24xlarge", 4, 96, 768],
      ["g6e.48xlarge", 8, 192, 1536],
    ]),
    ...family("A100", 40, [["p4d.24xlarge", 8, 96, 1152]]),
    ...family("A100", 80, [["p4de.24xlarge", 8, 96, 1152]]),
    ...family("H100", 80, [["p5.48xlarge", 8, 192, 2048]]),
    ...family("H200", 141, [
      ["p5e.48xlarge", 8, 192, 2048],
      ["p5en.48xlarge", 8, 192, 2048],
    ]),
  ].map((type) => [type.name, type]),
);

export const GPU_INSTANCE_TYPE_NAMES: readonly string[] = Object.keys(GPU_INSTANCE_TYPES);

/**
 * Memory (MiB) the ECS agent holds back from tasks: we set `ECS_RESERVED_MEMORY` to this in
 * the instances' user data, so the check and the instances agree. 256 MiB is the figure AWS
 * uses in its example ("Reserving Amazon ECS Linux container instance memory",
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/memory-management.html).
 */
export const ECS_RESERVED_MEMORY_MIB = 256;

/**
 * Share of installed memory the kernel and platform take before the agent registers the
 * instance (same AWS page: an m4.large with 8192 MiB installed registers 7985 MiB, 2.5%).
 * GPU hosts also pin memory for the NVIDIA driver, so the check budgets twice that, 5%.
 * A budget that is too small is the costly mistake: a task that does not fit stays in
 * PROVISIONING while managed scaling launches instances it can never use.
 */
export const PLATFORM_MEMORY_OVERHEAD = 0.05;

/**
 * Task-level CPU bounds of an ECS task on EC2 instances (CPU units): "Supported values are
 * between 128 CPU units (0.125 vCPUs) and 196608 CPU units (192 vCPUs)"
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html, cpu).
 */
export const EC2_TASK_CPU_MIN_UNITS = 128;
export const EC2_TASK_CPU_MAX_UNITS = 196608;

/**
 * The least memory (MiB) a container may have: "The Docker 20.10.0 or later daemon reserves a
 * minimum of 6 MiB of memory for a container. So, don't specify less than 6 MiB"
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html, memory).
 * The model server's container takes the task's memory.
 */
export const EC2_TASK_MEMORY_MIN_MIB = 6;

/** Memory (MiB) the ECS agent offers to tasks on an instance of this type. */
export function taskMemoryAvailableMiB(type: GpuInstanceType): number {
  return Math.floor(type.memoryGiB * 1024 * (1 - PLATFORM_MEMORY_OVERHEAD)) - ECS_RESERVED_MEMORY_MIB;
}

/** CPU units the ECS agent offers to tasks (1024 per vCPU; the agent reserves no CPU). */
export function taskCpuAvailableUnits(type: GpuInstanceType): number {
  return type.vcpus * 1024;
}

/** What one task asks of an instance. */
export interface TaskSize {
  /** CPU units. */
  readonly cpu: number;
  /** Memory (MiB). */
  readonly memory: number;
  readonly gpus: number;
}

/** How many such tasks one instance of this type holds (GPUs, CPU and memory; 0 when none fits). */
export function tasksPerInstance(type: GpuInstanceType, task: TaskSize): number {
  return Math.min(
    Math.floor(type.gpus / task.gpus),
    Math.floor(taskCpuAvailableUnits(type) / task.cpu),
    Math.floor(taskMemoryAvailableMiB(type) / task.memory),
  );
}

/** The listed type with the least of something (first in list order on ties). */
export function leastBy(types: readonly GpuInstanceType[], measure: (type: GpuInstanceType) => number): GpuInstanceType {
  return types.reduce((least, type) => (measure(type) < measure(least) ? type : least));
}

/** How a GPU service's scaling maximum maps onto instances of its listed types. */
export interface GpuCapacityPlan {
  /** The listed type that holds the fewest tasks (the worst case when the group launches it). */
  readonly limitingType: GpuInstanceType;
  /** Tasks one instance of the limiting type holds (0 when a task does not fit it). */
  readonly tasksPerInstance: number;
  /** Instances needed to run `scaling.max` tasks on the limiting type. */
  readonly instancesForMax: number;
  /**
   * The Auto Scaling group maximum: `maxInstances` when given, else `instancesForMax`
   * plus one spare, so a deployment at full scale (minimum healthy 100%) can start a replacement.
   */
  readonly maxSize: number;
}

/** Plans a GPU service's instances from its listed instance types, task size and scaling maximum. */
export function gpuCapacityPlan(
  compute: { readonly instanceTypes: readonly string[]; readonly gpusPerTask: number; readonly maxInstances?: number },
  task: { readonly cpu: number; readonly memory: number },
  scalingMax: number,
): GpuCapacityPlan {
  const size: TaskSize = { cpu: task.cpu, memory: task.memory, gpus: compute.gpusPerTask };
  const types = compute.instanceTypes.map((name) => GPU_INSTANCE_TYPES[name]);
  const limitingType = leastBy(types, (type) => tasksPerInstance(type, size));
  const perInstance = tasksPerInstance(limitingType, size);
  const instancesForMax = perInstance > 0 ? Math.ceil(scalingMax / perInstance) : Infinity;
  return {
    limitingType,
    tasksPerInstance: perInstance,
    instancesForMax,
    maxSize: compute.maxInstances ?? instancesForMax + 1,
  };
}

/**
 * Instance types EC2 Capacity Blocks for ML sell (of the types above): a Capacity Block is a
 * reservation of one such type for a fixed window, launched with market type `capacity-block`.
 * Source: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-capacity-blocks.html
 */
export const CAPACITY_BLOCK_INSTANCE_TYPES: readonly string[] = ["p4d.24xlarge", "p4de.24xlarge", "p5.48xlarge", "p5e.48xlarge", "p5en.48xlarge"];

/** An On-Demand Capacity Reservation id (`cr-` and 17 hex digits). Source: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CapacityReservation.html */
export const CAPACITY_RESERVATION_ID = /^cr-[0-9a-f]{17}$/;

/** A Resource Groups group ARN (a Capacity Reservation group). Source: https://docs.aws.amazon.com/ARG/latest/APIReference/API_Group.html */
export const RESOURCE_GROUP_ARN = /^arn:aws[a-z-]{0,10}:resource-groups:[a-z0-9-]{1,32}:\d{12}:group\/[a-zA-Z0-9_.-]{1,300}$/;
