import type { At, ServiceKind } from "../scaling/policies/definition";
import { METRIC_PLACEHOLDERS } from "./metric-placeholders";
import type { MetricStat } from "./metric-schema";
import type { Finding } from "./validate";

/** The CloudWatch metrics a metric source reads. */
export function metricSourceReads(source: { metric?: MetricStat; metrics?: Record<string, MetricStat> }): { namespace: string; name: string }[] {
  const stats = source.metric ? [source.metric] : Object.values(source.metrics ?? {});
  return stats.map((stat) => ({ namespace: stat.namespace, name: stat.name }));
}

/** What a metric source reads, as a comparable string. */
export function metricSourceIdentity(source: { metric?: MetricStat; metrics?: Record<string, MetricStat>; expression?: string }): string {
  return JSON.stringify([source.metric, source.metrics, source.expression]);
}

/** A metric source has exactly one form, an expression uses every metric it declares, placeholders fit the service. */
export function metricSourceFindings(
  kind: ServiceKind,
  source: { metric?: MetricStat; metrics?: Record<string, MetricStat>; expression?: string },
  path: At,
): Finding[] {
  const findings: Finding[] = [];
  const hasMath = source.metrics !== undefined || source.expression !== undefined;
  if (source.metric && hasMath) {
    findings.push({ path: path("metric"), message: "give either metric, or metrics and expression, not both" });
  } else if (!source.metric && !hasMath) {
    findings.push({ path: path(), message: "needs a metric, or metrics and an expression over them" });
  } else if (hasMath) {
    if (!source.metrics || Object.keys(source.metrics).length === 0) {
      findings.push({ path: path("metrics"), message: "must declare the metrics the expression uses" });
    } else if (!source.expression) {
      findings.push({ path: path("expression"), message: "is required with metrics: the metric-math expression over them" });
    } else {
      const identifiers = new Set(source.expression.match(/\b[a-z][a-zA-Z0-9_]*\b/g) ?? []);
      for (const id of Object.keys(source.metrics)) {
        if (!identifiers.has(id)) {
          findings.push({ path: path("metrics", id), message: `is not used by the expression "${source.expression}"; remove it or use it` });
        }
      }
    }
  }
  const stats = source.metric ? [["metric", source.metric] as const] : Object.entries(source.metrics ?? {}).map(([id, m]) => [id, m] as const);
  for (const [id, stat] of stats) {
    for (const [dimension, value] of Object.entries(stat.dimensions)) {
      const dimensionPath = id === "metric" ? path("metric", "dimensions", dimension) : path("metrics", id, "dimensions", dimension);
      for (const placeholder of value.match(/\{[^}]*\}/g) ?? []) {
        if (!(placeholder in METRIC_PLACEHOLDERS)) {
          findings.push({ path: dimensionPath, value, message: `${placeholder} is not a placeholder; allowed: ${Object.keys(METRIC_PLACEHOLDERS).join(", ")}` });
        } else if ((placeholder === "{loadBalancer}" || placeholder === "{targetGroup}") && kind !== "web") {
          findings.push({ path: dimensionPath, value, message: `${placeholder} exists only for web services (this is a ${kind})` });
        } else if (placeholder === "{queue}" && kind !== "worker") {
          findings.push({ path: dimensionPath, value, message: `{queue} exists only for workers (this is a ${kind})` });
        }
      }
    }
  }
  return findings;
}
