import type { Construct } from "constructs";
import type { ComputeType, ResolvedCompute } from "./compute";
import type { ComputeKind, ServiceCompute, ServiceComputeProps } from "./compute-kind";
import { fargateCompute } from "./fargate";
import { gpuCompute } from "./gpu";
import { managedInstancesCompute } from "./managed-instances";

/**
 * The Terraform side of every compute kind, by kind. The config side is COMPUTE_DEFINITIONS
 * (`./definitions.ts`), the preview's prices COMPUTE_PRICES (`./prices.ts`).
 */
export const COMPUTE_KINDS: { readonly [T in ComputeType]: ComputeKind<T> } = {
  fargate: fargateCompute,
  gpu: gpuCompute,
  "managed-instances": managedInstancesCompute,
};

/** Builds where a service's tasks run, by its compute kind. */
export function serviceCompute(scope: Construct, props: ServiceComputeProps, compute: ResolvedCompute): ServiceCompute {
  return (COMPUTE_KINDS[compute.type] as ComputeKind<typeof compute.type>).synthesize(scope, props, compute);
}
