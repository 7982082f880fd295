import { z } from "zod";
import { HTTP_PATH, IMAGE } from "../aws/formats";
import { CLOUDWATCH_NAMESPACE, EMAIL_ADDRESS, PROMETHEUS_METRIC_NAME, SNS_TOPIC_ARN } from "../aws/observability";
import { COLLECTOR_DEFAULTS, COLLECTOR_IMAGE, DEFAULT_SERVER_NAMESPACE, SERVER_KINDS, SERVER_MEANINGS } from "../metrics/server-presets";
import { ALARM_DEFAULTS } from "../observability/alarm-defaults";
import { int, pattern, strict } from "./zod-helpers";

/**
 * What a service publishes about itself (its model server's metrics, through a collector
 * sidecar), the alarms on it, and the environment's alert subscriptions and metric namespace.
 */

export const SidecarSchema = strict({
  image: pattern(IMAGE, 'a container image such as "public.ecr.aws/org/collector:1.2" or one pinned with "@sha256:<digest>"')
    .default(COLLECTOR_IMAGE)
    .describe(`The collector image; production pins it by digest (rule AIS-IMG-1). Default: ${COLLECTOR_IMAGE}.`),
  cpu: int(`CPU units of the collector, taken from the task's cpu (the model server keeps the rest). Default: ${COLLECTOR_DEFAULTS.cpu}.`)
    .min(64, { error: "must be at least 64" })
    .max(1024, { error: "must be at most 1024" })
    .default(COLLECTOR_DEFAULTS.cpu),
  memory: int(`MiB of the collector (its hard limit), taken from the task's memory. Default: ${COLLECTOR_DEFAULTS.memory}.`)
    .min(64, { error: "must be at least 64" })
    .max(2048, { error: "must be at most 2048" })
    .default(COLLECTOR_DEFAULTS.memory),
}).describe("The collector sidecar that scrapes the server and publishes to CloudWatch.");

export const ServerMetricsSchema = strict({
  server: z.enum(SERVER_KINDS, { error: `must be one of: ${SERVER_KINDS.join(", ")}` }).describe("The model server, for its metric names (prometheus: name them in series)."),
  port: int("Port of the server's metrics endpoint. Default: 8002 for triton, else the service's port (web) or the server's default port (workers).")
    .min(1, { error: "must be 1 or more" })
    .max(65535, { error: "must be at most 65535" })
    .optional(),
  path: pattern(HTTP_PATH, 'an HTTP path such as "/metrics"').max(256, { error: "must be at most 256 characters" }).optional().describe("Path of the metrics endpoint. Default: /metrics."),
  series: z
    .partialRecord(
      z.enum(SERVER_MEANINGS, { error: `must be one of: ${SERVER_MEANINGS.join(", ")}` }),
      pattern(PROMETHEUS_METRIC_NAME, "a Prometheus metric name (letters, digits, _ and :, at most 200 characters)"),
    )
    .default({})
    .describe(`Prometheus series by meaning (${SERVER_MEANINGS.join(", ")}), over the server's preset; required for server: prometheus.`),
  sidecar: SidecarSchema.prefault({}),
}).describe("The model server's Prometheus endpoint: a collector sidecar publishes its queue, batch, KV cache and token metrics to CloudWatch. Default: none.");

const positive = (description: string) =>
  z.number({ error: "must be a number" }).gt(0, { error: "must be greater than 0" }).max(86400, { error: "must be at most 86400" }).describe(description);

export const AlarmsSchema = strict({
  enabled: z.boolean().default(true).describe("Alarms on this service (to the environment's alert topic)."),
  latencySeconds: positive("p90 target response time above which the latency alarm fires (web). Default: preview.latencyObjectiveSeconds, else 10.").optional(),
  errorRatePercent: z
    .number({ error: "must be a number" })
    .gt(0, { error: "must be greater than 0" })
    .max(100, { error: "must be at most 100 (it is a percentage)" })
    .default(ALARM_DEFAULTS.errorRatePercent)
    .describe(`Share (%) of requests answered 5xx by the targets above which the error alarm fires (web). Default: ${ALARM_DEFAULTS.errorRatePercent}.`),
  unhealthyTargets: int(`Unhealthy targets at or above which the health alarm fires (web). Default: ${ALARM_DEFAULTS.unhealthyTargets}.`)
    .min(1, { error: "must be at least 1" })
    .max(10000, { error: "must be at most 10000" })
    .default(ALARM_DEFAULTS.unhealthyTargets),
  evaluationMinutes: int(`Minutes a condition must hold before latency, error and health alarms fire. Default: ${ALARM_DEFAULTS.evaluationMinutes}.`)
    .min(1, { error: "must be at least 1" })
    .max(1440, { error: "must be at most 1440 (CloudWatch evaluates at most one day)" })
    .default(ALARM_DEFAULTS.evaluationMinutes),
  atMaxMinutes: int(`Minutes at scaling.max before the capacity alarm fires: scaling has run out of room. Default: ${ALARM_DEFAULTS.atMaxMinutes}.`)
    .min(1, { error: "must be at least 1" })
    .max(1440, { error: "must be at most 1440 (CloudWatch evaluates at most one day)" })
    .default(ALARM_DEFAULTS.atMaxMinutes),
  oldestMessageSeconds: int("Age of the oldest queued message above which the backlog alarm fires (workers). Default: the queue policy's acceptableLatencySeconds, else 600.")
    .min(60, { error: "must be at least 60" })
    .max(1209600, { error: "must be at most 1209600 (14 days, the SQS retention limit)" })
    .optional(),
}).describe("Alarms on the service: latency, 5xx rate and unhealthy targets (web), running at max, dead-letter queue and oldest message (workers).");

export const AlertsSchema = strict({
  email: z
    .array(pattern(EMAIL_ADDRESS, 'an email address such as "oncall@example.com"'))
    .max(20, { error: "must list at most 20 addresses" })
    .default([])
    .describe("Email addresses subscribed to the environment's alert topic (each confirms by email)."),
  topicArns: z
    .array(pattern(SNS_TOPIC_ARN, "a standard SNS topic ARN (arn:aws:sns:<region>:<account>:<name>); CloudWatch alarms cannot notify FIFO topics"))
    .max(4, { error: "must list at most 4 topics (an alarm takes at most 5 actions, one of them the environment's topic)" })
    .default([])
    .describe("Existing SNS topics every alarm notifies as well (in the environment's region)."),
}).describe("Who hears of alarms: the environment's encrypted SNS topic with these subscriptions, plus existing topics.");

export const ObservabilitySchema = strict({
  namespace: pattern(CLOUDWATCH_NAMESPACE, 'a CloudWatch namespace such as "GenAI/ModelServer" (1-255 characters, not starting with "AWS/")')
    .default(DEFAULT_SERVER_NAMESPACE)
    .describe(`CloudWatch namespace the services' model-server metrics are published in. Default: ${DEFAULT_SERVER_NAMESPACE}.`),
  dashboard: z.boolean().default(true).describe("A CloudWatch dashboard of the environment (its URL is a stack output)."),
  alerts: AlertsSchema.prefault({}),
}).describe("The environment's dashboard, alert topic and metric namespace.");

export type ServerMetricsConfig = z.output<typeof ServerMetricsSchema>;
export type ParsedAlarmsConfig = z.output<typeof AlarmsSchema>;
export type ObservabilityConfig = z.output<typeof ObservabilitySchema>;
