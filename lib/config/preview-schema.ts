import { z } from "zod";
import { int, strict } from "./zod-helpers";

/**
 * Assumptions of the scaling preview (`npm run preview`) about one service: how long a
 * task takes to start, how much one task serves, and the latency objective. Nothing here
 * is deployed; the synth ignores the section.
 */

/**
 * Simulated quantities a `custom` or `step` policy's metric can stand for in the preview
 * (`preview.metrics.<policy name>`); `ignore` leaves the policy out of the preview.
 */
export const PREVIEW_SIGNALS = [
  "cpuUtilization",
  "memoryUtilization",
  "loadPercent",
  "requestsPerTask",
  "responseTime",
  "inFlightPerTask",
  "backlogPerTask",
  "waitingRequests",
  "ignore",
] as const;

export type PreviewSignal = (typeof PREVIEW_SIGNALS)[number];

/** What a preview objective measures (lib/preview/objectives.ts). */
export const PREVIEW_OBJECTIVE_METRICS = ["ttft", "tpot", "e2e", "wait"] as const;

/** The latency objective (seconds) when neither `latencyObjectiveSeconds` nor a worker's queue policy gives one. */
export const DEFAULT_OBJECTIVE_SECONDS = 10;

const positive = (description: string) =>
  z.number({ error: "must be a number" }).gt(0, { error: "must be greater than 0" }).max(1e9, { error: "must be at most 1e9" }).describe(description);

const percent = (description: string) =>
  z.number({ error: "must be a number" }).min(0, { error: "must be 0 or more" }).max(100, { error: "must be at most 100 (it is a percentage)" }).describe(description);

export const PreviewSchema = strict({
  startupSeconds: int("Seconds from a task's launch until it serves: image pull plus model load. Default: the service's startupSeconds (the same number the stack deploys).")
    .min(0, { error: "must be 0 or more" })
    .max(7200, { error: "must be at most 7200" })
    .optional(),
  requestsPerMinute: positive(
    "Requests one task serves per minute within the latency objective. Default: for a worker, 60 / the queue policy's secondsPerMessage; otherwise give this or tokensPerSecond.",
  ).optional(),
  tokensPerSecond: positive(
    "Tokens (context plus generated, from the trace's token counts) one task processes per second within the objective. Default: not used; give this or requestsPerMinute.",
  ).optional(),
  latencyObjectiveSeconds: positive(
    `Longest a request may wait for a task and still count as served within the objective. Default: a worker's acceptableLatencySeconds, otherwise ${DEFAULT_OBJECTIVE_SECONDS}.`,
  ).optional(),
  responseSeconds: z
    .number({ error: "must be a number" })
    .min(0, { error: "must be 0 or more" })
    .max(3600, { error: "must be at most 3600" })
    .default(2)
    .describe("Seconds a request takes once a task has taken it (the model's own time); the latency and in-flight metrics add the wait to it."),
  imagePullSeconds: int("Seconds of startupSeconds before the container runs (image pull, Fargate provisioning); the rest is model load, during which the task is RUNNING and counts in CPU and RunningTaskCount averages.")
    .min(0, { error: "must be 0 or more" })
    .max(7200, { error: "must be at most 7200" })
    .default(0),
  objectives: z
    .array(
      strict({
        metric: z.enum(PREVIEW_OBJECTIVE_METRICS, { error: `must be one of: ${PREVIEW_OBJECTIVE_METRICS.join(", ")}` }).describe("ttft (time to first token), tpot (time per output token), e2e (whole response) or wait (before a task takes the request)."),
        percentile: z.number({ error: "must be a number" }).gt(0, { error: "must be greater than 0" }).max(100, { error: "must be at most 100" }).describe("Share (%) of requests that must be within the bound, e.g. 99."),
        seconds: positive("The bound, in seconds (0.2 for 200 ms)."),
      }).describe("An objective: percentile% of requests within seconds of metric."),
    )
    .max(8, { error: "must list at most 8 objectives" })
    .optional()
    .describe("Latency objectives the preview and the recommender check. Default: an LLM server's p99 ttft < 2 s and p99 tpot < 0.2 s (MLPerf's server scenario); otherwise p99 wait < latencyObjectiveSeconds."),
  requestTokens: strict({
    input: int("Input (prompt) tokens per request.").min(0, { error: "must be 0 or more" }).max(10_000_000, { error: "must be at most 10000000" }),
    output: int("Output (generated) tokens per request.").min(0, { error: "must be 0 or more" }).max(10_000_000, { error: "must be at most 10000000" }),
  })
    .optional()
    .describe("Tokens per request for traces without token counts (rate traces). Default: the LLM profile's calibration point."),
  cpuPercentAtCapacity: percent("CPU utilization (%) of a task serving its full capacity; the preview takes CPU as proportional to load.").default(100),
  memoryPercent: percent("Memory utilization (%) of a task; the preview takes it as constant (model weights dominate).").default(50),
  metrics: z
    .record(
      z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, { error: "must be the name of a custom or step policy of this service" }),
      z.enum(PREVIEW_SIGNALS, { error: `must be one of: ${PREVIEW_SIGNALS.join(", ")}` }),
    )
    .default({})
    .describe(`What a custom or step policy's metric stands for in the preview, by policy name: ${PREVIEW_SIGNALS.join(", ")} (ignore leaves the policy out).`),
}).describe("Assumptions of the scaling preview (npm run preview); not deployed. Default: the values below.");

export type PreviewConfig = z.output<typeof PreviewSchema>;

/** The section's defaults, for a service that has no `preview` section. */
export const PREVIEW_DEFAULTS: PreviewConfig = PreviewSchema.parse({});
