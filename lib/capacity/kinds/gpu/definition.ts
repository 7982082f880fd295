import { gpuCapacityPlan } from "../../../aws/gpu-instances";
import { DEFAULT_MANAGED_SCALING } from "../../../config/compute-defaults";
import type { GpuComputeConfig } from "../../../config/compute";
import type { ComputeDefinition } from "../compute";
import { gpuFitFindings } from "./fit";

/**
 * GPU instances in an Auto Scaling group: every listed type holds a task, `maxInstances` (when
 * given) can run scaling.max tasks, and managed scaling's steps are in order. Resolving derives
 * `maxInstances` from scaling.max (plus one spare for deployments) and fills managed scaling.
 */
export const gpuDefinition: ComputeDefinition<"gpu"> = {
  type: "gpu",
  findings: (service, config, name, naming) => {
    const compute = config as GpuComputeConfig;
    const at = (...path: PropertyKey[]) => ["services", name, ...path];
    const { findings, fits } = gpuFitFindings(service, compute, name, naming, at);
    if (fits) {
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
    return findings;
  },
  resolve: (service, config) => {
    const compute = config as GpuComputeConfig;
    return {
      type: "gpu",
      instanceTypes: compute.instanceTypes,
      gpusPerTask: compute.gpusPerTask,
      rootVolumeGiB: compute.rootVolumeGiB,
      maxInstances: gpuCapacityPlan(compute, service, service.scaling.max).maxSize,
      managedScaling: compute.managedScaling ?? { ...DEFAULT_MANAGED_SCALING },
    };
  },
};
