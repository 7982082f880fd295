import type { ComputeDefinition, ComputeType } from "./compute";
import { fargateDefinition } from "./fargate/definition";
import { gpuDefinition } from "./gpu/definition";
import { managedInstancesDefinition } from "./managed-instances/definition";

/**
 * The config side of every compute kind (validation and resolution), by kind. The Terraform
 * side is COMPUTE_KINDS (`./index.ts`), the preview's prices COMPUTE_PRICES (`./prices.ts`).
 */
export const COMPUTE_DEFINITIONS: { readonly [T in ComputeType]: ComputeDefinition<T> } = {
  fargate: fargateDefinition,
  gpu: gpuDefinition,
  "managed-instances": managedInstancesDefinition,
};
