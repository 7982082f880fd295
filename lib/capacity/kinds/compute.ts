import type { Finding } from "../../config/validate";
import type { CapacityReservationConfig, ComputeConfig, ManagedScalingConfig, WarmPoolConfig } from "../../config/compute";
import type { NamingContext } from "../../aws/names";

/**
 * Compute kinds: where a service's tasks run. The config's `compute.type` (fargate | gpu) and,
 * for GPUs, `provisioning` pick one; each kind is resolved, validated, synthesized and priced by
 * its own folder under `lib/capacity/kinds/`. This file holds only types, so the validator, the
 * constructs and the preview can all use it.
 */
export type ComputeType = "fargate" | "gpu" | "managed-instances";

/** Fargate and Fargate Spot, mixed by a base and weights. */
export interface FargateCompute {
  readonly type: "fargate";
  readonly onDemandBase: number;
  readonly onDemandWeight: number;
  readonly spotWeight: number;
}

/** What both GPU kinds take from the config. */
interface GpuComputeBase {
  readonly instanceTypes: readonly string[];
  readonly gpusPerTask: number;
  readonly rootVolumeGiB: number;
}

/** GPU instances in an Auto Scaling group the stack owns, scaled by ECS managed scaling. */
export interface GpuCompute extends GpuComputeBase {
  readonly type: "gpu";
  /** The Auto Scaling group's maximum, derived from scaling.max when the config leaves it out. */
  readonly maxInstances: number;
  /** Managed scaling, its instance warm-up the service's startupSeconds unless set. */
  readonly managedScaling: Omit<ManagedScalingConfig, "instanceWarmupSeconds"> & { readonly instanceWarmupSeconds: number };
  /** Capacity Reservations or a Capacity Block the instances launch into; undefined: none. */
  readonly capacityReservation: CapacityReservationConfig | undefined;
  /** The group's warm pool, its prepared capacity resolved; undefined: none. */
  readonly warmPool: (Omit<WarmPoolConfig, "maxPreparedCapacity"> & { readonly maxPreparedCapacity: number }) | undefined;
}

/** GPU instances that ECS Managed Instances launches, patches and scales. */
export interface ManagedInstancesCompute extends GpuComputeBase {
  readonly type: "managed-instances";
}

/** A service's compute with every default resolved. */
export type ResolvedCompute = FargateCompute | GpuCompute | ManagedInstancesCompute;

export type ComputeOf<T extends ComputeType> = Extract<ResolvedCompute, { type: T }>;

/** The fields of a service (of any kind) that compute kinds read. */
export interface ComputeSubject {
  /** Seconds from a task's launch until it serves (the default of GPU instances' warm-up). */
  readonly startupSeconds: number;
  /** Task CPU units. */
  readonly cpu: number;
  /** Task memory (MiB). */
  readonly memory: number;
  readonly cpuArchitecture: "X86_64" | "ARM64";
  readonly scaling: { readonly max: number };
}

/**
 * The config side of a compute kind: resolving its defaults and checking it. Loaded by the
 * validation worker, so it never imports cdktf or the provider.
 */
export interface ComputeDefinition<T extends ComputeType> {
  readonly type: T;
  /** Problems of a service's task size and compute section (paths under `services.<name>`). */
  findings(service: ComputeSubject, compute: ComputeConfig, name: string, naming: NamingContext): Finding[];
  /**
   * The compute with every default resolved; called only on a config without findings.
   * `secondSet`: deployments start a full second set of tasks (blue/green, canary, linear).
   */
  resolve(service: ComputeSubject, compute: ComputeConfig, options: { readonly secondSet: boolean }): ComputeOf<T>;
}

/** The kind a config's compute section selects. */
export function computeTypeOf(compute: ComputeConfig): ComputeType {
  if (compute.type === "fargate") return "fargate";
  return compute.provisioning === "managed-instances" ? "managed-instances" : "gpu";
}
