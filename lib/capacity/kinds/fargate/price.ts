import type { ComputePricer } from "../compute-pricing";

/** Fargate: per vCPU-hour and GB-hour of the task size, on-demand and Spot split as the capacity provider strategy places tasks. */
export const priceFargate: ComputePricer<"fargate"> = (service, compute) => ({
  kind: "fargate",
  architecture: service.cpuArchitecture,
  vcpus: service.cpu / 1024,
  gb: service.memory / 1024,
  onDemandBase: compute.onDemandBase,
  onDemandWeight: compute.onDemandWeight,
  spotWeight: compute.spotWeight,
});
