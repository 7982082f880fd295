import { stat } from "../metric";
import type { PolicyKind } from "../policy-kind";
import { QueueScaleToZero } from "../scale-from-zero";
import { targetTrackingPolicy } from "../target-tracking";

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

/**
 * Target tracking on backlog per task: visible messages divided by running tasks
 * (metric math over AWS/SQS and ECS/ContainerInsights), target ceil(latency / seconds per message).
 * With scaling.min 0 it adds {@link QueueScaleToZero}.
 */
export const queuePolicy: PolicyKind<"queue"> = {
  type: "queue",
  description: "visible messages per running task",
  synthesize: (context, policy) => {
    const perTask = "IF(running > 0, visible / running, visible)";
    targetTrackingPolicy(context, policy, backlogTarget(policy), {
      queries: [
        { id: "visible", stat: stat("AWS/SQS", "ApproximateNumberOfMessagesVisible", { QueueName: "{queue}" }, "Sum"), returnData: false },
        { id: "running", stat: stat("ECS/ContainerInsights", "RunningTaskCount", { ClusterName: "{cluster}", ServiceName: "{service}" }, "Average"), returnData: false },
        {
          id: "backlog",
          label: "Visible messages per running task",
          expression: context.min === 0 ? `${perTask} + ${IDLE_FLOOR}` : perTask,
          returnData: true,
        },
      ],
    });
    if (context.min === 0) {
      new QueueScaleToZero(context.scope, `scale-to-zero`, {
        target: context.target,
        namePrefix: context.namePrefix,
        placeholders: context.placeholders,
        idleMinutes: policy.scaleToZeroAfterIdleMinutes,
      });
    }
  },
};
