import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { CloudwatchMetricAlarm, CloudwatchMetricAlarmMetricQuery } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import { HclExpression } from "../hcl/hcl-expression";
import { type DynamicBlock, dynamicBlock } from "../hcl/plan-time";
import type { EcsScalableTarget } from "./scalable-target";

/**
 * One step, bounds relative to the alarm threshold. For an above-threshold alarm a step holds
 * the metric minus the threshold in [lowerBound, upperBound); for a below-threshold alarm in
 * (lowerBound, upperBound] (AWS StepAdjustment: bounds on the breaching side are inclusive).
 */
export interface StepAdjustment {
  /** @default minus infinity */
  readonly lowerBound?: number;
  /** @default infinity */
  readonly upperBound?: number;
  readonly adjustment: number;
}

/**
 * The step holding `delta` (the metric minus the alarm threshold), or undefined when none does;
 * `above` tells an above-threshold alarm (Greater*) from a below-threshold one.
 * Source: https://docs.aws.amazon.com/autoscaling/application/APIReference/API_StepAdjustment.html
 */
export function stepFor(steps: readonly StepAdjustment[], delta: number, above: boolean): StepAdjustment | undefined {
  return steps.find((step) =>
    above
      ? (step.lowerBound === undefined || delta >= step.lowerBound) && (step.upperBound === undefined || delta < step.upperBound)
      : (step.lowerBound === undefined || delta > step.lowerBound) && (step.upperBound === undefined || delta <= step.upperBound),
  );
}

export interface StepScalingAlarmProps {
  readonly comparison: string;
  readonly threshold: number;
  readonly evaluationPeriods: number;
  /** @default evaluationPeriods */
  readonly datapointsToAlarm?: number;
  /** The alarm's metric queries; queries Terraform builds at plan time are a dynamic block. */
  readonly metricQueries: CloudwatchMetricAlarmMetricQuery[] | DynamicBlock;
  /** @default "missing": keep the alarm's state when data is missing */
  readonly treatMissingData?: "missing" | "breaching" | "notBreaching" | "ignore";
  readonly description: string;
}

export interface StepScalingPolicyProps {
  readonly target: EcsScalableTarget;
  /** Name of the policy and of its alarm. */
  readonly name: string;
  readonly adjustmentType: "ChangeInCapacity" | "PercentChangeInCapacity" | "ExactCapacity";
  readonly cooldownSeconds: number;
  /** @default "Average" */
  readonly metricAggregationType?: "Average" | "Minimum" | "Maximum";
  /** With PercentChangeInCapacity: the least number of tasks to change. @default none */
  readonly minAdjustmentMagnitude?: number;
  /**
   * The steps; an expression is a list of objects with `lower_bound`, `upper_bound` and
   * `adjustment` that Terraform computes (a dynamic block).
   */
  readonly steps: readonly StepAdjustment[] | HclExpression;
  readonly alarm: StepScalingAlarmProps;
}

/** A StepScaling policy and the CloudWatch alarm whose action invokes it. */
export class StepScalingPolicy extends Construct {
  public readonly policy: AppautoscalingPolicy;
  public readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: StepScalingPolicyProps) {
    super(scope, id);
    const target = props.target.resource;
    const steps = props.steps;
    this.policy = new AppautoscalingPolicy(this, "policy", {
      name: props.name,
      policyType: "StepScaling",
      serviceNamespace: target.serviceNamespace,
      scalableDimension: target.scalableDimension,
      resourceId: target.resourceId,
      stepScalingPolicyConfiguration: {
        adjustmentType: props.adjustmentType,
        cooldown: props.cooldownSeconds,
        metricAggregationType: props.metricAggregationType ?? "Average",
        ...(props.minAdjustmentMagnitude !== undefined ? { minAdjustmentMagnitude: props.minAdjustmentMagnitude } : {}),
        stepAdjustment: HclExpression.isHclExpression(steps)
          ? undefined
          : steps.map((step) => ({
              ...(step.lowerBound !== undefined ? { metricIntervalLowerBound: String(step.lowerBound) } : {}),
              ...(step.upperBound !== undefined ? { metricIntervalUpperBound: String(step.upperBound) } : {}),
              scalingAdjustment: step.adjustment,
            })),
      },
    });
    if (HclExpression.isHclExpression(steps)) {
      // A null bound is an open end, as a left-out bound is above.
      this.policy.addOverride(
        "step_scaling_policy_configuration.dynamic.step_adjustment",
        dynamicBlock(steps, {
          metric_interval_lower_bound: "${step_adjustment.value.lower_bound == null ? null : tostring(step_adjustment.value.lower_bound)}",
          metric_interval_upper_bound: "${step_adjustment.value.upper_bound == null ? null : tostring(step_adjustment.value.upper_bound)}",
          scaling_adjustment: "${step_adjustment.value.adjustment}",
        }),
      );
    }
    const alarm = props.alarm;
    const queries = alarm.metricQueries;
    this.alarm = new CloudwatchMetricAlarm(this, "alarm", {
      alarmName: props.name,
      alarmDescription: alarm.description,
      comparisonOperator: alarm.comparison,
      threshold: alarm.threshold,
      evaluationPeriods: alarm.evaluationPeriods,
      datapointsToAlarm: alarm.datapointsToAlarm ?? alarm.evaluationPeriods,
      treatMissingData: alarm.treatMissingData ?? "missing",
      metricQuery: Array.isArray(queries) ? queries : undefined,
      alarmActions: [this.policy.arn],
    });
    if (!Array.isArray(queries)) this.alarm.addOverride("dynamic.metric_query", queries);
  }
}
