import type { ComputePricer } from "../capacity/kinds/compute-pricing";
import { COMPUTE_PRICES } from "../capacity/kinds/prices";
import type { ServiceConfig } from "../config/schema";

/**
 * Prices the preview's costs are computed with: Fargate per vCPU-hour and GB-hour (Linux, x86
 * and ARM, on-demand and Spot) and EC2 GPU instances on-demand per hour, all for us-east-1.
 * Prices change: the table carries its date and sources, and the report prints them.
 */
export interface PriceTable {
  /** When the prices were taken from the sources. */
  readonly asOf: string;
  readonly region: string;
  readonly sources: readonly string[];
  /** Fargate, Linux, per vCPU-hour and per GB-hour, by CPU architecture. */
  readonly fargate: Readonly<Record<"X86_64" | "ARM64", FargateRate>>;
  /** Share of the on-demand price Fargate Spot costs. */
  readonly fargateSpotShare: number;
  /** EC2 on-demand Linux price per instance-hour, for the GPU instance types the table has. */
  readonly gpuInstanceHour: Readonly<Record<string, number>>;
}

export interface FargateRate {
  readonly vcpuHour: number;
  readonly gbHour: number;
}

export const PRICES: PriceTable = {
  asOf: "2026-06",
  region: "us-east-1",
  sources: [
    "https://aws.amazon.com/fargate/pricing/ (Linux/x86 and Linux/ARM, US East (N. Virginia))",
    "https://aws.amazon.com/ec2/pricing/on-demand/ (Linux, US East (N. Virginia))",
  ],
  fargate: {
    X86_64: { vcpuHour: 0.04048, gbHour: 0.004445 },
    ARM64: { vcpuHour: 0.03238, gbHour: 0.00356 },
  },
  // AWS gives Fargate Spot as "up to 70%" below on-demand and publishes a varying Spot rate;
  // the preview takes the advertised 70% discount.
  fargateSpotShare: 0.3,
  gpuInstanceHour: {
    "g5.xlarge": 1.006,
    "g5.2xlarge": 1.212,
    "g5.4xlarge": 1.624,
    "g5.8xlarge": 2.448,
    "g5.12xlarge": 5.672,
    "g5.16xlarge": 4.096,
    "g5.24xlarge": 8.144,
    "g5.48xlarge": 16.288,
    "g6.xlarge": 0.8048,
    "g6.2xlarge": 0.9776,
    "g6.4xlarge": 1.3232,
    "g6.8xlarge": 2.0144,
    "g6.12xlarge": 4.6016,
    "g6.16xlarge": 3.3968,
    "g6.24xlarge": 6.6752,
    "g6.48xlarge": 13.3504,
  },
};

/** How a service's tasks are priced, from its config. */
export type TaskPricing =
  | {
      readonly kind: "fargate";
      readonly architecture: "X86_64" | "ARM64";
      readonly vcpus: number;
      readonly gb: number;
      /** Tasks always on on-demand FARGATE. */
      readonly onDemandBase: number;
      readonly onDemandWeight: number;
      readonly spotWeight: number;
    }
  | {
      readonly kind: "gpu";
      readonly instanceType: string;
      /** Tasks one instance holds (GPUs, CPU and memory after the ECS agent's reservation). */
      readonly tasksPerInstance: number;
    };

/**
 * A service's pricing, from its compute choice: Fargate by size, architecture and capacity
 * strategy; GPU compute as on-demand instances of the first listed type the table prices,
 * as many as the tasks need at the tasks each instance holds.
 */
export function taskPricingOf(service: ServiceConfig, prices: PriceTable = PRICES): TaskPricing {
  const compute = service.compute;
  return (COMPUTE_PRICES[compute.type] as ComputePricer<typeof compute.type>)(service, compute, prices);
}

/**
 * Dollars per hour of `tasks` tasks. Fargate: the first onDemandBase tasks on-demand, the rest
 * split by the weights between on-demand and Spot (as the capacity provider strategy places them).
 */
export function hourlyCost(pricing: TaskPricing, tasks: number, prices: PriceTable = PRICES): number {
  if (tasks <= 0) return 0;
  if (pricing.kind === "gpu") return Math.ceil(tasks / pricing.tasksPerInstance) * prices.gpuInstanceHour[pricing.instanceType];
  const rate = prices.fargate[pricing.architecture];
  const perTask = pricing.vcpus * rate.vcpuHour + pricing.gb * rate.gbHour;
  const base = Math.min(tasks, pricing.onDemandBase);
  const rest = tasks - base;
  const weights = pricing.onDemandWeight + pricing.spotWeight;
  const spot = weights > 0 ? (rest * pricing.spotWeight) / weights : 0;
  return (tasks - spot) * perTask + spot * perTask * prices.fargateSpotShare;
}

/** One line for the report: what a task costs and where the price comes from. */
export function describePricing(pricing: TaskPricing, region: string, prices: PriceTable = PRICES): string {
  const what =
    pricing.kind === "gpu"
      ? `${pricing.instanceType} on-demand $${prices.gpuInstanceHour[pricing.instanceType]}/h, ${pricing.tasksPerInstance} task${pricing.tasksPerInstance === 1 ? "" : "s"} per instance`
      : `Fargate ${pricing.architecture === "ARM64" ? "ARM" : "x86"} ${pricing.vcpus} vCPU ${pricing.gb} GB, $${hourlyCost({ ...pricing, onDemandBase: 1, spotWeight: 0 }, 1, prices).toFixed(4)}/h on-demand` +
        (pricing.spotWeight > 0 ? `, Spot at ${Math.round(prices.fargateSpotShare * 100)}% of it` : "");
  const note = region === prices.region ? "" : ` (${region} prices may differ)`;
  return `prices: ${what}; ${prices.region} as of ${prices.asOf}${note}`;
}
