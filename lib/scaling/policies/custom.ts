import type { MetricSource } from "../../config/metric-schema";
import { queriesOf } from "../metric";
import type { PolicyKind } from "../policy-kind";
import { targetTrackingPolicy } from "../target-tracking";

/** Target tracking on any CloudWatch metric, or on a metric-math expression over several. */
export const customPolicy: PolicyKind<"custom"> = {
  type: "custom",
  description: "any CloudWatch metric or metric-math expression",
  synthesize: (context, policy) =>
    targetTrackingPolicy(context, policy, policy.target, { queries: queriesOf(policy as MetricSource, `${policy.name ?? "custom"} metric`) }),
};
