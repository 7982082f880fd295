import type { PriceTable, TaskPricing } from "../../preview/pricing";
import type { ComputeOf, ComputeSubject, ComputeType } from "./compute";

/** The preview side of a compute kind: how its tasks are priced (see lib/preview/pricing.ts). */
export type ComputePricer<T extends ComputeType> = (service: ComputeSubject, compute: ComputeOf<T>, prices: PriceTable) => TaskPricing;
