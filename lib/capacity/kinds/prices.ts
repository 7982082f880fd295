import type { ComputeType } from "./compute";
import type { ComputePricer } from "./compute-pricing";
import { priceFargate } from "./fargate/price";
import { priceGpuInstances } from "./gpu/price";

/** How the preview prices each compute kind's tasks. */
export const COMPUTE_PRICES: { readonly [T in ComputeType]: ComputePricer<T> } = {
  fargate: priceFargate,
  gpu: (service, compute, prices) => priceGpuInstances(service, compute, prices),
  "managed-instances": (service, compute, prices) => priceGpuInstances(service, compute, prices),
};
