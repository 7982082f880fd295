import type { ComputeConfig, FargateComputeConfig, GpuComputeConfig } from "./compute";
import { FARGATE_CPU_VALUES, fargateMemoryFor } from "../aws/fargate";
import {
  ECS_RESERVED_MEMORY_MIB,
  GPU_INSTANCE_TYPES,
  gpuCapacityPlan,
  GpuInstanceType,
  leastBy,
  PLATFORM_MEMORY_OVERHEAD,
  taskCpuAvailableUnits,
  taskMemoryAvailableMiB,
} from "../aws/gpu-instances";
import { GPU_NAME_LIMITS, gpuNames, NamingContext } from "../aws/names";
import type { Finding } from "./validate";

/** The fields of a service (of any kind) that the compute checks read. */
export interface ComputeSubject {
  /** Task CPU units. */
  readonly cpu: number;
  /** Task memory (MiB). */
  readonly memory: number;
  readonly cpuArchitecture: "X86_64" | "ARM64";
  readonly compute: ComputeConfig;
  readonly scaling: { readonly max: number };
}

/** ECS task-level CPU bounds on EC2 instances (CPU units). */
const EC2_TASK_CPU_MIN = 128;

/** Capacity provider names AWS rejects. */
const RESERVED_CAPACITY_PROVIDER_PREFIXES = ["aws", "ecs", "fargate"];

/**
 * Checks a service's task size and `compute` section: Fargate sizes and weights, or, for GPU
 * capacity, that every listed instance type holds a task and that scaling.max is reachable.
 * Paths are under `services.<name>`.
 */
export function computeFindings(service: ComputeSubject, name: string, naming: NamingContext): Finding[] {
  const at = (...path: PropertyKey[]) => ["services", name, ...path];
  return service.compute.type === "gpu"
    ? gpuFindings(service, service.compute, name, naming, at)
    : fargateFindings(service, service.compute, at);
}

function fargateFindings(service: ComputeSubject, compute: FargateComputeConfig, at: (...path: PropertyKey[]) => PropertyKey[]): Finding[] {
  const findings: Finding[] = [];
  const memories = fargateMemoryFor(service.cpu);
  if (!memories) {
    findings.push({ path: at("cpu"), value: service.cpu, message: `is not a Fargate CPU size; allowed: ${FARGATE_CPU_VALUES.join(", ")}` });
  } else if (!memories.includes(service.memory)) {
    findings.push({
      path: at("memory"),
      value: service.memory,
      message: `is not a valid Fargate memory size for cpu ${service.cpu}; allowed (MiB): ${memories.join(", ")}`,
    });
  }
  if (compute.onDemandWeight + compute.spotWeight === 0) {
    findings.push({
      path: at("compute"),
      message: "onDemandWeight and spotWeight are both 0; at least one must be positive or no task can be placed",
    });
  }
  return findings;
}

function gpuFindings(
  service: ComputeSubject,
  compute: GpuComputeConfig,
  name: string,
  naming: NamingContext,
  at: (...path: PropertyKey[]) => PropertyKey[],
): Finding[] {
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
  check(service.cpu >= EC2_TASK_CPU_MIN && service.cpu <= taskCpuAvailableUnits(fewestCpu), () => ({
    path: at("cpu"),
    value: service.cpu,
    message:
      service.cpu < EC2_TASK_CPU_MIN
        ? `must be at least ${EC2_TASK_CPU_MIN} CPU units for a task on EC2 instances`
        : `is more than the ${taskCpuAvailableUnits(fewestCpu)} CPU units (${fewestCpu.vcpus} vCPUs) of ${fewestCpu.name}, the smallest listed instance type by CPU; every listed type must hold a task`,
  }));

  const leastMemory = leastBy(types, taskMemoryAvailableMiB);
  check(service.memory <= taskMemoryAvailableMiB(leastMemory), () => ({
    path: at("memory"),
    value: service.memory,
    message: `is more than the ${taskMemoryAvailableMiB(leastMemory)} MiB ${leastMemory.name} offers tasks (${memoryText(leastMemory)}), the smallest listed instance type by memory; every listed type must hold a task`,
  }));

  if (compute.provisioning === "managed-instances") {
    for (const field of ["maxInstances", "managedScaling"] as const) {
      if (compute[field] !== undefined) {
        findings.push({
          path: at("compute", field),
          value: compute[field],
          message: "applies to provisioning: auto-scaling-group only; ECS Managed Instances sizes its instances itself",
        });
      }
    }
  } else if (fits.every(Boolean)) {
    const plan = gpuCapacityPlan(compute, service, service.scaling.max);
    if (compute.maxInstances !== undefined && compute.maxInstances < plan.instancesForMax) {
      findings.push({
        path: at("compute", "maxInstances"),
        value: compute.maxInstances,
        message: `cannot run scaling.max = ${service.scaling.max} tasks: ${plan.limitingType.name} holds ${plan.tasksPerInstance} per instance, so ${plan.instancesForMax} instances are needed; raise maxInstances to at least ${plan.instancesForMax} (one more lets a deployment at full scale start replacements), or leave it out to derive it`,
      });
    }
  }

  const steps = compute.managedScaling;
  if (steps && steps.minimumStepSize > steps.maximumStepSize) {
    findings.push({
      path: at("compute", "managedScaling", "minimumStepSize"),
      value: steps.minimumStepSize,
      message: `is greater than maximumStepSize (${steps.maximumStepSize})`,
    });
  }

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
  return findings;
}

function gpus(count: number): string {
  return count === 1 ? "1 GPU" : `${count} GPUs`;
}

function memoryText(type: GpuInstanceType): string {
  return `${type.memoryGiB} GiB installed, less ${PLATFORM_MEMORY_OVERHEAD * 100}% for the kernel and driver and the ECS agent's ${ECS_RESERVED_MEMORY_MIB} MiB reservation`;
}
