import type { CloudwatchMetricAlarmMetricQuery } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { AppautoscalingPolicyTargetTrackingScalingPolicyConfigurationCustomizedMetricSpecificationMetrics as TrackingMetric } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import type { IConstruct } from "constructs";
import type { MetricSource, MetricStat } from "../config/metric-schema";
import { HclExpression } from "../hcl/hcl-expression";
import { type DynamicBlock, dynamicBlock, hclOf, isPlanTime } from "../hcl/plan-time";

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

/**
 * Queries of a metric source Terraform only knows at plan time (the module's policies): an HCL
 * list of objects `{ id, label, return_data, expression, stat }`, `stat` null for the
 * expression and otherwise `{ namespace, name, dimensions, statistic, unit }`, the same
 * queries {@link queriesOf} lists for a known source.
 */
export interface PlanTimeQueries {
  readonly planTime: HclExpression;
}

/** Queries known at synth, or built by Terraform at plan time. */
export type MetricQueries = readonly MetricQuery[] | PlanTimeQueries;

export function isPlanTimeQueries(queries: MetricQueries): queries is PlanTimeQueries {
  return "planTime" in queries;
}

const PLACEHOLDER_NAMES = ["cluster", "service", "loadBalancer", "targetGroup", "queue"] as const;

/** Fills `{cluster}`, `{service}`, ... in a dimension value. */
export function fillPlaceholders(value: string, placeholders: MetricPlaceholders): string {
  return value.replace(/\{(cluster|service|loadBalancer|targetGroup|queue)\}/g, (whole, key: keyof MetricPlaceholders) => {
    const filled = placeholders[key];
    if (filled === undefined) throw new Error(`${whole} has no value for service ${placeholders.service}`);
    return filled;
  });
}

/**
 * The HCL of a dimension value (`value`, an expression) with the placeholders the service knows
 * filled: what {@link fillPlaceholders} does, done by Terraform.
 */
function fillPlaceholdersHcl(scope: IConstruct, value: string, placeholders: MetricPlaceholders): string {
  return PLACEHOLDER_NAMES.reduce(
    (text, key) => (placeholders[key] === undefined ? text : `replace(${text}, "{${key}}", ${hclOf(scope, placeholders[key])})`),
    value,
  );
}

/**
 * A config metric source as queries: a single metric returns itself; metric math returns the
 * expression. A source Terraform only knows at plan time (`scope` is where the queries go)
 * gives the same queries, built by Terraform. The expression's id is the first of e1, e2, ... that
 * the config's metrics do not use (ids must be unique in a query).
 */
export function queriesOf(scope: IConstruct, source: MetricSource, label: string): MetricQueries {
  if (isPlanTime(source.metric) || isPlanTime(source.metrics) || isPlanTime(source.expression)) return planTimeQueriesOf(scope, source, label);
  return knownQueriesOf(source, label);
}

/** {@link queriesOf} for a source whose values are all known at synth (the environments' dashboards). */
export function knownQueriesOf(source: MetricSource, label: string): readonly MetricQuery[] {
  if (source.metric) return [{ id: "m1", label, stat: source.metric, returnData: true }];
  let n = 1;
  while (`e${n}` in source.metrics) n++;
  return [
    ...Object.entries(source.metrics).map(([id, stat]) => ({ id, stat, returnData: false })),
    { id: `e${n}`, label, expression: source.expression, returnData: true },
  ];
}

/**
 * What {@link queriesOf} returns, as one HCL list: `metric`'s null stands for the
 * expression's stat so that both branches have the same element type.
 */
function planTimeQueriesOf(scope: IConstruct, source: MetricSource, label: string): PlanTimeQueries {
  const metric = hclOf(scope, source.metric);
  const text = hclOf(scope, label);
  const single = `[{ id = "m1", label = ${text}, return_data = true, stat = ${metric}, expression = tostring(null) }]`;
  const each = `[for id, stat in ${hclOf(scope, source.metrics)} : { id = id, label = tostring(null), return_data = false, stat = stat, expression = tostring(null) }]`;
  const expression = `[{ id = "e1", label = ${text}, return_data = true, stat = ${metric}, expression = ${hclOf(scope, source.expression)} }]`;
  return { planTime: HclExpression.of(`concat(${metric} != null ? ${single} : ${each}, ${metric} != null ? [] : ${expression})`) };
}

/**
 * One of several known lists of queries, chosen by a key Terraform only knows at plan time
 * (`key`, an HCL expression): the lists as one HCL object indexed by the key, each query in the
 * form {@link PlanTimeQueries} describes.
 */
export function chosenQueries(scope: IConstruct, byKey: Readonly<Record<string, readonly MetricQuery[]>>, key: string): PlanTimeQueries {
  const query = (q: MetricQuery) =>
    hclOf(scope, {
      id: q.id,
      label: q.label ?? null,
      return_data: q.returnData,
      stat: q.stat ? { namespace: q.stat.namespace, name: q.stat.name, dimensions: q.stat.dimensions, statistic: q.stat.statistic, unit: q.stat.unit ?? null } : null,
      expression: q.expression ?? null,
    });
  const lists = Object.entries(byKey).map(([name, queries]) => `${name} = [${queries.map(query).join(", ")}]`);
  return { planTime: HclExpression.of(`{ ${lists.join(", ")} }[${key}]`) };
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

/**
 * Plan-time queries as target tracking's `metrics` blocks: a `dynamic "metrics"` block, with
 * the dimension placeholders filled by Terraform.
 */
export function trackingMetricsBlock(scope: IConstruct, queries: PlanTimeQueries, placeholders: MetricPlaceholders): DynamicBlock {
  return dynamicBlock(queries.planTime, {
    id: "${metrics.value.id}",
    label: "${metrics.value.label}",
    return_data: "${metrics.value.return_data}",
    expression: "${metrics.value.expression}",
    dynamic: {
      metric_stat: dynamicBlock(HclExpression.of("metrics.value.stat == null ? [] : [metrics.value.stat]"), {
        stat: "${metric_stat.value.statistic}",
        unit: "${metric_stat.value.unit}",
        metric: {
          namespace: "${metric_stat.value.namespace}",
          metric_name: "${metric_stat.value.name}",
          dynamic: {
            dimensions: dynamicBlock(HclExpression.of("metric_stat.value.dimensions"), {
              name: "${dimensions.key}",
              value: `\${${fillPlaceholdersHcl(scope, "dimensions.value", placeholders)}}`,
            }),
          },
        },
      }),
    },
  });
}

/** Plan-time queries as a CloudWatch metric alarm's `metric_query` blocks: a `dynamic "metric_query"` block. */
export function alarmQueriesBlock(scope: IConstruct, queries: PlanTimeQueries, placeholders: MetricPlaceholders, periodSeconds: number): DynamicBlock {
  return dynamicBlock(queries.planTime, {
    id: "${metric_query.value.id}",
    label: "${metric_query.value.label}",
    return_data: "${metric_query.value.return_data}",
    expression: "${metric_query.value.expression}",
    dynamic: {
      metric: dynamicBlock(HclExpression.of("metric_query.value.stat == null ? [] : [metric_query.value.stat]"), {
        namespace: "${metric.value.namespace}",
        metric_name: "${metric.value.name}",
        stat: "${metric.value.statistic}",
        period: `\${${hclOf(scope, periodSeconds)}}`,
        unit: "${metric.value.unit}",
        dimensions: `\${{ for name, value in metric.value.dimensions : name => ${fillPlaceholdersHcl(scope, "value", placeholders)} }}`,
      }),
    },
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
