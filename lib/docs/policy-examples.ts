import type { PolicyType } from "../scaling/policies/definitions";

/** A policy entry as written in `services.<name>.scaling.policies`, and the scaling it sits in. */
export interface PolicyExample {
  /** The entry, as YAML would give it. */
  readonly policy: Readonly<Record<string, unknown>>;
  /** `scaling.min` of the service it is shown in. @default 1 */
  readonly min?: number;
  /** What the example shows, in one sentence. */
  readonly caption: string;
  /** Fields the service needs besides its scaling (a server policy's `metrics`). @default none */
  readonly serviceFields?: Readonly<Record<string, unknown>>;
}

const byService = { ClusterName: "{cluster}", ServiceName: "{service}" };

/**
 * One example per policy kind for `docs/reference/scaling-policies.md`. The generator
 * validates each in a web service and in a worker (which kinds accept it is read from the
 * answers) and synthesizes it to list the Terraform it creates, so an example that stops
 * validating fails `npm run docs` and the docs test. Metric dimensions stick to placeholders
 * both kinds have, so that the kinds a policy type allows decide the answer.
 */
export const POLICY_EXAMPLES: { readonly [T in PolicyType]: PolicyExample } = {
  cpu: { policy: { type: "cpu", target: 60 }, caption: "Hold the tasks' average CPU at 60%." },
  memory: { policy: { type: "memory", target: 80 }, caption: "Hold the tasks' average memory at 80%." },
  requests: { policy: { type: "requests", target: 200 }, caption: "Hold 200 load balancer requests per task per minute." },
  latency: { policy: { type: "latency", target: 2.5 }, caption: "Hold the target group's average response time at 2.5 s; pair it with a load policy." },
  custom: {
    policy: {
      type: "custom",
      name: "inflight",
      target: 12,
      metrics: {
        inflight: { namespace: "GenAI/ModelServer", name: "InFlightRequests", dimensions: byService, statistic: "Sum" },
        tasks: { namespace: "ECS/ContainerInsights", name: "RunningTaskCount", dimensions: byService },
      },
      expression: "inflight / tasks",
      publishedBy: "the model server's own embedded-metric-format logs",
    },
    caption: "Hold 12 in-flight requests per running task, from a metric the model server publishes itself (publishedBy says so).",
  },
  queue: {
    policy: { type: "queue", secondsPerMessage: 6, acceptableLatencySeconds: 120, scaleToZeroAfterIdleMinutes: 20 },
    min: 0,
    caption: "Hold 20 visible messages per task (120 s / 6 s); with scaling.min 0 the worker also scales from and to zero.",
  },
  server: {
    policy: { type: "server", metric: "waiting", target: 4 },
    serviceFields: { metrics: { server: "vllm" } },
    caption: "Hold 4 requests waiting in vLLM's queue per task, published by the service's metrics sidecar.",
  },
  step: {
    policy: {
      type: "step",
      name: "hot",
      adjustmentType: "PercentChangeInCapacity",
      minAdjustmentMagnitude: 2,
      alarm: {
        metric: { namespace: "AWS/ECS", name: "CPUUtilization", dimensions: byService, statistic: "Maximum" },
        comparison: "GreaterThanOrEqualToThreshold",
        threshold: 90,
      },
      steps: [
        { lowerBound: 0, upperBound: 5, adjustment: 50 },
        { lowerBound: 5, adjustment: 100 },
      ],
    },
    caption: "Add half again the tasks when the busiest task reaches 90% CPU, double them from 95%.",
  },
  predictive: {
    policy: { type: "predictive", metric: "cpu", target: 60 },
    caption: "Forecast CPU from the service's history and publish the forecast (ForecastOnly) before it acts.",
  },
};
