import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { PREDICTIVE_METRICS } from "../../config/predictive-metrics";
import type { PolicyKind } from "../policy-kind";
import { requestCountResourceLabel } from "./requests";

/** Predictive scaling on a predefined metric pair; forecast-only unless configured to act. */
export const predictivePolicy: PolicyKind<"predictive"> = {
  type: "predictive",
  description: "predictive scaling from the service's own history",
  synthesize: (context, policy) => {
    const target = context.target.resource;
    const name = policy.name ?? "predictive";
    return new AppautoscalingPolicy(context.scope, `policy-${name}`, {
      name: `${context.namePrefix}-${name}`,
      policyType: "PredictiveScaling",
      serviceNamespace: target.serviceNamespace,
      scalableDimension: target.scalableDimension,
      resourceId: target.resourceId,
      predictiveScalingPolicyConfiguration: {
        mode: policy.mode,
        schedulingBufferTime: policy.schedulingBufferTimeSeconds,
        maxCapacityBreachBehavior: policy.maxCapacityBreachBehavior,
        metricSpecification: [
          {
            targetValue: String(policy.target),
            predefinedMetricPairSpecification: {
              predefinedMetricType: PREDICTIVE_METRICS[policy.metric],
              ...(policy.metric === "requests" ? { resourceLabel: requestCountResourceLabel(context) } : {}),
            },
          },
        ],
      },
    });
  },
};
