import type { ModuleCase, ModuleInputValues } from "./module-case";

/**
 * The parity table of the ai-ecs-service module (issue 11): each row is a set of module inputs
 * (over BASE_INPUTS, written as a Terraform caller writes them) that `terraform test` (with
 * `mock_provider "aws"`) must accept or reject through the row's variable validation or
 * precondition, and that the config validation (the same values as a service of a
 * `config/<env>.yaml`, validated and synthesized with the security rules, see
 * config-verdict.ts) must accept or reject alike. Where the two differ, the row says why:
 * `difference` (must stay) or `knownGap` (to be closed). Adding a case is adding a row.
 */

const ACCOUNT = "123456789012";
const SECRET = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:hf-token-AbCdEf`;
const DIGEST = "@sha256:2d52f496fdaf38ee038c64d79edb23c3b13c1f476d279eecdcbe17d6908c3564";

/** Valid inputs every row starts from: one Fargate model server behind an existing listener. */
export const BASE_INPUTS: ModuleInputValues = {
  name: "ml-chat",
  image: "ghcr.io/acme/llm-server:1.4.2",
  cpu: 1024,
  memory: 2048,
  cluster_arn: `arn:aws:ecs:eu-west-1:${ACCOUNT}:cluster/ml`,
  kms_key_arn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/0c9d8e7f-1a2b-4c3d-9e8f-0123456789ab`,
  vpc_id: "vpc-0123456789abcdef0",
  subnet_ids: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
  security_group_ids: ["sg-0123456789abcdef0"],
  listener_arn: `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:listener/app/shared/0123456789abcdef/0123456789abcdef`,
  listener_rule_priority: 100,
  min_capacity: 1,
  max_capacity: 4,
  policies: [{ type: "cpu", target: 60 }],
};

const QUEUE_POLICY = { type: "queue", seconds_per_message: 2, acceptable_latency_seconds: 60 };
/** A worker: no listener, a queue policy. */
const WORKER = { kind: "worker", listener_arn: null, listener_rule_priority: null, policies: [QUEUE_POLICY] };
const GPU = { gpu_count: 1, cpu: 4096, memory: 15360, gpu_instance_types: ["g5.2xlarge"], capacity_provider_strategy: [{ capacity_provider: "gpu-g5" }] };
const INFLIGHT = { namespace: "AIS/Server", name: "InFlightRequests", dimensions: { ServiceName: "{service}" } };
const STEP_OUT = {
  type: "step",
  name: "burst",
  alarm: { metric: INFLIGHT, comparison: "GreaterThanOrEqualToThreshold", threshold: 20 },
  steps: [
    { lower_bound: 0, upper_bound: 10, adjustment: 1 },
    { lower_bound: 10, adjustment: 3 },
  ],
};
const STEP_IN = {
  type: "step",
  name: "calm",
  alarm: { metric: INFLIGHT, comparison: "LessThanThreshold", threshold: 2, evaluation_periods: 15 },
  steps: [{ upper_bound: 0, adjustment: -1 }],
};
const SERVER_WAITING = { metric: "waiting", target: 4 };
/** `n` dimensions: the service's, and more with ASCII names and values with spaces inside. */
const dimensions = (n: number) => ({ ServiceName: "{service}", ...Object.fromEntries(Array.from({ length: n - 1 }, (_, i) => [`Dim ${i}`, `value ${i}`])) });
const step = (patch: Record<string, unknown>) => ({ policies: [{ ...STEP_OUT, ...patch }] });
const custom = (patch: Record<string, unknown>) => ({ policies: [{ type: "custom", target: 10, metric: INFLIGHT, ...patch }] });
const schedule = (patch: Record<string, unknown>) => ({ schedules: [{ name: "mornings", schedule: "cron(0 7 ? * MON-FRI *)", min: 2, ...patch }] });

/** Production inputs that pass the security rules: the image and the sidecar's image pinned by digest. */
const PRODUCTION = { production: true, image: `ghcr.io/acme/llm-server:1.4.2${DIGEST}` };
const PINNED_SIDECAR = { image: `public.ecr.aws/aws-observability/aws-otel-collector:v0.45.1${DIGEST}` };
/** The stack's generated-tokens metric (tokensPerSecond) in the default server namespace. */
const GENERATED_TOKENS = { namespace: "ModelServer", name: "GeneratedTokens", dimensions: { ServiceName: "{service}" } };
/** In production, with server_metrics and one custom policy on `metric`. */
const productionCustom = (serverMetrics: Record<string, unknown>, patch: Record<string, unknown> = {}) => ({
  ...PRODUCTION,
  server_metrics: { ...serverMetrics, sidecar: PINNED_SIDECAR },
  policies: [{ type: "custom", target: 10, metric: GENERATED_TOKENS, ...patch }],
});

const TASK = "aws_ecs_task_definition.task_definition";
const SERVICE = "aws_ecs_service.service";
const TARGET = "aws_appautoscaling_target.autoscaling_target";
const LOG_GROUP = "aws_cloudwatch_log_group.logs_group";

export const MODULE_CASES: readonly ModuleCase[] = [
  // The task and its container.
  { name: "the base inputs", inputs: {} },
  { name: "a larger Fargate size", inputs: { cpu: 2048, memory: 8192 } },
  { name: "a CPU size Fargate does not offer", inputs: { cpu: 3000 }, rejectedBy: TASK },
  { name: "memory that is not a Fargate size for the CPU", inputs: { cpu: 1024, memory: 512 }, rejectedBy: TASK },
  { name: "ARM64 tasks", inputs: { cpu_architecture: "ARM64" } },
  { name: "an architecture ECS does not know", inputs: { cpu_architecture: "arm64" }, rejectedBy: "var.cpu_architecture" },
  { name: "an image reference with a space", inputs: { image: "ghcr.io/acme/LLM Server" }, rejectedBy: "var.image" },
  { name: "an environment variable name with a hyphen", inputs: { environment: { "LOG-LEVEL": "info" } }, rejectedBy: "var.environment" },
  { name: "a secret from Secrets Manager", inputs: { secrets: { HF_TOKEN: SECRET } } },
  { name: "a secret that is not an ARN", inputs: { secrets: { HF_TOKEN: "hf-token" } }, rejectedBy: "var.secrets" },
  { name: "a variable both in environment and in secrets", inputs: { environment: { HF_TOKEN: "x" }, secrets: { HF_TOKEN: SECRET } }, rejectedBy: TASK },
  { name: "a stop timeout above Fargate's 120 seconds", inputs: { stop_timeout_seconds: 121 }, rejectedBy: "var.stop_timeout_seconds" },
  { name: "a log retention CloudWatch does not offer", inputs: { log_retention_days: 10 }, rejectedBy: "var.log_retention_days" },
  { name: "a container health check with a start period for model loading", inputs: { container_health_check: { command: "curl -fsS localhost:8080/health", start_period_seconds: 300 } } },
  { name: "a container health check every 4 seconds", inputs: { container_health_check: { command: "true", interval_seconds: 4 } }, rejectedBy: "var.container_health_check" },
  { name: "a container health check without a command", inputs: { container_health_check: { command: "" } }, rejectedBy: "var.container_health_check" },
  { name: "writable model cache and /tmp", inputs: { writable_paths: ["/tmp", "/root/.cache/huggingface"] } },
  { name: "a writable path that is not absolute", inputs: { writable_paths: ["tmp"] }, rejectedBy: "var.writable_paths" },
  { name: "eleven writable paths", inputs: { writable_paths: Array.from({ length: 11 }, (_, i) => `/scratch${i}`) }, rejectedBy: "var.writable_paths" },

  // GPU capacity.
  { name: "a GPU task on a GPU instance type that holds it", inputs: GPU },
  { name: "a GPU task with an EC2 size Fargate does not have", inputs: { ...GPU, cpu: 3000, memory: 12000 } },
  { name: "a GPU task with more CPU than the smallest instance type has", inputs: { ...GPU, gpu_instance_types: ["g5.2xlarge", "g5.xlarge"], cpu: 8192, memory: 12000 }, rejectedBy: TASK },
  { name: "a GPU task with more memory than the instance type offers tasks", inputs: { ...GPU, gpu_instance_types: ["g5.xlarge"], memory: 15360 }, rejectedBy: TASK },
  { name: "a GPU task wanting more GPUs than the instance type has", inputs: { ...GPU, gpu_count: 4 }, rejectedBy: TASK },
  { name: "a GPU task below the least CPU a task on EC2 takes", inputs: { ...GPU, cpu: 64 }, rejectedBy: "var.cpu" },
  { name: "a GPU task without its instance types", inputs: { ...GPU, gpu_instance_types: [] }, rejectedBy: TASK },
  { name: "a GPU task on ARM64", inputs: { ...GPU, cpu_architecture: "ARM64" }, rejectedBy: TASK },
  { name: "an instance type that is not a GPU type", inputs: { ...GPU, gpu_instance_types: ["m5.xlarge"] }, rejectedBy: "var.gpu_instance_types" },
  {
    name: "a GPU task on Fargate",
    inputs: { ...GPU, capacity_provider_strategy: [{ capacity_provider: "FARGATE" }] },
    rejectedBy: SERVICE,
    noConfigCounterpart: "the config's GPU compute always runs on its own EC2 capacity provider",
  },

  // Web or worker.
  { name: "a worker on its queue", inputs: WORKER },
  { name: "a worker that scales to zero", inputs: { ...WORKER, min_capacity: 0 } },
  { name: "a worker's queue with a longer visibility timeout", inputs: { ...WORKER, queue: { visibility_timeout_seconds: 900, max_receive_count: 3 } } },
  { name: "a worker's visibility timeout below its messages' processing time", inputs: { ...WORKER, policies: [{ ...QUEUE_POLICY, seconds_per_message: 30 }], queue: { visibility_timeout_seconds: 10 } }, rejectedBy: TARGET },
  { name: "a worker's queue URL variable also set in environment", inputs: { ...WORKER, environment: { QUEUE_URL: "x" } }, rejectedBy: TASK },
  { name: "a queue retention above the SQS limit", inputs: { ...WORKER, queue: { message_retention_seconds: 1209601 } }, rejectedBy: "var.queue" },
  { name: "a web service scaled to zero", inputs: { min_capacity: 0 }, rejectedBy: TARGET },
  { name: "a worker scaled to zero without a queue policy", inputs: { ...WORKER, min_capacity: 0, policies: [{ type: "cpu", target: 60 }] }, rejectedBy: TARGET },
  { name: "a queue policy on a web service", inputs: { policies: [QUEUE_POLICY] }, rejectedBy: TARGET },
  { name: "a requests policy on a worker", inputs: { ...WORKER, policies: [QUEUE_POLICY, { type: "requests", target: 100 }] }, rejectedBy: TARGET },
  { name: "a latency policy on a worker", inputs: { ...WORKER, policies: [QUEUE_POLICY, { type: "latency", target: 2 }] }, rejectedBy: TARGET },
  { name: "a predictive policy on requests for a worker", inputs: { ...WORKER, predictive_policy: { metric: "requests", target: 100 } }, rejectedBy: TARGET },
  { name: "a queue policy that can never keep up", inputs: { ...WORKER, policies: [{ ...QUEUE_POLICY, seconds_per_message: 90 }] }, rejectedBy: "var.policies" },
  {
    name: "a web service without a listener",
    inputs: { listener_arn: null },
    rejectedBy: "aws_lb_listener_rule.route_rule",
    noConfigCounterpart: "a config's web services use the environment's own load balancer",
  },

  // Policies.
  { name: "CPU and request count policies together", inputs: { policies: [{ type: "cpu", target: 60 }, { type: "requests", target: 150, scale_in_cooldown_seconds: 600 }] } },
  { name: "two CPU policies, named apart", inputs: { policies: [{ type: "cpu", target: 60 }, { type: "cpu", name: "cpu-high", target: 80 }] }, rejectedBy: "var.policies" },
  { name: "two policies with one name", inputs: { policies: [{ type: "cpu", target: 60 }, { type: "memory", name: "cpu", target: 80 }] }, rejectedBy: "var.policies" },
  { name: "a CPU target above 100%", inputs: { policies: [{ type: "cpu", target: 101 }] }, rejectedBy: "var.policies" },
  { name: "a policy type that does not exist", inputs: { policies: [{ type: "gpu", target: 50 }] }, rejectedBy: "var.policies" },
  { name: "no policies", inputs: { policies: [] }, rejectedBy: TARGET },
  { name: "a custom policy on one metric", inputs: custom({}) },
  { name: "a custom policy on metric math", inputs: custom({ metric: null, metrics: { inflight: INFLIGHT, tasks: { namespace: "ECS/ContainerInsights", name: "RunningTaskCount", dimensions: { ServiceName: "{service}", ClusterName: "{cluster}" } } }, expression: "inflight / tasks" }) },
  { name: "a custom policy with both a metric and metric math", inputs: custom({ metrics: { inflight: INFLIGHT }, expression: "inflight" }), rejectedBy: "var.policies" },
  { name: "a custom policy with metrics but no expression", inputs: custom({ metric: null, metrics: { inflight: INFLIGHT } }), rejectedBy: "var.policies" },
  { name: "a custom policy whose expression leaves a metric out", inputs: custom({ metric: null, metrics: { inflight: INFLIGHT, other: INFLIGHT }, expression: "inflight * 2" }), rejectedBy: "var.policies" },
  { name: "a custom metric with a placeholder that does not exist", inputs: custom({ metric: { ...INFLIGHT, dimensions: { Pod: "{pod}" } } }), rejectedBy: "var.policies" },
  { name: "a custom metric on the queue of a web service", inputs: custom({ metric: { ...INFLIGHT, dimensions: { QueueName: "{queue}" } } }), rejectedBy: TARGET },
  { name: "a custom metric on the target group of a worker", inputs: { ...WORKER, policies: [QUEUE_POLICY, { type: "custom", target: 10, metric: { ...INFLIGHT, dimensions: { TargetGroup: "{targetGroup}" } } }] }, rejectedBy: TARGET },
  { name: "a custom metric with 30 dimensions, CloudWatch's most", inputs: custom({ metric: { ...INFLIGHT, dimensions: dimensions(30) } }) },
  { name: "a custom metric with 31 dimensions", inputs: custom({ metric: { ...INFLIGHT, dimensions: dimensions(31) } }), rejectedBy: "var.policies" },
  { name: "a dimension name starting with a colon", inputs: custom({ metric: { ...INFLIGHT, dimensions: { ":model": "llama" } } }), rejectedBy: "var.policies" },
  { name: "a dimension name of spaces only", inputs: custom({ metric: { ...INFLIGHT, dimensions: { " ": "llama" } } }), rejectedBy: "var.policies" },
  { name: "a dimension name that is not ASCII", inputs: custom({ metric: { ...INFLIGHT, dimensions: { "Modèle": "llama" } } }), rejectedBy: "var.policies" },
  { name: "a dimension value that is not ASCII", inputs: custom({ metric: { ...INFLIGHT, dimensions: { Model: "café" } } }), rejectedBy: "var.policies" },
  { name: "a dimension value of spaces only", inputs: custom({ metric: { ...INFLIGHT, dimensions: { Model: " " } } }), rejectedBy: "var.policies" },
  { name: "a step alarm's metric-math dimension value with a tab", inputs: step({ alarm: { ...STEP_OUT.alarm, metric: null, metrics: { m: { ...INFLIGHT, dimensions: { Model: "llama\t3" } } }, expression: "m" } }), rejectedBy: "var.policies" },
  { name: "two custom policies on one metric", inputs: { policies: [{ type: "custom", target: 10, metric: INFLIGHT }, { type: "custom", name: "again", target: 20, metric: INFLIGHT }] }, rejectedBy: "var.policies" },
  { name: "a custom statistic CloudWatch does not have", inputs: custom({ metric: { ...INFLIGHT, statistic: "Median" } }), rejectedBy: "var.policies" },
  { name: "step policies out and in on one metric", inputs: { policies: [STEP_OUT, STEP_IN] } },
  { name: "step policies with a gap between steps", inputs: step({ steps: [{ lower_bound: 0, upper_bound: 10, adjustment: 1 }, { lower_bound: 20, adjustment: 2 }] }), rejectedBy: "var.policies" },
  { name: "a high alarm's first step above the threshold", inputs: step({ steps: [{ lower_bound: 5, adjustment: 1 }] }), rejectedBy: "var.policies" },
  { name: "a low alarm's last step below the threshold", inputs: { policies: [{ ...STEP_IN, steps: [{ upper_bound: -1, adjustment: -1 }] }] }, rejectedBy: "var.policies" },
  { name: "an exact capacity step below zero", inputs: step({ adjustment_type: "ExactCapacity", steps: [{ lower_bound: 0, adjustment: -2 }] }), rejectedBy: "var.policies" },
  { name: "a minimum step magnitude without percent steps", inputs: step({ min_adjustment_magnitude: 2 }), rejectedBy: "var.policies" },
  { name: "more breaching datapoints than evaluated periods", inputs: step({ alarm: { ...STEP_OUT.alarm, evaluation_periods: 3, datapoints_to_alarm: 4 } }), rejectedBy: "var.policies" },
  { name: "an alarm period CloudWatch does not have", inputs: step({ alarm: { ...STEP_OUT.alarm, period_seconds: 45 } }), rejectedBy: "var.policies" },
  { name: "an alarm that looks back more than a day", inputs: step({ alarm: { ...STEP_OUT.alarm, period_seconds: 300, evaluation_periods: 300 } }), rejectedBy: "var.policies" },
  { name: "a 10-second alarm on a high-resolution custom metric", inputs: step({ alarm: { ...STEP_OUT.alarm, period_seconds: 10 } }) },
  {
    name: "a 10-second alarm on a metric published once a minute",
    inputs: step({ alarm: { ...STEP_OUT.alarm, period_seconds: 10, metric: { namespace: "AWS/ApplicationELB", name: "RequestCountPerTarget", dimensions: { TargetGroup: "{targetGroup}" } } } }),
    rejectedBy: "var.policies",
  },
  { name: "a predictive policy that acts on its forecast", inputs: { predictive_policy: { metric: "cpu", target: 60, mode: "ForecastAndScale" } } },
  {
    name: "a predictive policy that may raise the maximum by a fifth",
    inputs: { predictive_policy: { metric: "cpu", target: 60, mode: "ForecastAndScale", max_capacity_breach_behavior: "IncreaseMaxCapacity", max_capacity_buffer_percent: 20 } },
  },
  { name: "a capacity buffer on a predictive policy that keeps the maximum", inputs: { predictive_policy: { metric: "cpu", target: 60, max_capacity_buffer_percent: 20 } }, rejectedBy: "var.predictive_policy" },
  { name: "a predictive scheduling buffer of a whole hour", inputs: { predictive_policy: { metric: "cpu", target: 60, scheduling_buffer_time_seconds: 3600 } }, rejectedBy: "var.predictive_policy" },
  { name: "a predictive scheduling buffer beyond the forecast's hour", inputs: { predictive_policy: { metric: "cpu", target: 60, scheduling_buffer_time_seconds: 4000 } }, rejectedBy: "var.predictive_policy" },
  { name: "a predictive policy named like another policy", inputs: { predictive_policy: { name: "cpu", metric: "memory", target: 70 } }, rejectedBy: TARGET },

  // Scaling bounds and schedules.
  { name: "min_capacity above max_capacity", inputs: { min_capacity: 5, max_capacity: 2 }, rejectedBy: TARGET },
  { name: "max_capacity 0", inputs: { max_capacity: 0 }, rejectedBy: "var.max_capacity" },
  { name: "a schedule that raises the minimum on weekday mornings", inputs: schedule({ timezone: "Europe/Dublin" }) },
  { name: "a schedule that changes neither bound", inputs: schedule({ min: null }), rejectedBy: "var.schedules" },
  { name: "a schedule whose minimum is above its maximum", inputs: schedule({ min: 3, max: 2 }), rejectedBy: "var.schedules" },
  { name: "a schedule's minimum above max_capacity", inputs: schedule({ min: 6 }), rejectedBy: TARGET },
  { name: "a schedule to zero tasks without a queue policy", inputs: schedule({ min: 0 }), rejectedBy: TARGET },
  { name: "two schedules with one name", inputs: { schedules: [schedule({}).schedules[0], { ...schedule({}).schedules[0], min: 1, schedule: "cron(0 19 ? * MON-FRI *)" }] }, rejectedBy: "var.schedules" },
  { name: "a schedule in Asia/Kolkata, a current IANA name that ICU lists as Asia/Calcutta", inputs: schedule({ timezone: "Asia/Kolkata" }) },
  { name: "a schedule in Etc/GMT+9, a fixed-offset zone (AWS's own example)", inputs: schedule({ timezone: "Etc/GMT+9" }) },
  { name: "a schedule in a time zone that does not exist", inputs: schedule({ timezone: "Mars/Olympus_Mons" }), rejectedBy: "aws_appautoscaling_scheduled_action.autoscaling_schedule" },
  { name: "a schedule that is not an expression", inputs: schedule({ schedule: "every morning" }), rejectedBy: "var.schedules" },
  {
    name: "a cron schedule at hour 25",
    inputs: schedule({ schedule: "cron(0 25 ? * MON-FRI *)" }),
    difference:
      "Terraform has no cron parser: the module checks a schedule's shape (the pattern of config/schema.json); the config parses every field (lib/aws/schedule-expression.ts), and AWS rejects the field when it creates the action",
  },

  // Production and the security rules.
  // The model server's metrics (a collector sidecar) and server policies.
  { name: "vLLM metrics and a server policy on waiting requests", inputs: { server_metrics: { server: "vllm" }, server_policies: [SERVER_WAITING] } },
  {
    name: "a KV-cache server policy beside a CPU policy, in a namespace of the caller's",
    inputs: { server_metrics: { server: "vllm", namespace: "GenAI/ModelServer" }, server_policies: [{ metric: "kvCacheUsage", target: 80 }] },
  },
  { name: "a server policy as the only policy", inputs: { policies: [], server_metrics: { server: "sglang" }, server_policies: [{ metric: "tokensPerSecond", target: 400 }] } },
  { name: "a worker scaling on Triton's pending requests (its metrics port)", inputs: { ...WORKER, server_metrics: { server: "triton" }, server_policies: [SERVER_WAITING] } },
  { name: "server metrics without server policies", inputs: { server_metrics: { server: "tgi", port: 9000, path: "/prometheus" } } },
  { name: "a server policy without server_metrics", inputs: { server_policies: [SERVER_WAITING] }, rejectedBy: TARGET },
  { name: "a server policy on a metric the server does not publish", inputs: { server_metrics: { server: "tgi" }, server_policies: [{ metric: "kvCacheUsage", target: 80 }] }, rejectedBy: TARGET },
  { name: "a KV-cache target above 100%", inputs: { server_metrics: { server: "vllm" }, server_policies: [{ metric: "kvCacheUsage", target: 120 }] }, rejectedBy: "var.server_policies" },
  {
    name: "two server policies on one metric",
    inputs: { server_metrics: { server: "vllm" }, server_policies: [SERVER_WAITING, { ...SERVER_WAITING, name: "waiting-fast", target: 2 }] },
    rejectedBy: "var.server_policies",
  },
  { name: "two server policies without names", inputs: { server_metrics: { server: "vllm" }, server_policies: [SERVER_WAITING, { metric: "running", target: 8 }] }, rejectedBy: "var.server_policies" },
  { name: "a server policy named like a policy of policies", inputs: { server_metrics: { server: "vllm" }, server_policies: [{ ...SERVER_WAITING, name: "cpu" }] }, rejectedBy: TARGET },
  { name: "a server the module does not know", inputs: { server_metrics: { server: "ollama" } }, rejectedBy: "var.server_metrics" },
  { name: "a server without a preset (prometheus needs series)", inputs: { server_metrics: { server: "prometheus" } }, rejectedBy: "var.server_metrics" },
  {
    name: "any Prometheus server, its series named (a counter among them)",
    inputs: { server_metrics: { server: "prometheus", series: { waiting: "queue_depth", tokensPerSecond: "tokens_generated_total" } }, server_policies: [SERVER_WAITING] },
    comparesCollector: true,
  },
  {
    name: "a preset's series renamed (vLLM before its V1 engine)",
    inputs: { server_metrics: { server: "vllm", series: { kvCacheUsage: "vllm:gpu_cache_usage_perc" } }, server_policies: [{ metric: "kvCacheUsage", target: 80 }] },
    comparesCollector: true,
  },
  {
    name: "a server policy on a metric only server_metrics.series names",
    inputs: { server_metrics: { server: "tgi", series: { kvCacheUsage: "tgi_kv_cache_usage" } }, server_policies: [{ metric: "kvCacheUsage", target: 80 }] },
    comparesCollector: true,
  },
  { name: "a preset's collector configuration on the server's own port and path", inputs: { server_metrics: { server: "triton", path: "/stats" } }, comparesCollector: true },
  { name: "a series name with a hyphen", inputs: { server_metrics: { server: "prometheus", series: { waiting: "queue-depth" } } }, rejectedBy: "var.server_metrics" },
  { name: "a series for a meaning there is none of", inputs: { server_metrics: { server: "vllm", series: { queueDepth: "queue_depth" } } }, rejectedBy: "var.server_metrics" },
  {
    name: "a Prometheus worker without its metrics port",
    inputs: { ...WORKER, server_metrics: { server: "prometheus", series: { waiting: "queue_depth" } }, server_policies: [SERVER_WAITING] },
    rejectedBy: TASK,
  },
  {
    name: "a Prometheus worker with its metrics port",
    inputs: { ...WORKER, server_metrics: { server: "prometheus", port: 9400, series: { waiting: "queue_depth" } }, server_policies: [SERVER_WAITING] },
    comparesCollector: true,
  },
  { name: "a series shared by two meanings", inputs: { server_metrics: { server: "prometheus", series: { waiting: "queue_depth", running: "queue_depth" } } }, rejectedBy: TASK },
  {
    name: "a series override equal to another meaning's preset series",
    inputs: { server_metrics: { server: "vllm", series: { running: "vllm:num_requests_waiting" } }, server_policies: [{ metric: "running", target: 8 }] },
    rejectedBy: TASK,
  },
  { name: "a sidecar that leaves the server under 128 CPU units", inputs: { server_metrics: { server: "vllm", sidecar: { cpu: 1000 } } }, rejectedBy: TARGET },
  { name: "a sidecar that leaves the server under 512 MiB", inputs: { server_metrics: { server: "vllm", sidecar: { memory: 1600 } } }, rejectedBy: TARGET },
  { name: "a sidecar with 32 MiB", inputs: { server_metrics: { server: "vllm", sidecar: { memory: 32 } } }, rejectedBy: "var.server_metrics" },
  { name: "a metrics namespace under AWS/", inputs: { server_metrics: { server: "vllm", namespace: "AWS/ECS" } }, rejectedBy: "var.server_metrics" },
  { name: "a metrics path without its leading slash", inputs: { server_metrics: { server: "vllm", path: "metrics" } }, rejectedBy: "var.server_metrics" },
  { name: "a metrics port above 65535", inputs: { server_metrics: { server: "vllm", port: 70000 } }, rejectedBy: "var.server_metrics" },
  { name: "production with the sidecar's image by tag", inputs: { production: true, image: `ghcr.io/acme/llm-server:1.4.2${DIGEST}`, server_metrics: { server: "vllm" } }, rejectedBy: TASK },
  {
    name: "production with the sidecar's image pinned by digest",
    inputs: { production: true, image: `ghcr.io/acme/llm-server:1.4.2${DIGEST}`, server_metrics: { server: "vllm", sidecar: { image: `public.ecr.aws/aws-observability/aws-otel-collector:v0.45.1${DIGEST}` } } },
  },
  { name: "production with an image pinned by digest", inputs: { production: true, image: `ghcr.io/acme/llm-server:1.4.2${DIGEST}` } },
  // Production policies on metrics nobody publishes (the config: unpublishedMetricFindings; outside production a warning only).
  { name: "production: a custom policy on a server metric the server does not publish", inputs: productionCustom({ server: "tgi" }), rejectedBy: TARGET },
  { name: "production: a custom policy on a server metric the server publishes", inputs: productionCustom({ server: "prometheus", series: { tokensPerSecond: "t_total" } }) },
  { name: "production: a custom policy on a server metric in another namespace", inputs: productionCustom({ server: "prometheus", namespace: "GenAI/ModelServer", series: { tokensPerSecond: "t_total" } }), rejectedBy: TARGET },
  { name: "production: a custom policy that says who publishes its metric", inputs: productionCustom({ server: "tgi" }, { published_by: "the model server's own EMF logs" }) },
  { name: "outside production: a custom policy on a metric nobody publishes", inputs: { server_metrics: { server: "tgi" }, policies: [{ type: "custom", target: 10, metric: GENERATED_TOKENS }] } },
  { name: "production: a step policy on a metric nobody publishes", inputs: { ...PRODUCTION, ...step({}) }, rejectedBy: TARGET },
  { name: "production: a step policy that says who publishes its metric", inputs: { ...PRODUCTION, ...step({ published_by: "the gateway's EMF logs" }) } },
  {
    name: "production: a custom policy on metric math over Container Insights and ALB metrics",
    inputs: {
      ...PRODUCTION,
      ...custom({
        metric: null,
        metrics: {
          requests: { namespace: "AWS/ApplicationELB", name: "RequestCountPerTarget", dimensions: { TargetGroup: "{targetGroup}" } },
          tasks: { namespace: "ECS/ContainerInsights", name: "RunningTaskCount", dimensions: { ServiceName: "{service}", ClusterName: "{cluster}" } },
        },
        expression: "requests / tasks",
      }),
    },
  },
  {
    name: "production: a step policy on the GPU hosts' utilization",
    inputs: {
      ...PRODUCTION,
      ...GPU,
      ...step({ alarm: { ...STEP_OUT.alarm, metric: { namespace: "GPUHosts", name: "nvidia_smi_utilization_gpu", dimensions: { AutoScalingGroupName: "ml-gpu" } } } }),
    },
    rejectedBy: TARGET,
    difference:
      "the environments' GPU capacity runs the CloudWatch agent that publishes GPUHosts metrics; the module runs on the caller's capacity provider and publishes none, so it wants published_by there",
  },
  { name: "production with an image by tag", inputs: { production: true }, rejectedBy: TASK },
  { name: "production tasks with public IPs", inputs: { production: true, image: `ghcr.io/acme/llm-server:1.4.2${DIGEST}`, assign_public_ip: true }, rejectedBy: SERVICE },
  { name: "public IPs outside production", inputs: { assign_public_ip: true } },
  { name: "production logs kept 30 days", inputs: { production: true, image: `ghcr.io/acme/llm-server:1.4.2${DIGEST}`, log_retention_days: 30 }, rejectedBy: LOG_GROUP },
  { name: "production logs kept two years", inputs: { production: true, image: `ghcr.io/acme/llm-server:1.4.2${DIGEST}`, log_retention_days: 731 } },
  { name: "logs kept 30 days outside production", inputs: { log_retention_days: 30 } },
  { name: "a KMS key given by alias", inputs: { kms_key_arn: `arn:aws:kms:eu-west-1:${ACCOUNT}:alias/ml` }, rejectedBy: "var.kms_key_arn" },

  // The module's own inputs.
  { name: "a cluster ARN that names a service", inputs: { cluster_arn: `arn:aws:ecs:eu-west-1:${ACCOUNT}:service/ml/chat` }, rejectedBy: "var.cluster_arn" },
  { name: "no subnets", inputs: { subnet_ids: [] }, rejectedBy: "var.subnet_ids" },
  { name: "a listener of a network load balancer", inputs: { listener_arn: `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:listener/net/shared/0123456789abcdef/0123456789abcdef` }, rejectedBy: "var.listener_arn" },
  { name: "listener rule priority 0", inputs: { listener_rule_priority: 0 }, rejectedBy: "var.listener_rule_priority" },
  { name: "port 0", inputs: { port: 0 }, rejectedBy: "var.port" },
  { name: "a health check matcher that is not HTTP codes", inputs: { health_check: { matcher: "ok" } }, rejectedBy: "var.health_check" },
  { name: "a health check timeout as long as its interval", inputs: { health_check: { interval_seconds: 10, timeout_seconds: 10 } }, rejectedBy: "var.health_check" },
  {
    name: "more than five path patterns and host headers together",
    inputs: { path_patterns: ["/a", "/b", "/c"], host_headers: ["a.example.com", "b.example.com", "c.example.com"] },
    rejectedBy: "aws_lb_listener_rule.route_rule",
    noConfigCounterpart: "a config route is one path prefix and one host, which never reach the listener rule's five values",
  },
  {
    name: "a secret in another region",
    inputs: { secrets: { HF_TOKEN: SECRET.replace("eu-west-1", "us-east-1") } },
    difference: "the config requires secrets in the environment's region; the module's region is the caller's provider's, and a secret in another Region is a valid ARN that ECS can read",
  },
  {
    name: "a misspelled policy field",
    inputs: { policies: [{ type: "cpu", target: 60, scale_in_cooldown: 600 }] },
    difference: "Terraform's type conversion drops object attributes the variable's type does not declare, before any validation sees them; the config reports an unknown field",
  },
];
