import { METRICS } from "../aws/cloudwatch";
import { type MetricQuery, stat } from "../scaling/metric";
import { MEANINGS, type ServerMeaning } from "./server-presets";

/** Dimensions of every metric the sidecar publishes (placeholders filled per service). */
export const SERVER_DIMENSIONS = { ClusterName: "{cluster}", ServiceName: "{service}" } as const;

/**
 * The per-task value of a model-server meaning as metric queries, for a scaling policy and the
 * dashboard alike:
 * - gauges: each task publishes its own value, so the Average over all datapoints of the service
 *   is the mean per task (a task that has not started publishing does not count, as with ECS CPU);
 *   the KV cache's 0-1 share becomes percent;
 * - the time-to-first-token histogram: Average is the mean over the requests of the period;
 * - the generated-tokens counter: the period's Sum over all tasks, per second, divided by the
 *   running tasks (Container Insights), as the queue policy divides the backlog.
 */
export function serverQueries(namespace: string, meaning: ServerMeaning): MetricQuery[] {
  const facts = MEANINGS[meaning];
  const metric = (statistic: string) => stat(namespace, facts.metricName, { ...SERVER_DIMENSIONS }, statistic);
  switch (meaning) {
    case "kvCacheUsage":
      return [
        { id: "kv", stat: metric("Average"), returnData: false },
        { id: "e1", label: facts.policyLabel, expression: "100 * kv", returnData: true },
      ];
    case "tokensPerSecond":
      return [
        { id: "tokens", stat: metric("Sum"), returnData: false },
        {
          id: "running",
          stat: stat(METRICS.containerInsights.namespace, METRICS.containerInsights.runningTasks, { ...SERVER_DIMENSIONS }, "Average"),
          returnData: false,
        },
        { id: "e1", label: facts.policyLabel, expression: "IF(running > 0, tokens / 60 / running, 0)", returnData: true },
      ];
    default:
      return [{ id: "m1", label: facts.policyLabel, stat: metric("Average"), returnData: true }];
  }
}
