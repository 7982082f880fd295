import type { IConstruct } from "constructs";
import { HclExpression } from "../../../hcl/hcl-expression";
import { choose, equals, hclOf, isPlanTime, when } from "../../../hcl/plan-time";
import { type MetricQuery, stat } from "../../metric";
import type { PolicyKind } from "../../policy-kind";
import type { PreviewRule, SimulatedMetric } from "../../preview-rules";
import { QueueScaleToZero, SCALE_FROM_ZERO, scaleToZero } from "../../scale-from-zero";
import { targetTrackingPolicy, targetTrackingRule } from "../../target-tracking";

/**
 * With a minimum of 0 a tiny constant keeps the metric above 0 while tasks run, so target
 * tracking never takes the last task away on its own: only the idle alarm of
 * {@link QueueScaleToZero}, which also waits for in-flight messages, goes to zero.
 */
export const IDLE_FLOOR = 0.001;

/** Tasks' worth of backlog a worker should carry: ceil(acceptable latency / seconds per message). */
export function backlogTarget(policy: { secondsPerMessage: number; acceptableLatencySeconds: number }): number {
  return Math.ceil(policy.acceptableLatencySeconds / policy.secondsPerMessage);
}

/** {@link backlogTarget} in the Terraform: computed by Terraform when the policy's values are only known at plan time. */
function synthesizedBacklogTarget(scope: IConstruct, policy: { secondsPerMessage: number; acceptableLatencySeconds: number }): number {
  const { secondsPerMessage, acceptableLatencySeconds } = policy;
  if (!isPlanTime(secondsPerMessage) && !isPlanTime(acceptableLatencySeconds)) return backlogTarget(policy);
  return HclExpression.of(`ceil(${hclOf(scope, acceptableLatencySeconds)} / ${hclOf(scope, secondsPerMessage)})`).asNumber();
}

/**
 * Preview: the backlog metric math, `IF(running > 0, visible / running, visible)` with the idle
 * floor when the minimum is 0; visible messages are the requests waiting at the end of the
 * minute and running tasks those RUNNING (Container Insights RunningTaskCount counts tasks still starting).
 */
export function backlogPerTask(min: number): SimulatedMetric {
  return (m) => (m.runningTasks > 0 ? m.waiting / m.runningTasks : m.waiting) + (min === 0 ? IDLE_FLOOR : 0);
}

/** Preview: the wake alarm's `IF(FILL(desired, 0) == 0, visible, 0)`. */
const visibleWhileNoTaskWanted: SimulatedMetric = (m) => (m.desiredTasks === 0 ? m.waiting : 0);

/** Preview: the sleep alarm's visible plus in-flight messages (those a task took in the minute). */
const visiblePlusInFlight: SimulatedMetric = (m) => m.waiting + m.served;

/**
 * Target tracking on backlog per task: visible messages divided by running tasks
 * (metric math over AWS/SQS and ECS/ContainerInsights), target ceil(latency / seconds per message).
 * With scaling.min 0 it adds {@link QueueScaleToZero}.
 */
export const queuePolicy: PolicyKind<"queue"> = {
  type: "queue",
  description: "visible messages per running task",
  synthesize: (context, policy) => {
    const { scope } = context;
    const toZero = equals(scope, context.min, 0);
    targetTrackingPolicy(context, policy, synthesizedBacklogTarget(scope, policy), {
      queries: backlogQueries(choose(scope, toZero, backlogExpression(true), backlogExpression(false))),
    });
    when(
      toZero,
      () =>
        new QueueScaleToZero(scope, `scale-to-zero`, {
          target: context.target,
          namePrefix: context.namePrefix,
          placeholders: context.placeholders,
          idleMinutes: policy.scaleToZeroAfterIdleMinutes,
        }),
    );
  },
  previewRules: (context, policy) => {
    const rules: PreviewRule[] = [targetTrackingRule(policy, backlogTarget(policy), backlogPerTask(context.min))];
    if (context.min === 0) {
      const wake = SCALE_FROM_ZERO;
      const sleep = scaleToZero(policy.scaleToZeroAfterIdleMinutes);
      rules.push(
        { kind: "step", name: "scale-from-zero", metric: visibleWhileNoTaskWanted, periodSeconds: 60, datapointsToAlarm: wake.evaluationPeriods, ...wake },
        { kind: "step", name: "scale-to-zero", metric: visiblePlusInFlight, periodSeconds: 60, datapointsToAlarm: sleep.evaluationPeriods, ...sleep },
      );
    }
    return rules;
  },
  dashboardMetric: (context, policy) => ({ queries: backlogQueries(backlogExpression(context.min === 0)), target: backlogTarget(policy) }),
};

/** Visible messages per running task, with the idle floor when the minimum is 0 (`floor`). */
function backlogExpression(floor: boolean): string {
  const perTask = "IF(running > 0, visible / running, visible)";
  return floor ? `${perTask} + ${IDLE_FLOOR}` : perTask;
}

/** The backlog per task over the queue's visible messages and the running tasks, by `expression`. */
function backlogQueries(expression: string): MetricQuery[] {
  return [
    { id: "visible", stat: stat("AWS/SQS", "ApproximateNumberOfMessagesVisible", { QueueName: "{queue}" }, "Sum"), returnData: false },
    { id: "running", stat: stat("ECS/ContainerInsights", "RunningTaskCount", { ClusterName: "{cluster}", ServiceName: "{service}" }, "Average"), returnData: false },
    { id: "backlog", label: "Visible messages per running task", expression, returnData: true },
  ];
}
