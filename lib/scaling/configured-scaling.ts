import type { ScalingConfig } from "../config/scaling-schema";
import { POLICY_KINDS } from "./policies";
import type { PolicyContext, PolicyKind } from "./policy-kind";
import { scheduledAction } from "./scheduled-action";

/**
 * Adds a resolved scaling section's policies (each by its kind's code) and scheduled actions
 * to a scalable target: what `ServiceSpec.scaling.addPolicies` is for a config.
 */
export function configuredScaling(scaling: ScalingConfig): (context: PolicyContext) => void {
  return (context) => {
    for (const policy of scaling.policies) {
      (POLICY_KINDS[policy.type] as PolicyKind<typeof policy.type>).synthesize(context, policy);
    }
    for (const schedule of scaling.schedules) scheduledAction(context, schedule);
  };
}
