import type { CloudwatchMetricAlarmMetricQuery } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { AppautoscalingPolicyTargetTrackingScalingPolicyConfigurationCustomizedMetricSpecificationMetrics as TrackingMetric } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import type { MetricSource, MetricStat } from "../config/metric-schema";

/** Values of the dimension placeholders for one service (see METRIC_PLACEHOLDERS). */
export interface MetricPlaceholders {
  readonly cluster: string;
  readonly service: string;
  /** @default none (not a web service) */
  readonly loadBalancer?: string;
  /** @default none (not a web service) */
  readonly targetGroup?: string;
  /** @default none (not a worker) */
  readonly queue?: string;
}

/** One metric of a query: an id, a metric, and whether the query returns it. */
export interface MetricQuery {
  readonly id: string;
  readonly label?: string;
  readonly stat?: MetricStat;
  readonly expression?: string;
  readonly returnData: boolean;
}

/** Fills `{cluster}`, `{service}`, ... in a dimension value. */
export function fillPlaceholders(value: string, placeholders: MetricPlaceholders): string {
  return value.replace(/\{(cluster|service|loadBalancer|targetGroup|queue)\}/g, (whole, key: keyof MetricPlaceholders) => {
    const filled = placeholders[key];
    if (filled === undefined) throw new Error(`${whole} has no value for service ${placeholders.service}`);
    return filled;
  });
}

/**
 * A config metric source as queries: a single metric returns itself; metric math returns the
 * expression, under the first id of e1, e2, ... that the config's metrics do not use (ids must be
 * unique in a query).
 */
export function queriesOf(source: MetricSource, label: string): MetricQuery[] {
  if (source.metric) return [{ id: "m1", label, stat: source.metric, returnData: true }];
  let n = 1;
  while (`e${n}` in source.metrics) n++;
  return [
    ...Object.entries(source.metrics).map(([id, stat]) => ({ id, stat, returnData: false })),
    { id: `e${n}`, label, expression: source.expression, returnData: true },
  ];
}

/** A metric stat by namespace, name, dimensions and statistic. */
export function stat(namespace: string, name: string, dimensions: Record<string, string>, statistic = "Average"): MetricStat {
  return { namespace, name, dimensions, statistic };
}

/** The fields every query has, and its metric with the dimension placeholders filled. */
function queryParts(q: MetricQuery, placeholders: MetricPlaceholders) {
  const common = {
    id: q.id,
    ...(q.label ? { label: q.label } : {}),
    returnData: q.returnData,
    ...(q.expression ? { expression: q.expression } : {}),
  };
  const dimensions = q.stat ? Object.entries(q.stat.dimensions).map(([name, value]) => [name, fillPlaceholders(value, placeholders)] as const) : [];
  return { common, dimensions };
}

/** Queries in the form target tracking's customized metric specification takes. */
export function trackingMetrics(queries: readonly MetricQuery[], placeholders: MetricPlaceholders): TrackingMetric[] {
  return queries.map((q) => {
    const { common, dimensions } = queryParts(q, placeholders);
    if (!q.stat) return common;
    return {
      ...common,
      metricStat: {
        stat: q.stat.statistic,
        ...(q.stat.unit ? { unit: q.stat.unit } : {}),
        metric: { namespace: q.stat.namespace, metricName: q.stat.name, dimensions: dimensions.map(([name, value]) => ({ name, value })) },
      },
    };
  });
}

/** Queries in the form a CloudWatch metric alarm's metric_query blocks take. */
export function alarmQueries(queries: readonly MetricQuery[], placeholders: MetricPlaceholders, periodSeconds: number): CloudwatchMetricAlarmMetricQuery[] {
  return queries.map((q) => {
    const { common, dimensions } = queryParts(q, placeholders);
    if (!q.stat) return common;
    return {
      ...common,
      metric: {
        namespace: q.stat.namespace,
        metricName: q.stat.name,
        stat: q.stat.statistic,
        period: periodSeconds,
        ...(q.stat.unit ? { unit: q.stat.unit } : {}),
        dimensions: Object.fromEntries(dimensions),
      },
    };
  });
}
