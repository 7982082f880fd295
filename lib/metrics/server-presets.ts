/**
 * Model-server metrics: what each meaning is, and which Prometheus series each server's
 * /metrics endpoint exposes for it. Pure data (no zod, no cdktf): the validator, the constructs,
 * the dashboard and the docs read it. Names differ between server versions; each preset says
 * which version and page it was checked against.
 */

/** What a scaling policy or dashboard can ask of a model server. */
export const SERVER_MEANINGS = ["waiting", "running", "kvCacheUsage", "timeToFirstToken", "tokensPerSecond"] as const;
export type ServerMeaning = (typeof SERVER_MEANINGS)[number];

/**
 * How the collector turns a Prometheus series into a CloudWatch metric, and how a policy reads it:
 * - gauge: each task publishes its value; the Average over all tasks' datapoints is the value per task.
 * - counter: the collector publishes the increase per scrape; the minute's Sum divided by 60 is the rate,
 *   divided by the running tasks it is the rate per task.
 * - histogram: the collector publishes each scrape's observations as a statistic set; Average is the
 *   mean of the observations in the period.
 */
export type SeriesType = "gauge" | "counter" | "histogram";

export interface MeaningFacts {
  /** CloudWatch metric name the sidecar publishes it as (one name whatever the server). */
  readonly metricName: string;
  readonly type: SeriesType;
  /** What it is, for docs and dashboard labels. */
  readonly description: string;
  /** Label of the per-task value a policy tracks, with its unit. */
  readonly policyLabel: string;
  /** The largest sensible policy target. @default none (1e9) */
  readonly maxTarget?: number;
}

export const MEANINGS: { readonly [M in ServerMeaning]: MeaningFacts } = {
  waiting: { metricName: "RequestsWaiting", type: "gauge", description: "requests queued in the server, not yet scheduled", policyLabel: "Requests waiting per task" },
  running: { metricName: "RequestsRunning", type: "gauge", description: "requests in the server's running batch", policyLabel: "Requests running per task" },
  kvCacheUsage: {
    metricName: "KvCacheUsage",
    type: "gauge",
    description: "share of the KV cache in use (the server reports 0-1; policies and the dashboard show percent)",
    policyLabel: "KV cache usage per task (%)",
    maxTarget: 100,
  },
  timeToFirstToken: { metricName: "TimeToFirstToken", type: "histogram", description: "seconds from a request's arrival to its first generated token", policyLabel: "Mean time to first token (s)" },
  tokensPerSecond: { metricName: "GeneratedTokens", type: "counter", description: "generated tokens (published per scrape; per second in policies and the dashboard)", policyLabel: "Generated tokens per second per task" },
};

/** The model servers with a preset; `prometheus` is any server, its series named in the config. */
export const SERVER_KINDS = ["vllm", "tgi", "triton", "tei", "sglang", "prometheus"] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

export interface ServerPreset {
  /** Port of the metrics endpoint when the config gives none and the server does not share the service's port. @default the service's port */
  readonly metricsPort?: number;
  /** Port the server listens on by default, for workers (no service port). @default none: the config must give one */
  readonly defaultPort?: number;
  readonly path: string;
  /** Prometheus series by meaning; a meaning the server does not expose is left out. */
  readonly series: { readonly [M in ServerMeaning]?: string };
  /** Where the names were checked, and for which version. */
  readonly source: string;
  /** Notes for docs: flags the server needs, names of other versions. @default none */
  readonly note?: string;
}

export const SERVER_PRESETS: { readonly [S in ServerKind]: ServerPreset } = {
  vllm: {
    defaultPort: 8000,
    path: "/metrics",
    series: {
      waiting: "vllm:num_requests_waiting",
      running: "vllm:num_requests_running",
      kvCacheUsage: "vllm:kv_cache_usage_perc",
      timeToFirstToken: "vllm:time_to_first_token_seconds",
      tokensPerSecond: "vllm:generation_tokens_total",
    },
    source: "vLLM V1 engine metrics (vllm/v1/metrics/loggers.py) and https://docs.vllm.ai/en/stable/usage/metrics/ (v0.10 and later)",
    note: "vLLM before the V1 engine (0.9 and older) names the KV-cache gauge vllm:gpu_cache_usage_perc (deprecated since); set metrics.series.kvCacheUsage to it there.",
  },
  tgi: {
    defaultPort: 80,
    path: "/metrics",
    series: { waiting: "tgi_queue_size", running: "tgi_batch_current_size" },
    source: "https://huggingface.co/docs/text-generation-inference/reference/metrics (TGI 2.x/3.x)",
    note: "TGI publishes no time-to-first-token and no KV-cache gauge.",
  },
  triton: {
    metricsPort: 8002,
    defaultPort: 8002,
    path: "/metrics",
    series: { waiting: "nv_inference_pending_request_count" },
    source: "https://docs.nvidia.com/deeplearning/triton-inference-server/user-guide/docs/user_guide/metrics.html (r24.04 and later: Pending Request Count)",
    note: "Triton serves metrics on their own port (8002); its first-response histogram is not a time to first token.",
  },
  tei: {
    defaultPort: 80,
    path: "/metrics",
    series: { waiting: "te_queue_size" },
    source: "text-embeddings-inference core/src/queue.rs (gauge te_queue_size, TEI 1.x)",
  },
  sglang: {
    defaultPort: 30000,
    path: "/metrics",
    series: {
      waiting: "sglang:num_queue_reqs",
      running: "sglang:num_running_reqs",
      kvCacheUsage: "sglang:token_usage",
      timeToFirstToken: "sglang:time_to_first_token_seconds",
      tokensPerSecond: "sglang:generation_tokens_total",
    },
    source: "https://docs.sglang.io/references/production_metrics.html",
    note: "SGLang serves metrics only when started with --enable-metrics.",
  },
  prometheus: {
    path: "/metrics",
    series: {},
    source: "any Prometheus endpoint: metrics.series names the series of each meaning",
  },
};

/**
 * The collector sidecar: the AWS Distro for OpenTelemetry collector (Prometheus receiver, EMF
 * exporter to CloudWatch Logs). Version from its release notes, docs/releases/v0.45.1.md and
 * VERSION in github.com/aws-observability/aws-otel-collector; the image is on ECR Public.
 */
export const COLLECTOR_IMAGE = "public.ecr.aws/aws-observability/aws-otel-collector:v0.45.1";
/** Its share of the task when the config gives none: CPU units and MiB. */
export const COLLECTOR_DEFAULTS = { cpu: 128, memory: 256 } as const;
/** The environment variable the ADOT collector reads its configuration from (https://aws-otel.github.io/docs/setup/ecs). */
export const COLLECTOR_CONFIG_VARIABLE = "AOT_CONFIG_CONTENT";
/** Seconds between scrapes of the server's endpoint. */
export const SCRAPE_INTERVAL_SECONDS = 15;
/** The CloudWatch namespace of server metrics when the config gives none. */
export const DEFAULT_SERVER_NAMESPACE = "ModelServer";
/** Container name of the sidecar in the task. */
export const COLLECTOR_CONTAINER_NAME = "metrics-collector";

/** The meanings a server's preset (with the config's own series) exposes. */
export function meaningsOf(series: { readonly [M in ServerMeaning]?: string }): ServerMeaning[] {
  return SERVER_MEANINGS.filter((meaning) => series[meaning] !== undefined);
}
