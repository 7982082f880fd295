import { Construct } from "constructs";
import { alarmQueries, MetricPlaceholders, stat } from "./metric";
import type { EcsScalableTarget } from "./scalable-target";
import { StepScalingPolicy } from "./step-scaling-policy";

export interface QueueScaleToZeroProps {
  readonly target: EcsScalableTarget;
  /** Prefix of the policy and alarm names. */
  readonly namePrefix: string;
  readonly placeholders: MetricPlaceholders;
  /** Minutes with no visible and no in-flight message before the service goes to zero tasks. */
  readonly idleMinutes: number;
}

/**
 * The wake policy and its alarm: one more task when at least one message is visible while the
 * service wants none, for one minute. Shared by the construct and the scaling preview.
 */
export const SCALE_FROM_ZERO = {
  adjustmentType: "ChangeInCapacity",
  cooldownSeconds: 60,
  metricAggregationType: "Maximum",
  steps: [{ lowerBound: 0, adjustment: 1 }],
  comparison: "GreaterThanOrEqualToThreshold",
  threshold: 1,
  evaluationPeriods: 1,
} as const;

/**
 * The sleep policy and its alarm: exactly 0 tasks after `idleMinutes` one-minute periods with no
 * visible and no in-flight message. Shared by the construct and the scaling preview.
 */
export function scaleToZero(idleMinutes: number) {
  return {
    adjustmentType: "ExactCapacity",
    cooldownSeconds: 300,
    metricAggregationType: "Maximum",
    steps: [{ upperBound: 0, adjustment: 0 }],
    comparison: "LessThanOrEqualToThreshold",
    threshold: 0,
    evaluationPeriods: idleMinutes,
  } as const;
}

const visible = () => stat("AWS/SQS", "ApproximateNumberOfMessagesVisible", { QueueName: "{queue}" }, "Maximum");
const inFlight = () => stat("AWS/SQS", "ApproximateNumberOfMessagesNotVisible", { QueueName: "{queue}" }, "Maximum");
const desiredTasks = () => stat("ECS/ContainerInsights", "DesiredTaskCount", { ClusterName: "{cluster}", ServiceName: "{service}" }, "Maximum");

/**
 * Takes a queue worker to and from zero tasks, which target tracking alone cannot do
 * (with no task, the backlog per task has no denominator and any multiple of 0 is 0).
 *
 * - Wake: an alarm on visible messages while the service wants no task
 *   (`IF(desired == 0, visible, 0) >= 1` for one minute) invokes a step policy that adds one task.
 *   Gating on the desired count keeps the alarm quiet while tasks are starting or running,
 *   so it never fights target tracking.
 * - Sleep: an alarm on visible plus in-flight messages `<= 0` for `idleMinutes` one-minute
 *   periods invokes a step policy that sets the task count to exactly 0.
 */
export class QueueScaleToZero extends Construct {
  public readonly wake: StepScalingPolicy;
  public readonly sleep: StepScalingPolicy;

  constructor(scope: Construct, id: string, props: QueueScaleToZeroProps) {
    super(scope, id);
    const { placeholders } = props;
    const wake = SCALE_FROM_ZERO;
    this.wake = new StepScalingPolicy(this, "wake", {
      target: props.target,
      name: `${props.namePrefix}-scale-from-zero`,
      adjustmentType: wake.adjustmentType,
      cooldownSeconds: wake.cooldownSeconds,
      metricAggregationType: wake.metricAggregationType,
      steps: wake.steps,
      alarm: {
        description: `Messages are waiting and ${placeholders.service} has no task: start one`,
        comparison: wake.comparison,
        threshold: wake.threshold,
        evaluationPeriods: wake.evaluationPeriods,
        treatMissingData: "notBreaching",
        metricQueries: alarmQueries(
          [
            { id: "visible", stat: visible(), returnData: false },
            { id: "desired", stat: desiredTasks(), returnData: false },
            { id: "waiting", label: "Visible messages while no task is wanted", expression: "IF(FILL(desired, 0) == 0, visible, 0)", returnData: true },
          ],
          placeholders,
          60,
        ),
      },
    });
    const sleep = scaleToZero(props.idleMinutes);
    this.sleep = new StepScalingPolicy(this, "sleep", {
      target: props.target,
      name: `${props.namePrefix}-scale-to-zero`,
      adjustmentType: sleep.adjustmentType,
      cooldownSeconds: sleep.cooldownSeconds,
      metricAggregationType: sleep.metricAggregationType,
      steps: sleep.steps,
      alarm: {
        description: `No visible or in-flight message for ${props.idleMinutes} minutes: stop every task of ${placeholders.service}`,
        comparison: sleep.comparison,
        threshold: sleep.threshold,
        evaluationPeriods: sleep.evaluationPeriods,
        treatMissingData: "breaching",
        metricQueries: alarmQueries(
          [
            { id: "visible", stat: visible(), returnData: false },
            { id: "inflight", stat: inFlight(), returnData: false },
            { id: "backlog", label: "Visible plus in-flight messages", expression: "FILL(visible, 0) + FILL(inflight, 0)", returnData: true },
          ],
          placeholders,
          60,
        ),
      },
    });
  }
}
