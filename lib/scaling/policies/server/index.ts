import { hclOf, isPlanTime } from "../../../hcl/plan-time";
import { SERVER_MEANINGS } from "../../../metrics/server-presets";
import { serverQueries } from "../../../metrics/server-queries";
import { chosenQueries } from "../../metric";
import type { PolicyKind } from "../../policy-kind";
import type { PreviewContext, PreviewRule, SimulatedMetric } from "../../preview-rules";
import { SIGNAL_METRICS } from "../../preview-signals";
import { targetTrackingPolicy, targetTrackingRule } from "../../target-tracking";

/**
 * Preview: what each meaning is in the simulated minute, from the preview's existing signals.
 * Requests waiting per task are the requests waiting for a task over the ready tasks; running
 * ones the requests in a serving task's batch (each task publishes its own gauge, averaged over
 * the tasks that publish); KV-cache usage the share of capacity in use; time to
 * first token the wait plus the task's own time to it (an LLM's prefill and first decode step).
 * Tokens per second have no simulated counterpart.
 */
const PREVIEW_METRICS: { readonly [M in "waiting" | "running" | "kvCacheUsage" | "timeToFirstToken"]: (context: PreviewContext) => SimulatedMetric } = {
  waiting: () => (m) => (m.readyTasks > 0 ? m.waiting / m.readyTasks : undefined),
  // vLLM's num_requests_running: the sequences in a serving task's batch, by Little's law the
  // requests it completes a second times their time in the batch; waiting ones are not running.
  running: () => (m) => (m.readyTasks > 0 ? ((m.served / 60) * m.responseSeconds) / m.readyTasks : undefined),
  kvCacheUsage: (context) => SIGNAL_METRICS.loadPercent(context),
  timeToFirstToken: () => (m) => (m.served > 0 ? m.firstTokenSeconds + m.meanWaitSeconds : undefined),
};

/**
 * Target tracking on the service's own model-server metric, per task (see serverQueries), in the
 * namespace the metrics sidecar publishes to with the service's ClusterName and ServiceName.
 */
export const serverPolicy: PolicyKind<"server"> = {
  type: "server",
  description: "a model-server metric the stack publishes (waiting, running, KV cache, time to first token, tokens per second)",
  synthesize: (context, policy) => {
    const server = context.serverMetrics;
    // A meaning Terraform knows only at plan time (the module's policies): every meaning's queries, chosen by Terraform; the module checks at plan that the server publishes it.
    if (server && isPlanTime(policy.metric)) {
      const byMeaning = Object.fromEntries(SERVER_MEANINGS.map((meaning) => [meaning, serverQueries(server.namespace, meaning)]));
      return targetTrackingPolicy(context, policy, policy.target, { queries: chosenQueries(context.scope, byMeaning, hclOf(context.scope, policy.metric)) });
    }
    if (!server || !server.meanings.includes(policy.metric)) {
      throw new Error(`service ${context.placeholders.service}: the server policy on ${policy.metric} needs the service's metrics to publish it`);
    }
    return targetTrackingPolicy(context, policy, policy.target, { queries: serverQueries(server.namespace, policy.metric) });
  },
  previewRules: (context, policy): PreviewRule[] => {
    if (policy.metric === "tokensPerSecond") {
      return [{ kind: "ignored", name: policy.name, reason: "the preview simulates no token counts per second of a server policy" }];
    }
    return [targetTrackingRule(policy, policy.target, PREVIEW_METRICS[policy.metric](context))];
  },
  dashboardMetric: (context, policy) => ({ queries: serverQueries(context.serverNamespace, policy.metric), target: policy.target }),
};
