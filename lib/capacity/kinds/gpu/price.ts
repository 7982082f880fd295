import { GPU_INSTANCE_TYPES, tasksPerInstance } from "../../../aws/gpu-instances";
import { PreviewError } from "../../../preview/errors";
import type { ComputePricer } from "../compute-pricing";

/**
 * GPU instances (either provisioning): on-demand instances of the first listed type the price
 * table has, as many as the tasks need at the tasks each instance holds. ECS Managed Instances
 * adds a management fee per instance-hour that the table does not hold.
 */
export const priceGpuInstances: ComputePricer<"gpu" | "managed-instances"> = (service, compute, prices) => {
  const instanceType = compute.instanceTypes.find((type) => type in prices.gpuInstanceHour);
  if (!instanceType) {
    throw new PreviewError(
      `compute.instanceTypes (${compute.instanceTypes.join(", ")}) has no type with a price in the preview's table (${Object.keys(prices.gpuInstanceHour).join(", ")}); costs cannot be computed`,
    );
  }
  const perInstance = tasksPerInstance(GPU_INSTANCE_TYPES[instanceType], { cpu: service.cpu, memory: service.memory, gpus: compute.gpusPerTask });
  return { kind: "gpu", instanceType, tasksPerInstance: perInstance };
};
