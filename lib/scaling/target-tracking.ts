import {
  AppautoscalingPolicy,
  AppautoscalingPolicyTargetTrackingScalingPolicyConfigurationCustomizedMetricSpecification as CustomizedMetric,
  AppautoscalingPolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecification as PredefinedMetric,
} from "@cdktf/provider-aws/lib/appautoscaling-policy";
import type { PolicyContext } from "./policy-kind";

/** Fields every target tracking policy config has. */
export interface TargetTrackingSettings {
  readonly type: string;
  readonly target: number;
  readonly scaleInCooldownSeconds: number;
  readonly scaleOutCooldownSeconds: number;
  readonly disableScaleIn: boolean;
}

/** Creates a TargetTrackingScaling policy on the context's scalable target, on a predefined or customized metric. */
export function targetTrackingPolicy(
  context: PolicyContext,
  settings: TargetTrackingSettings,
  metric: { readonly predefined: PredefinedMetric } | { readonly customized: CustomizedMetric },
): AppautoscalingPolicy {
  const target = context.target.resource;
  return new AppautoscalingPolicy(context.scope, `policy-${settings.type}`, {
    name: `${context.serviceName}-${settings.type}-target-tracking`,
    policyType: "TargetTrackingScaling",
    serviceNamespace: target.serviceNamespace,
    scalableDimension: target.scalableDimension,
    resourceId: target.resourceId,
    targetTrackingScalingPolicyConfiguration: {
      targetValue: settings.target,
      scaleInCooldown: settings.scaleInCooldownSeconds,
      scaleOutCooldown: settings.scaleOutCooldownSeconds,
      disableScaleIn: settings.disableScaleIn,
      ...("predefined" in metric
        ? { predefinedMetricSpecification: metric.predefined }
        : { customizedMetricSpecification: metric.customized }),
    },
  });
}
