import { FARGATE_CPU_VALUES, fargateMemoryFor } from "../../../aws/fargate";
import type { FargateComputeConfig } from "../../../config/compute";
import type { Finding } from "../../../config/validate";
import type { ComputeDefinition, ComputeSubject } from "../compute";

/** Fargate: a valid task size, and weights that can place a task. */
export const fargateDefinition: ComputeDefinition<"fargate"> = {
  type: "fargate",
  findings: (service, compute, name) => fargateFindings(service, compute as FargateComputeConfig, (...path) => ["services", name, ...path]),
  resolve: (_service, compute) => {
    const { onDemandBase, onDemandWeight, spotWeight } = compute as FargateComputeConfig;
    return { type: "fargate", onDemandBase, onDemandWeight, spotWeight };
  },
};

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

