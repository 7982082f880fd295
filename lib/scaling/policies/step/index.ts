import type { MetricSource } from "../../../config/metric-schema";
import { alarmQueries, alarmQueriesBlock, isPlanTimeQueries, knownQueriesOf, queriesOf } from "../../metric";
import { HclExpression } from "../../../hcl/hcl-expression";
import { hclOf, isPlanTime } from "../../../hcl/plan-time";
import type { PolicyKind } from "../../policy-kind";
import { ignoredReason, mappedMetric } from "../../preview-signals";
import { StepScalingPolicy } from "../../step-scaling-policy";

/** Step scaling with its own CloudWatch alarm. */
export const stepPolicy: PolicyKind<"step"> = {
  type: "step",
  description: "step scaling on a CloudWatch alarm",
  synthesize: (context, policy) => {
    const name = policy.name;
    const { alarm } = policy;
    const queries = queriesOf(context.scope, alarm as MetricSource, name);
    return new StepScalingPolicy(context.scope, `policy-${name}`, {
      target: context.target,
      name: `${context.namePrefix}-${name}`,
      adjustmentType: policy.adjustmentType,
      cooldownSeconds: policy.cooldownSeconds,
      metricAggregationType: policy.metricAggregationType,
      minAdjustmentMagnitude: policy.minAdjustmentMagnitude,
      steps: isPlanTime(policy.steps) ? HclExpression.of(hclOf(context.scope, policy.steps)) : policy.steps,
      alarm: {
        comparison: alarm.comparison,
        threshold: alarm.threshold,
        evaluationPeriods: alarm.evaluationPeriods,
        datapointsToAlarm: alarm.datapointsToAlarm,
        metricQueries: isPlanTimeQueries(queries)
          ? alarmQueriesBlock(context.scope, queries, context.placeholders, alarm.periodSeconds)
          : alarmQueries(queries, context.placeholders, alarm.periodSeconds),
        description: `Step scaling policy ${name} of ${context.placeholders.service}`,
      },
    });
  },
  /** Preview: the same alarm and steps, on the simulated quantity `preview.metrics.<name>` says the alarm's metric stands for. */
  previewRules: (context, policy) => {
    const name = policy.name;
    const metric = mappedMetric(context, "step", name);
    if (!metric) return [{ kind: "ignored", name, reason: ignoredReason(name) }];
    const { alarm } = policy;
    return [
      {
        kind: "step",
        name,
        metric,
        comparison: alarm.comparison,
        threshold: alarm.threshold,
        periodSeconds: alarm.periodSeconds,
        evaluationPeriods: alarm.evaluationPeriods,
        datapointsToAlarm: alarm.datapointsToAlarm,
        adjustmentType: policy.adjustmentType,
        minAdjustmentMagnitude: policy.minAdjustmentMagnitude,
        cooldownSeconds: policy.cooldownSeconds,
        metricAggregationType: policy.metricAggregationType,
        steps: policy.steps,
      },
    ];
  },
  dashboardMetric: (_context, policy) => ({ queries: knownQueriesOf(policy.alarm as MetricSource, policy.name), target: policy.alarm.threshold }),
};
