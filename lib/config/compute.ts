import { z } from "zod";
import { DEFAULT_MANAGED_SCALING } from "./compute-defaults";
import { CAPACITY_RESERVATION_ID, GPU_INSTANCE_TYPE_NAMES, RESOURCE_GROUP_ARN } from "../aws/gpu-instances";
import { int, oneOf, pattern, strict } from "./zod-helpers";

/**
 * Where a service's tasks run: `compute.type` picks Fargate (the default; no GPUs) or EC2 GPU
 * instances behind an ECS capacity provider. Any service kind takes this one field.
 */

export const FargateComputeSchema = strict({
  type: z.literal("fargate").default("fargate").describe("fargate: serverless tasks without GPUs, on FARGATE and FARGATE_SPOT mixed by base and weights."),
  onDemandBase: int("Tasks always placed on FARGATE (on-demand) before weights apply.").min(0, { error: "must be 0 or more" }).max(100000, { error: "must be at most 100000" }).default(0),
  onDemandWeight: int("Relative share of tasks beyond the base on FARGATE.").min(0, { error: "must be 0 or more" }).max(1000, { error: "must be at most 1000" }).default(1),
  spotWeight: int("Relative share of tasks beyond the base on FARGATE_SPOT (interruptible, about 70% cheaper).").min(0, { error: "must be 0 or more" }).max(1000, { error: "must be at most 1000" }).default(0),
});

export const ManagedScalingSchema = strict({
  targetCapacity: int("Instance utilization (%) ECS managed scaling holds; below 100 keeps spare instances running so new tasks start without waiting for one.")
    .min(1, { error: "must be at least 1" })
    .max(100, { error: "must be at most 100 (it is a utilization percentage)" })
    .default(DEFAULT_MANAGED_SCALING.targetCapacity),
  instanceWarmupSeconds: int("Seconds after launch before a new instance counts in the capacity metric (GPU instances boot and pull images slowly). Default: the service's startupSeconds.")
    .min(0, { error: "must be 0 or more" })
    .max(10000, { error: "must be at most 10000" })
    .optional(),
  minimumStepSize: int("Fewest instances launched or terminated in one scaling step.").min(1, { error: "must be at least 1" }).max(10000, { error: "must be at most 10000" }).default(DEFAULT_MANAGED_SCALING.minimumStepSize),
  maximumStepSize: int("Most instances launched or terminated in one scaling step.").min(1, { error: "must be at least 1" }).max(10000, { error: "must be at most 10000" }).default(DEFAULT_MANAGED_SCALING.maximumStepSize),
}).describe("ECS managed scaling of the Auto Scaling group (auto-scaling-group provisioning only). Default: the values below.");

/** Instance type names grouped by family, for messages: `g5.(xlarge, 2xlarge)`. */
function instanceTypeList(): string {
  const families = new Map<string, string[]>();
  for (const name of GPU_INSTANCE_TYPE_NAMES) {
    const [family, size] = name.split(".");
    families.set(family, [...(families.get(family) ?? []), size]);
  }
  return [...families].map(([family, sizes]) => `${family}.(${sizes.join(", ")})`).join(", ");
}

export const PROVISIONING_MODES = ["auto-scaling-group", "managed-instances"] as const;

export const CAPACITY_RESERVATION_PREFERENCES = ["open", "none", "capacity-reservations-only"] as const;

export const CapacityReservationSchema = strict({
  preference: z
    .enum(CAPACITY_RESERVATION_PREFERENCES, { error: `must be one of: ${CAPACITY_RESERVATION_PREFERENCES.join(", ")}` })
    .optional()
    .describe("open: instances use any open reservation that matches; none: never; capacity-reservations-only: only reserved capacity (launches fail without it). Give this or a target (reservationId / resourceGroupArn), not both: AWS takes one option at a time."),
  reservationId: pattern(CAPACITY_RESERVATION_ID, 'an On-Demand Capacity Reservation or Capacity Block id such as "cr-0123456789abcdef0"')
    .optional()
    .describe("Launch into this reservation (one instance type: list only that type in instanceTypes)."),
  resourceGroupArn: pattern(RESOURCE_GROUP_ARN, "a Resource Groups group ARN (arn:aws:resource-groups:<region>:<account>:group/<name>)")
    .optional()
    .describe("Launch into the reservations of this Capacity Reservation group."),
  capacityBlock: z.boolean().default(false).describe("The reservation is a Capacity Block for ML (market type capacity-block): needs reservationId and a single Capacity Block instance type."),
}).describe("On-Demand Capacity Reservations or Capacity Blocks for ML the GPU instances launch into (auto-scaling-group only). Default: none (open reservations are used as EC2 does by default).");

export const WARM_POOL_STATES = ["Stopped", "Running"] as const;

export const WarmPoolSchema = strict({
  minSize: int("Instances kept in the warm pool (booted once, image pulled, then stopped), ready to join faster than a cold launch.")
    .min(0, { error: "must be 0 or more" })
    .max(10000, { error: "must be at most 10000" })
    .default(1),
  maxPreparedCapacity: int("Most instances in the group plus the warm pool. Default: the group maximum (maxInstances).")
    .min(0, { error: "must be 0 or more" })
    .max(10000, { error: "must be at most 10000" })
    .optional(),
  state: z
    .enum(WARM_POOL_STATES, { error: `must be one of: ${WARM_POOL_STATES.join(", ")}` })
    .default("Stopped")
    .describe("Stopped: pay only for the volumes while waiting; Running: pay for the instances, join fastest. (Hibernated is not offered: GPU instance types' hibernation support is limited.)"),
}).describe("An EC2 Auto Scaling warm pool for the GPU instances (auto-scaling-group only, one instance type): start-up is dominated by instance launch and image pull. The agent gets ECS_WARM_POOLS_CHECK=true. Default: none.");

export const GpuComputeSchema = strict({
  type: z.literal("gpu").describe("gpu: EC2 GPU instances that scale with the service through an ECS capacity provider."),
  instanceTypes: z
    .array(z.enum(GPU_INSTANCE_TYPE_NAMES as [string, ...string[]], { error: `must be a supported GPU instance type: ${instanceTypeList()}` }))
    .min(1, { error: "must list at least one GPU instance type" })
    .refine((types) => new Set(types).size === types.length, { error: "lists an instance type twice" })
    .describe("GPU instance types to launch, in order of preference; every one must fit a task (the checks name the smallest)."),
  gpusPerTask: int("GPUs reserved for each task (resourceRequirements type GPU on the service's container).")
    .min(1, { error: "must be at least 1" })
    .max(8, { error: "must be at most 8 (the most GPUs any listed instance type has)" })
    .default(1),
  provisioning: z
    .enum(PROVISIONING_MODES, { error: `must be one of: ${PROVISIONING_MODES.join(", ")}` })
    .default("auto-scaling-group")
    .describe("auto-scaling-group: a launch template and Auto Scaling group you own, scaled by ECS managed scaling. managed-instances: ECS Managed Instances launches, patches and scales the instances (a management fee per instance-hour)."),
  rootVolumeGiB: int("Encrypted root volume of each instance (GiB); it holds the container images, so size it for model images. With managed-instances, the instances' task volume.")
    .min(30, { error: "must be at least 30 (the ECS GPU-optimized AMI's own volume)" })
    .max(16384, { error: "must be at most 16384" })
    .default(100),
  maxInstances: int("Largest size of the Auto Scaling group (auto-scaling-group only). Default: enough instances for scaling.max tasks, plus one so a deployment at full scale can start replacement tasks.")
    .min(1, { error: "must be at least 1" })
    .max(10000, { error: "must be at most 10000" })
    .optional(),
  managedScaling: ManagedScalingSchema.optional(),
  capacityReservation: CapacityReservationSchema.optional(),
  warmPool: WarmPoolSchema.optional(),
});

export const ComputeSchema = oneOf("type", [FargateComputeSchema, GpuComputeSchema], ["fargate", "gpu"]).describe(
  "Where the tasks run: Fargate (default) or EC2 GPU instances.",
);

export type ComputeConfig = z.output<typeof ComputeSchema>;
export type FargateComputeConfig = z.output<typeof FargateComputeSchema>;
export type GpuComputeConfig = z.output<typeof GpuComputeSchema>;
export type ManagedScalingConfig = z.output<typeof ManagedScalingSchema>;
export type CapacityReservationConfig = z.output<typeof CapacityReservationSchema>;
export type WarmPoolConfig = z.output<typeof WarmPoolSchema>;
export type ProvisioningMode = (typeof PROVISIONING_MODES)[number];


const GPU_ONLY_FIELDS = ["instanceTypes", "gpusPerTask", "provisioning", "rootVolumeGiB", "maxInstances", "managedScaling", "capacityReservation", "warmPool"];
const USE_GPU = "use compute: {type: gpu, instanceTypes: [...], gpusPerTask: ...}";

/**
 * The message for an unknown field that an older or mistaken config is likely to hold, in
 * place of a bare "unknown field" (`path` is the object holding `key`); undefined for others.
 */
export function computeFieldHint(path: readonly PropertyKey[], key: string): string | undefined {
  const inService = path.length === 2 && path[0] === "services";
  const inCompute = path.length === 3 && path[0] === "services" && path[2] === "compute";
  if (inService && key === "capacity") {
    return "moved into compute: write compute: {type: fargate, onDemandBase: ..., onDemandWeight: ..., spotWeight: ...} (or compute: {type: gpu, ...} for GPU instances)";
  }
  if (inService && (key === "gpus" || key === "gpusPerTask")) return `GPUs are part of compute; ${USE_GPU}`;
  if (inCompute && GPU_ONLY_FIELDS.includes(key)) return `is a GPU setting, and Fargate has no GPUs; ${USE_GPU}`;
  return undefined;
}
