import type { GpuComputeConfig } from "../../../config/compute";
import type { ComputeDefinition } from "../compute";
import { gpuFitFindings } from "../gpu/fit";

/**
 * GPU instances from ECS Managed Instances: every listed type holds a task; the Auto Scaling
 * group settings (`maxInstances`, `managedScaling`) do not apply, since ECS sizes the instances.
 */
export const managedInstancesDefinition: ComputeDefinition<"managed-instances"> = {
  type: "managed-instances",
  findings: (service, config, name, naming) => {
    const compute = config as GpuComputeConfig;
    const at = (...path: PropertyKey[]) => ["services", name, ...path];
    const { findings } = gpuFitFindings(service, compute, name, naming, at);
    for (const field of ["maxInstances", "managedScaling", "capacityReservation", "warmPool"] as const) {
      if (compute[field] !== undefined) {
        findings.push({
          path: at("compute", field),
          value: compute[field],
          message: "applies to provisioning: auto-scaling-group only; ECS Managed Instances sizes its instances itself",
        });
      }
    }
    return findings;
  },
  resolve: (_service, config) => {
    const compute = config as GpuComputeConfig;
    return { type: "managed-instances", instanceTypes: compute.instanceTypes, gpusPerTask: compute.gpusPerTask, rootVolumeGiB: compute.rootVolumeGiB };
  },
};
