import { AppautoscalingScheduledAction } from "@cdktf/provider-aws/lib/appautoscaling-scheduled-action";
import type { ScheduleConfig } from "../config/scaling-schema";
import type { PolicyContext } from "./policy-kind";

/**
 * A scheduled change of the scalable target's minimum and/or maximum. Values may be Terraform
 * tokens (the module's `each.value`): a minimum or maximum Terraform finds null leaves that
 * bound unchanged, as a left-out one does.
 */
export function scheduledAction(context: PolicyContext, schedule: ScheduleConfig): AppautoscalingScheduledAction {
  const target = context.target.resource;
  return new AppautoscalingScheduledAction(context.scope, `schedule-${schedule.name}`, {
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
