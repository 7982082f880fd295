import { TaskDefinition } from "../../../task/task-definition";
import { type ComputeKind, taskBasics } from "../compute-kind";

/** Fargate tasks, on FARGATE and FARGATE_SPOT by the configured base and weights. */
export const fargateCompute: ComputeKind<"fargate"> = {
  type: "fargate",
  synthesize: (scope, props, compute) => {
    const taskDefinition = new TaskDefinition(scope, "task-definition", {
      ...taskBasics(props),
      cpuArchitecture: props.service.cpuArchitecture,
    });
    return {
      taskDefinition: taskDefinition.resource,
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
