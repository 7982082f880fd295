import { CAPACITY_BLOCK_INSTANCE_TYPES, gpuCapacityPlan } from "../../../aws/gpu-instances";
import type { Finding } from "../../../config/validate";
import { DEFAULT_MANAGED_SCALING } from "../../../config/compute-defaults";
import type { GpuComputeConfig } from "../../../config/compute";
import type { ComputeDefinition } from "../compute";
import { gpuFitFindings } from "./fit";

/**
 * GPU instances in an Auto Scaling group: every listed type holds a task, `maxInstances` (when
 * given) can run scaling.max tasks, and managed scaling's steps are in order. Resolving derives
 * `maxInstances` from scaling.max (twice that when deployments start a second set of tasks,
 * plus one spare instance) and fills managed scaling.
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
    findings.push(...reservationFindings(compute, at), ...warmPoolFindings(compute, at));
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
  resolve: (service, config, options) => {
    const compute = config as GpuComputeConfig;
    // A blue/green, canary or linear deployment at full scale runs a second full set of tasks.
    const maxInstances = gpuCapacityPlan(compute, service, service.scaling.max * (options.secondSet ? 2 : 1)).maxSize;
    return {
      type: "gpu",
      instanceTypes: compute.instanceTypes,
      gpusPerTask: compute.gpusPerTask,
      rootVolumeGiB: compute.rootVolumeGiB,
      maxInstances,
      managedScaling: {
        ...DEFAULT_MANAGED_SCALING,
        ...compute.managedScaling,
        instanceWarmupSeconds: compute.managedScaling?.instanceWarmupSeconds ?? service.startupSeconds,
      },
      capacityReservation: compute.capacityReservation,
      warmPool: compute.warmPool && { ...compute.warmPool, maxPreparedCapacity: compute.warmPool.maxPreparedCapacity ?? maxInstances },
    };
  },
};

type At = (...path: PropertyKey[]) => PropertyKey[];

/**
 * A reservation is either a preference or a target (AWS takes one option at a time); a
 * reservation id holds one instance type; a Capacity Block needs its id and a Capacity Block type.
 * Source: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_LaunchTemplateCapacityReservationSpecificationRequest.html
 */
function reservationFindings(compute: GpuComputeConfig, at: At): Finding[] {
  const reservation = compute.capacityReservation;
  if (!reservation) return [];
  const findings: Finding[] = [];
  const path = (...rest: PropertyKey[]) => at("compute", "capacityReservation", ...rest);
  const targets = [reservation.reservationId && "reservationId", reservation.resourceGroupArn && "resourceGroupArn"].filter(Boolean) as string[];
  if (targets.length > 1) {
    findings.push({ path: path("resourceGroupArn"), value: reservation.resourceGroupArn, message: "is given with reservationId; target one reservation or one reservation group, not both" });
  }
  if (reservation.preference !== undefined && targets.length > 0) {
    findings.push({
      path: path("preference"),
      value: reservation.preference,
      message: `is given with ${targets.join(" and ")}; AWS takes one option at a time (a preference, or a target): remove preference to launch into the target`,
    });
  }
  if (reservation.preference === undefined && targets.length === 0) {
    findings.push({ path: path(), message: "needs a preference (open, none, capacity-reservations-only) or a target (reservationId or resourceGroupArn)" });
  }
  const types = compute.instanceTypes;
  if (reservation.reservationId && types.length > 1) {
    findings.push({
      path: path("reservationId"),
      value: reservation.reservationId,
      message: `is one reservation, of one instance type, but instanceTypes lists ${types.join(", ")}; list only the reservation's type, or use a resourceGroupArn`,
    });
  }
  if (reservation.capacityBlock) {
    if (!reservation.reservationId) {
      findings.push({ path: path("capacityBlock"), value: true, message: "needs reservationId: the Capacity Block's reservation id (cr-...)" });
    }
    const unsupported = types.filter((type) => !CAPACITY_BLOCK_INSTANCE_TYPES.includes(type));
    if (unsupported.length > 0) {
      findings.push({
        path: at("compute", "instanceTypes"),
        value: unsupported[0],
        message: `${unsupported.join(", ")} ${unsupported.length === 1 ? "is" : "are"} not sold as Capacity Blocks for ML (reservation ${reservation.reservationId ?? "without id"}); Capacity Block types: ${CAPACITY_BLOCK_INSTANCE_TYPES.join(", ")}`,
      });
    }
  }
  return findings;
}

/**
 * A warm pool needs a single instance type (Auto Scaling has no warm pools with a mixed
 * instances policy), no Capacity Block, and a prepared capacity no smaller than its minimum.
 * Sources: https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-warm-pools.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using-warm-pool.html
 */
function warmPoolFindings(compute: GpuComputeConfig, at: At): Finding[] {
  const pool = compute.warmPool;
  if (!pool) return [];
  const findings: Finding[] = [];
  const path = (...rest: PropertyKey[]) => at("compute", "warmPool", ...rest);
  if (compute.instanceTypes.length > 1) {
    findings.push({
      path: path(),
      message: `needs a single instance type: instanceTypes lists ${compute.instanceTypes.join(", ")}, which makes a mixed instances policy, and Auto Scaling groups with one cannot have a warm pool`,
    });
  }
  if (compute.capacityReservation?.capacityBlock) {
    findings.push({ path: path(), message: `cannot hold Capacity Block instances (reservation ${compute.capacityReservation.reservationId ?? "without id"}): a block's instances exist only in its window` });
  }
  if (pool.maxPreparedCapacity !== undefined && pool.maxPreparedCapacity < pool.minSize) {
    findings.push({ path: path("maxPreparedCapacity"), value: pool.maxPreparedCapacity, message: `is less than minSize (${pool.minSize})` });
  }
  if (compute.maxInstances !== undefined && pool.minSize > compute.maxInstances) {
    findings.push({ path: path("minSize"), value: pool.minSize, message: `is more than maxInstances (${compute.maxInstances})` });
  }
  return findings;
}
