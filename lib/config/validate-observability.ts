import { arnPartitionProblem } from "../aws/arns";
import { isAwsPublishedNamespace } from "../aws/cloudwatch";
import { topicRegion } from "../aws/observability";
import { GPU_HOST_METRICS, GPU_HOST_NAMESPACE } from "../metrics/gpu-host-metrics";
import { MEANINGS, meaningsOf, SERVER_PRESETS, type ServerMeaning } from "../metrics/server-presets";
import { type At, type PolicyDefinition, policyName } from "../scaling/policies/definition";
import { POLICY_DEFINITIONS } from "../scaling/policies/definitions";
import { metricsPort } from "./resolve-observability";
import type { ParsedEnvironment } from "./schema";
import type { Finding } from "./validate";

type ParsedService = ParsedEnvironment["services"][string];

/** The share of the task the model server keeps at least when the collector sidecar takes its own. */
export const SERVER_MINIMUM_SHARE = { cpu: 128, memory: 512 } as const;

/** A service's `metrics` section against its kind, its task size and its server policies; its `alarms` against its kind. */
export function serviceObservabilityFindings(service: ParsedService, at: At): Finding[] {
  const findings: Finding[] = [];
  const metrics = service.metrics;
  if (metrics) {
    if (metrics.server === "prometheus" && Object.keys(metrics.series).length === 0) {
      findings.push({ path: at("metrics", "series"), message: "must name at least one series for server: prometheus (e.g. waiting: my_queue_length); the other servers have presets" });
    }
    findings.push(...sharedSeriesFindings(metrics, at));
    if (metricsPort(metrics, service.kind === "web" ? service.port : undefined) === undefined) {
      findings.push({ path: at("metrics", "port"), message: `is required: a worker has no service port, and ${metrics.server} has no default port` });
    }
    const { cpu, memory } = metrics.sidecar;
    if (service.cpu - cpu < SERVER_MINIMUM_SHARE.cpu) {
      findings.push({
        path: at("metrics", "sidecar", "cpu"),
        value: cpu,
        message: `leaves the model server ${service.cpu - cpu} of the task's ${service.cpu} CPU units; it must keep at least ${SERVER_MINIMUM_SHARE.cpu}: lower the sidecar's cpu or raise the task's`,
      });
    }
    if (service.memory - memory < SERVER_MINIMUM_SHARE.memory) {
      findings.push({
        path: at("metrics", "sidecar", "memory"),
        value: memory,
        message: `leaves the model server ${service.memory - memory} of the task's ${service.memory} MiB; it must keep at least ${SERVER_MINIMUM_SHARE.memory}: lower the sidecar's memory or raise the task's`,
      });
    }
  }
  const meanings = metrics ? meaningsOf({ ...SERVER_PRESETS[metrics.server].series, ...metrics.series }) : [];
  service.scaling.policies.forEach((policy, index) => {
    if (policy.type !== "server") return;
    const path = (...rest: PropertyKey[]) => at("scaling", "policies", index, ...rest);
    if (!metrics) {
      findings.push({ path: path("type"), value: "server", message: "needs the service's metrics section (e.g. metrics: {server: vllm}): nothing publishes the server's metrics without it" });
    } else if (!meanings.includes(policy.metric)) {
      findings.push({
        path: path("metric"),
        value: policy.metric,
        message: `is not published for server ${metrics.server} (it publishes ${meanings.join(", ") || "nothing"}); name its series in metrics.series.${policy.metric} or use one of those`,
      });
    }
  });
  if (service.kind === "worker" && service.alarms.latencySeconds !== undefined) {
    findings.push({ path: at("alarms", "latencySeconds"), value: service.alarms.latencySeconds, message: "applies to web services only (a worker has no load balancer); use oldestMessageSeconds" });
  }
  if (service.kind === "web" && service.alarms.oldestMessageSeconds !== undefined) {
    findings.push({ path: at("alarms", "oldestMessageSeconds"), value: service.alarms.oldestMessageSeconds, message: "applies to workers only (a web service has no queue); use latencySeconds" });
  }
  return findings;
}

/**
 * Each meaning on a series of its own, in the preset's series merged with `metrics.series`: the
 * collector's metricstransform renames a series once, so of two meanings on one series only one
 * is ever published, and a policy on the other never gets data. The meaning reported is the one
 * `metrics.series` sets (the first of a group it sets wholly stays unreported).
 */
function sharedSeriesFindings(metrics: NonNullable<ParsedService["metrics"]>, at: At): Finding[] {
  const merged: { readonly [M in ServerMeaning]?: string } = { ...SERVER_PRESETS[metrics.server].series, ...metrics.series };
  const set = (meaning: ServerMeaning) => metrics.series[meaning] !== undefined;
  const findings: Finding[] = [];
  const byMeaning = meaningsOf(merged);
  for (const meaning of byMeaning) {
    if (!set(meaning)) continue;
    const series = merged[meaning];
    const others = byMeaning.filter((other) => other !== meaning && merged[other] === series);
    // Of meanings metrics.series puts on one series, the first is the one the others collide with.
    const kept = others.filter((other) => !set(other) || byMeaning.indexOf(other) < byMeaning.indexOf(meaning));
    if (kept.length === 0) continue;
    findings.push({
      path: at("metrics", "series", meaning),
      value: series,
      message: `is also the series of ${kept.join(", ")}${kept.some((other) => !set(other)) ? ` (the ${metrics.server} preset's)` : ""}: the collector renames a series once, so one of the two meanings would never be published; give each meaning its own series`,
    });
  }
  return findings;
}

/** The alert topics are in the environment's Region (an alarm can notify topics of its own Region only), and so in its partition. */
export function alertFindings(config: ParsedEnvironment): Finding[] {
  return config.observability.alerts.topicArns.flatMap((arn, index) => {
    const path = ["observability", "alerts", "topicArns", index];
    const region = topicRegion(arn);
    if (region !== config.region) {
      return [{ path, value: arn, message: `is in Region ${region}; CloudWatch alarms notify SNS topics of their own Region (${config.region}) only` }];
    }
    const partition = arnPartitionProblem(arn, config.region);
    return partition ? [{ path, value: arn, message: partition }] : [];
  });
}

/**
 * What the stack publishes itself, by namespace: the services' model-server metrics (by their
 * meanings) and, on GPU Auto Scaling groups, the hosts' GPU metrics.
 */
function stackPublishes(config: ParsedEnvironment, service: ParsedService, namespace: string, name: string): boolean {
  if (namespace === config.observability.namespace && service.metrics) {
    const meanings = meaningsOf({ ...SERVER_PRESETS[service.metrics.server].series, ...service.metrics.series });
    return meanings.some((meaning) => MEANINGS[meaning].metricName === name);
  }
  if (namespace === GPU_HOST_NAMESPACE && service.compute.type === "gpu" && service.compute.provisioning !== "managed-instances") {
    return Object.values(GPU_HOST_METRICS).some((metric) => metric.metricName === name);
  }
  return false;
}

/**
 * Policies that read a metric neither AWS nor this stack publishes, and whose config does not say
 * who does (`publishedBy`): target tracking on a metric that never arrives does nothing, silently.
 */
export function unpublishedMetricFindings(config: ParsedEnvironment): Finding[] {
  const findings: Finding[] = [];
  for (const [name, service] of Object.entries(config.services)) {
    service.scaling.policies.forEach((policy, index) => {
      const definition = POLICY_DEFINITIONS[policy.type] as PolicyDefinition;
      if (definition.publishedBy?.(policy)) return;
      for (const read of definition.reads(policy, { serverNamespace: config.observability.namespace })) {
        if (isAwsPublishedNamespace(read.namespace) || stackPublishes(config, service, read.namespace, read.name)) continue;
        findings.push({
          path: ["services", name, "scaling", "policies", index],
          value: policyName(policy),
          message: `reads ${read.namespace} ${read.name}, which neither AWS nor this stack publishes: a policy on a metric that never arrives never scales; use a server policy with the service's metrics section, or set publishedBy to say who publishes it`,
        });
      }
    });
  }
  return findings;
}
