import type { MetricSource } from "../../../config/metric-schema";
import { knownQueriesOf, queriesOf } from "../../metric";
import type { PolicyKind } from "../../policy-kind";
import { ignoredReason, mappedMetric } from "../../preview-signals";
import { targetTrackingPolicy, targetTrackingRule } from "../../target-tracking";

/** Target tracking on any CloudWatch metric, or on a metric-math expression over several. */
export const customPolicy: PolicyKind<"custom"> = {
  type: "custom",
  description: "any CloudWatch metric or metric-math expression",
  synthesize: (context, policy) =>
    targetTrackingPolicy(context, policy, policy.target, { queries: queriesOf(context.scope, policy as MetricSource, `${policy.name} metric`) }),
  /** Preview: the simulated quantity `preview.metrics.<name>` says the metric stands for; an error without one. */
  previewRules: (context, policy) => {
    const name = policy.name;
    const metric = mappedMetric(context, "custom", name);
    return metric ? [targetTrackingRule(policy, policy.target, metric)] : [{ kind: "ignored", name, reason: ignoredReason(name) }];
  },
  dashboardMetric: (_context, policy) => ({ queries: knownQueriesOf(policy as MetricSource, `${policy.name} metric`), target: policy.target }),
};
