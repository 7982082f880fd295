import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { METRICS, PREDICTIVE_METRICS } from "../../../aws/cloudwatch";
import { choose, equals, lookupIn } from "../../../hcl/plan-time";
import { type MetricQuery, stat } from "../../metric";
import type { PolicyKind } from "../../policy-kind";
import type { PreviewAssumptions, SimulatedMetric } from "../../preview-rules";
import { cpuUtilization } from "../cpu";
import { memoryUtilization } from "../memory";
import { requestCountResourceLabel } from "../requests";

/** Preview: a minute's total load in the predictive metric's units (per-task utilization times tasks, or all requests). */
function predictiveLoad(metric: "cpu" | "memory" | "requests", assumptions: PreviewAssumptions): SimulatedMetric {
  if (metric === "requests") return (m) => m.arrivals;
  const perTask = metric === "cpu" ? cpuUtilization(assumptions) : memoryUtilization(assumptions);
  return (m) => {
    const value = perTask(m);
    return value === undefined ? undefined : value * m.readyTasks;
  };
}

/** Predictive scaling on a predefined metric pair; forecast-only unless configured to act. */
export const predictivePolicy: PolicyKind<"predictive"> = {
  type: "predictive",
  description: "predictive scaling from the service's own history",
  synthesize: (context, policy) => {
    const { scope } = context;
    const target = context.target.resource;
    const name = policy.name;
    const onRequests = equals(scope, policy.metric, "requests");
    const raisesMax = equals(scope, policy.maxCapacityBreachBehavior, "IncreaseMaxCapacity");
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
        // Required with IncreaseMaxCapacity and rejected otherwise (resolved in lib/config/resolve.ts).
        ...(raisesMax === false ? {} : { maxCapacityBuffer: choose(scope, raisesMax, policy.maxCapacityBufferPercent!, undefined) }),
        metricSpecification: [
          {
            targetValue: String(policy.target),
            predefinedMetricPairSpecification: {
              predefinedMetricType: lookupIn(scope, PREDICTIVE_METRICS, policy.metric),
              ...(onRequests === false ? {} : { resourceLabel: choose(scope, onRequests, requestCountResourceLabel(context), undefined) }),
            },
          },
        ],
      },
    });
  },
  /**
   * Preview: ForecastOnly changes no capacity, so it is left out. ForecastAndScale holds an hourly
   * minimum of ceil(forecast load / target) from schedulingBufferTime before each hour, the forecast
   * refreshed every 6 hours from up to 14 days of the load (lib/preview/autoscaling.ts).
   */
  previewRules: (context, policy) => {
    const name = policy.name;
    if (policy.mode === "ForecastOnly") return [{ kind: "ignored", name, reason: "ForecastOnly publishes forecasts and changes no capacity" }];
    return [{ kind: "forecast", name, target: policy.target, load: predictiveLoad(policy.metric, context.assumptions), schedulingBufferSeconds: policy.schedulingBufferTimeSeconds }];
  },
  /** The load metric the forecast learns from, per task, against the target. */
  dashboardMetric: (_context, policy) => {
    const byService = { ClusterName: "{cluster}", ServiceName: "{service}" };
    const queries: MetricQuery[] =
      policy.metric === "requests"
        ? [{ id: "m1", label: "Requests per task per minute", stat: stat(METRICS.alb.namespace, METRICS.alb.requestCountPerTarget, { TargetGroup: "{targetGroup}" }, "Sum"), returnData: true }]
        : [{ id: "m1", label: `${policy.metric === "cpu" ? "CPU" : "Memory"} utilization (%)`, stat: stat(METRICS.ecs.namespace, policy.metric === "cpu" ? METRICS.ecs.cpu : METRICS.ecs.memory, byService), returnData: true }];
    return { queries, target: policy.target };
  },
};
