import { FARGATE_TASK_SIZES } from "../aws/fargate";
import { ECS_RESERVED_MEMORY_MIB, GPU_INSTANCE_TYPES, PLATFORM_MEMORY_OVERHEAD, taskCpuAvailableUnits, taskMemoryAvailableMiB } from "../aws/gpu-instances";
import { NAME_LIMITS } from "../aws/names";
import { code, generatedHeader, table } from "./markdown";

/**
 * `docs/reference/aws-limits.md`: the AWS facts the config checks against (Fargate task
 * sizes, the GPU instance table and what a task may ask of each type, name length limits),
 * from the same tables the validation uses.
 */

/** Memory sizes as ranges where they step evenly: "1024-4096 (step 1024)". */
function memoryRanges(sizes: readonly number[]): string {
  if (sizes.length < 3) return sizes.join(", ");
  const step = sizes[1] - sizes[0];
  const even = sizes.every((size, i) => i === 0 || size - sizes[i - 1] === step);
  return even ? `${sizes[0]}-${sizes[sizes.length - 1]} (step ${step})` : sizes.join(", ");
}

const PLACEHOLDERS = { project: "<project>", environment: "<env>" };

/** The text of `docs/reference/aws-limits.md`. */
export function awsLimitsPage(): string {
  const fargate = table(
    ["`cpu` (units)", "vCPU", "`memory` (MiB)"],
    Object.entries(FARGATE_TASK_SIZES).map(([cpu, sizes]) => [code(cpu), String(Number(cpu) / 1024), memoryRanges(sizes)]),
  );
  const gpus = table(
    ["instance type", "GPUs", "GPU", "GPU memory (GiB)", "vCPUs", "memory (GiB)", "task `cpu` at most", "task `memory` at most (MiB)"],
    Object.values(GPU_INSTANCE_TYPES).map((type) => [
      code(type.name),
      String(type.gpus),
      type.gpuModel,
      String(type.gpuMemoryGiB),
      String(type.vcpus),
      String(type.memoryGiB),
      String(taskCpuAvailableUnits(type)),
      String(taskMemoryAvailableMiB(type)),
    ]),
  );
  const nameLimits = table(
    ["name", "derived as", "AWS limit", "services"],
    NAME_LIMITS.map((limit) => [
      limit.what,
      code(limit.name(PLACEHOLDERS, "<service>")),
      `${limit.max} characters`,
      limit.perService ? (limit.kinds ?? ["web", "worker"]).join(", ") : "(one per environment)",
    ]),
  );
  return [
    generatedHeader("AWS limits the config is checked against", "lib/aws (fargate.ts, gpu-instances.ts, names.ts)"),
    "The validation uses these tables; a value outside them is rejected with the limit in the message.",
    "",
    "## Fargate task sizes",
    "",
    "A service on Fargate (`compute.type: fargate`) takes one of these CPU and memory pairs",
    "([AWS: task CPU and memory](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size)).",
    "",
    fargate,
    "",
    "## GPU instance types",
    "",
    "`compute.instanceTypes` takes these types (x86_64 only: there is no ECS GPU-optimized AMI for arm64).",
    `A task's \`cpu\` may use 1024 units per vCPU; its \`memory\` what the ECS agent offers: installed memory less`,
    `${PLATFORM_MEMORY_OVERHEAD * 100}% for the kernel and NVIDIA driver and the ${ECS_RESERVED_MEMORY_MIB} MiB \`ECS_RESERVED_MEMORY\` the user data sets.`,
    "Every listed type must hold one task: `gpusPerTask`, `cpu` and `memory` are checked against the listed type with the least of each.",
    "",
    gpus,
    "",
    "## Name lengths",
    "",
    "Names are derived from `project`, the environment (the file name) and the service name; the",
    "validation computes each and rejects one AWS would refuse or truncate.",
    "",
    nameLimits,
    "",
  ].join("\n");
}
