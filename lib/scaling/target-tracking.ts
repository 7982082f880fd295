import {
  AppautoscalingPolicy,
  AppautoscalingPolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecification as PredefinedMetric,
} from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { isPlanTimeQueries, MetricQueries, MetricQuery, trackingMetrics, trackingMetricsBlock } from "./metric";
import type { PolicyContext } from "./policy-kind";
import type { SimulatedMetric, TargetTrackingRule } from "./preview-rules";

/** Fields every target tracking policy config has. */
export interface TargetTrackingSettings {
  readonly type: string;
  /** The policy's name (resolved: its type unless the config names it). */
  readonly name: string;
  readonly scaleInCooldownSeconds: number;
  readonly scaleOutCooldownSeconds: number;
  readonly disableScaleIn: boolean;
}

/**
 * Creates a TargetTrackingScaling policy on the context's scalable target, on a predefined
 * metric or on metric queries (queries Terraform builds at plan time become a dynamic block).
 */
export function targetTrackingPolicy(
  context: PolicyContext,
  settings: TargetTrackingSettings,
  targetValue: number,
  metric: { readonly predefined: PredefinedMetric } | { readonly queries: MetricQueries },
): AppautoscalingPolicy {
  const target = context.target.resource;
  const name = settings.name;
  const planTime = "queries" in metric && isPlanTimeQueries(metric.queries) ? metric.queries : undefined;
  const policy = new AppautoscalingPolicy(context.scope, `policy-${name}`, {
    name: `${context.namePrefix}-${name}`,
    policyType: "TargetTrackingScaling",
    serviceNamespace: target.serviceNamespace,
    scalableDimension: target.scalableDimension,
    resourceId: target.resourceId,
    targetTrackingScalingPolicyConfiguration: {
      targetValue,
      scaleInCooldown: settings.scaleInCooldownSeconds,
      scaleOutCooldown: settings.scaleOutCooldownSeconds,
      disableScaleIn: settings.disableScaleIn,
      ...("predefined" in metric
        ? { predefinedMetricSpecification: metric.predefined }
        : { customizedMetricSpecification: planTime ? {} : { metrics: trackingMetrics(metric.queries as readonly MetricQuery[], context.placeholders) } }),
    },
  });
  if (planTime) {
    policy.addOverride(
      "target_tracking_scaling_policy_configuration.customized_metric_specification.dynamic.metrics",
      trackingMetricsBlock(context.scope, planTime, context.placeholders),
    );
  }
  return policy;
}

/** The preview's rule for a target tracking policy: the same settings and target as {@link targetTrackingPolicy}, on a simulated metric. */
export function targetTrackingRule(settings: TargetTrackingSettings, targetValue: number, metric: SimulatedMetric): TargetTrackingRule {
  return {
    kind: "target-tracking",
    name: settings.name,
    target: targetValue,
    metric,
    scaleOutCooldownSeconds: settings.scaleOutCooldownSeconds,
    scaleInCooldownSeconds: settings.scaleInCooldownSeconds,
    disableScaleIn: settings.disableScaleIn,
  };
}
