import {
  EC2_TASK_CPU_MIN_UNITS,
  EC2_TASK_MEMORY_MIN_MIB,
  ECS_RESERVED_MEMORY_MIB,
  GPU_INSTANCE_TYPES,
  GpuInstanceType,
  leastBy,
  PLATFORM_MEMORY_OVERHEAD,
  taskCpuAvailableUnits,
  taskMemoryAvailableMiB,
} from "../../../aws/gpu-instances";
import { GPU_NAME_LIMITS, gpuNames, NamingContext } from "../../../aws/names";
import type { GpuComputeConfig } from "../../../config/compute";
import type { Finding } from "../../../config/validate";
import type { ComputeSubject } from "../compute";

/** Capacity provider names AWS rejects. */
const RESERVED_CAPACITY_PROVIDER_PREFIXES = ["aws", "ecs", "fargate"];

/**
 * The checks both GPU kinds share: every listed instance type holds one task (GPUs, CPU,
 * memory), x86_64, the capacity provider's name, and the names' lengths for the kind's
 * resources; then the checks of the provisioning mode.
 */
export function gpuFitFindings(
  service: ComputeSubject,
  compute: GpuComputeConfig,
  name: string,
  naming: NamingContext,
  at: (...path: PropertyKey[]) => PropertyKey[],
): { readonly findings: Finding[]; readonly fits: boolean } {
  const findings: Finding[] = [];
  const types = compute.instanceTypes.map((type) => GPU_INSTANCE_TYPES[type]);
  const fits: boolean[] = [];
  const check = (ok: boolean, finding: () => Finding) => {
    fits.push(ok);
    if (!ok) findings.push(finding());
  };

  if (service.cpuArchitecture !== "X86_64") {
    findings.push({
      path: at("cpuArchitecture"),
      value: service.cpuArchitecture,
      message: "GPU instance types run x86_64 (the ECS GPU-optimized AMI has no arm64 build); use X86_64 with compute type gpu",
    });
  }

  const fewestGpus = leastBy(types, (type) => type.gpus);
  check(compute.gpusPerTask <= fewestGpus.gpus, () => ({
    path: at("compute", "gpusPerTask"),
    value: compute.gpusPerTask,
    message: `is more than the ${gpus(fewestGpus.gpus)} of ${fewestGpus.name}, the smallest listed instance type; every listed type must hold a task: lower gpusPerTask or list only types with ${compute.gpusPerTask} or more GPUs`,
  }));

  const fewestCpu = leastBy(types, taskCpuAvailableUnits);
  check(service.cpu >= EC2_TASK_CPU_MIN_UNITS && service.cpu <= taskCpuAvailableUnits(fewestCpu), () => ({
    path: at("cpu"),
    value: service.cpu,
    message:
      service.cpu < EC2_TASK_CPU_MIN_UNITS
        ? `must be at least ${EC2_TASK_CPU_MIN_UNITS} CPU units for a task on EC2 instances`
        : `is more than the ${taskCpuAvailableUnits(fewestCpu)} CPU units (${fewestCpu.vcpus} vCPUs) of ${fewestCpu.name}, the smallest listed instance type by CPU; every listed type must hold a task`,
  }));

  const leastMemory = leastBy(types, taskMemoryAvailableMiB);
  check(service.memory >= EC2_TASK_MEMORY_MIN_MIB && service.memory <= taskMemoryAvailableMiB(leastMemory), () => ({
    path: at("memory"),
    value: service.memory,
    message:
      service.memory < EC2_TASK_MEMORY_MIN_MIB
        ? `must be at least ${EC2_TASK_MEMORY_MIN_MIB} MiB, the least memory Docker gives a container`
        : `is more than the ${taskMemoryAvailableMiB(leastMemory)} MiB ${leastMemory.name} offers tasks (${memoryText(leastMemory)}), the smallest listed instance type by memory; every listed type must hold a task`,
  }));

  const providerName = gpuNames.capacity(naming, name);
  const reserved = RESERVED_CAPACITY_PROVIDER_PREFIXES.find((prefix) => providerName.startsWith(prefix));
  if (reserved) {
    findings.push({
      path: at("compute", "type"),
      value: "gpu",
      message: `makes the ECS capacity provider name "${providerName}", which starts with "${reserved}"; AWS rejects capacity provider names starting with aws, ecs or fargate: rename the project`,
    });
  }
  for (const limit of GPU_NAME_LIMITS.filter((l) => l.provisioning === "both" || l.provisioning === compute.provisioning)) {
    const awsName = limit.name(naming, name);
    if (awsName.length > limit.max) {
      findings.push({
        path: ["services", name],
        message: `the service name makes the ${limit.what} "${awsName}" ${awsName.length} characters long; AWS allows at most ${limit.max}: shorten the service, project or environment name`,
      });
    }
  }
  return { findings, fits: fits.every(Boolean) };
}

function gpus(count: number): string {
  return count === 1 ? "1 GPU" : `${count} GPUs`;
}

function memoryText(type: GpuInstanceType): string {
  return `${type.memoryGiB} GiB installed, less ${PLATFORM_MEMORY_OVERHEAD * 100}% for the kernel and driver and the ECS agent's ${ECS_RESERVED_MEMORY_MIB} MiB reservation`;
}
