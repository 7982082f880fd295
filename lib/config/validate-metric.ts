import { parseMetricMath } from "../aws/metric-math";
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
      findings.push(...expressionFindings(source.metrics, source.expression, path));
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

/**
 * A metric math expression CloudWatch can evaluate (lib/aws/metric-math.ts): its grammar and
 * functions, ids that `metrics` declares, every declared metric used, one time series as the result.
 */
function expressionFindings(metrics: Record<string, MetricStat>, expression: string, path: At): Finding[] {
  const parsed = parseMetricMath(expression);
  if (!parsed.ok) return [{ path: path("expression"), value: expression, message: `is not metric math CloudWatch can evaluate: ${parsed.message}` }];
  const findings: Finding[] = [];
  const declared = Object.keys(metrics);
  for (const id of parsed.ids) {
    if (!declared.includes(id)) {
      findings.push({ path: path("expression"), value: expression, message: `uses ${id}, which metrics does not declare (declared: ${declared.join(", ")})` });
    }
  }
  for (const id of declared) {
    if (!parsed.ids.has(id)) findings.push({ path: path("metrics", id), message: `is not used by the expression "${expression}"; remove it or use it` });
  }
  if (parsed.type !== "series") {
    const what = parsed.type === "scalar" ? "a single number" : "an array of time series";
    findings.push({ path: path("expression"), value: expression, message: `evaluates to ${what}; a scaling policy or alarm tracks exactly one time series` });
  }
  return findings;
}
