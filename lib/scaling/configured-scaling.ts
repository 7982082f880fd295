import { AppautoscalingScheduledAction } from "@cdktf/provider-aws/lib/appautoscaling-scheduled-action";
import type { ScalingConfig } from "../config/scaling-schema";
import { POLICY_KINDS } from "./policies";
import type { PolicyContext, PolicyKind } from "./policy-kind";

/**
 * Adds a resolved scaling section's policies (each by its kind's code) and scheduled actions
 * to a scalable target: what `ServiceSpec.scaling.addPolicies` is for a config.
 */
export function configuredScaling(scaling: ScalingConfig): (context: PolicyContext) => void {
  return (context) => {
    for (const policy of scaling.policies) {
      (POLICY_KINDS[policy.type] as PolicyKind<typeof policy.type>).synthesize(context, policy);
    }
    const target = context.target.resource;
    for (const schedule of scaling.schedules) {
      new AppautoscalingScheduledAction(context.scope, `schedule-${schedule.name}`, {
        name: `${context.namePrefix}-${schedule.name}`,
        serviceNamespace: target.serviceNamespace,
        scalableDimension: target.scalableDimension,
        resourceId: target.resourceId,
        schedule: schedule.schedule,
        timezone: schedule.timezone,
        scalableTargetAction: {
          ...(schedule.min !== undefined ? { minCapacity: String(schedule.min) } : {}),
          ...(schedule.max !== undefined ? { maxCapacity: String(schedule.max) } : {}),
        },
      });
    }
  };
}
