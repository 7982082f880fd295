import type { ParsedScalingConfig } from "./scaling-schema";
import type { Finding } from "./validate";

/**
 * A warning when no policy of a service can remove tasks: every target tracking policy has
 * `disableScaleIn: true` and no step policy removes tasks (a queue policy with `scaling.min: 0`
 * still scales an idle worker to zero, so it counts). AWS accepts such a service; it just never
 * shrinks after a peak.
 */
export function scaleInWarnings(scaling: ParsedScalingConfig, at: (...path: PropertyKey[]) => PropertyKey[]): Finding[] {
  const canScaleIn = scaling.policies.some((policy) => {
    if (policy.type === "step") return policy.adjustmentType === "ExactCapacity" || policy.steps.some((step) => step.adjustment < 0);
    if (policy.type === "predictive") return false;
    if (policy.type === "queue" && scaling.min === 0) return true;
    return !policy.disableScaleIn;
  });
  if (canScaleIn) return [];
  const bySchedule = scaling.schedules.some((schedule) => schedule.max !== undefined);
  return [
    {
      severity: "warning",
      path: at("scaling", "policies"),
      message: `no policy can remove tasks (every target tracking policy has disableScaleIn: true and no step policy removes tasks): the service ${bySchedule ? "shrinks only when a scheduled action lowers max" : "never scales in after a peak"}`,
    },
  ];
}
