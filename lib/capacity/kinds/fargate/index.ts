import type { ComputeKind } from "../compute-kind";

/** Fargate tasks, on FARGATE and FARGATE_SPOT by the configured base and weights. */
export const fargateCompute: ComputeKind<"fargate"> = {
  type: "fargate",
  synthesize: (_scope, props, compute) => {
    return {
      requiresCompatibilities: ["FARGATE"],
      cpuArchitecture: props.service.cpuArchitecture,
      serviceSettings: {
        capacityProviderStrategy: [
          { capacityProvider: "FARGATE", base: compute.onDemandBase, weight: compute.onDemandWeight },
          { capacityProvider: "FARGATE_SPOT", base: 0, weight: compute.spotWeight },
        ],
        platformVersion: "LATEST",
      },
      assignPublicIp: props.network.assignPublicIp,
    };
  },
};
