import { METRICS } from "../aws/cloudwatch";
import { GPU_HOST_METRICS, GPU_HOST_NAMESPACE } from "../metrics/gpu-host-metrics";
import { serverQueries } from "../metrics/server-queries";
import { MEANINGS, type ServerMeaning } from "../metrics/server-presets";
import { fillPlaceholders, type MetricPlaceholders, type MetricQuery, stat } from "../scaling/metric";

/** One service's part of the dashboard, in AWS terms. */
export interface DashboardService {
  /** The service's name in the config (the row's title). */
  readonly name: string;
  readonly kind: "web" | "worker";
  /** Values of the dimension placeholders (cluster, service, load balancer, target group, queue). */
  readonly placeholders: MetricPlaceholders;
  readonly min: number;
  readonly max: number;
  /** Each scaling policy's metric and target. */
  readonly policies: readonly { readonly name: string; readonly queries: readonly MetricQuery[]; readonly target: number }[];
  /** The dead-letter queue (workers). @default none */
  readonly deadLetterQueue?: string;
  /** The model-server metrics the service publishes. @default none */
  readonly server?: { readonly namespace: string; readonly meanings: readonly ServerMeaning[] };
  /** The Auto Scaling group of the service's GPU hosts. @default none */
  readonly gpuGroup?: string;
  /**
   * The ARN suffix of a web service's second target group (blue/green, canary and linear
   * deployments move its traffic there), charted beside the first. @default none
   */
  readonly alternateTargetGroup?: string;
}

/** A widget on the dashboard's 24-column grid. */
interface Widget {
  readonly type: "metric" | "text";
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: Record<string, unknown>;
}

const WIDTH = 8;
const HEIGHT = 6;

/**
 * The body of the environment's CloudWatch dashboard (the JSON structure documented in
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html):
 * a header and a row of widgets per service, three to a line. Web services: requests, p50/p90/p99
 * target response time, 5xx responses. Every service: desired, running and pending tasks against
 * min and max, then each scaling policy's metric against its target. Workers: queue depth,
 * oldest-message age and the dead-letter queue. Then the model-server metrics the service
 * publishes, and GPU utilization and memory of its GPU hosts.
 */
export function dashboardBody(region: string, services: readonly DashboardService[]): { widgets: Widget[] } {
  const widgets: Widget[] = [];
  let y = 0;
  for (const service of services) {
    widgets.push({ type: "text", x: 0, y, width: 24, height: 1, properties: { markdown: `## ${service.name}` } });
    y += 1;
    const row = serviceWidgets(region, service);
    row.forEach((properties, index) => {
      widgets.push({ type: "metric", x: (index % 3) * WIDTH, y: y + Math.floor(index / 3) * HEIGHT, width: WIDTH, height: HEIGHT, properties });
    });
    y += Math.ceil(row.length / 3) * HEIGHT;
  }
  return { widgets };
}

/** The metric widgets of one service, in order. */
function serviceWidgets(region: string, service: DashboardService): Record<string, unknown>[] {
  const p = service.placeholders;
  const byService = { ClusterName: "{cluster}", ServiceName: "{service}" };
  const widget = (title: string, queries: readonly MetricQuery[], extra: Record<string, unknown> = {}) => ({
    title,
    region,
    view: "timeSeries",
    stacked: false,
    period: 60,
    metrics: widgetMetrics(queries, p),
    ...extra,
  });
  const line = (label: string, value: number) => ({ label, value });
  const result: Record<string, unknown>[] = [];

  if (service.kind === "web") {
    // The first target group, and the second one deployments move the traffic to (when there is one).
    const groups = [
      { id: "", label: "", lb: { LoadBalancer: "{loadBalancer}", TargetGroup: "{targetGroup}" } },
      ...(service.alternateTargetGroup ? [{ id: "g2", label: " (second target group)", lb: { LoadBalancer: "{loadBalancer}", TargetGroup: service.alternateTargetGroup } }] : []),
    ];
    const perGroup = (make: (group: (typeof groups)[number]) => MetricQuery[]) => groups.flatMap(make);
    result.push(widget("Requests", perGroup((g) => [{ id: `requests${g.id}`, label: `Requests${g.label}`, stat: stat(METRICS.alb.namespace, METRICS.alb.requestCount, g.lb, "Sum"), returnData: true }])));
    result.push(
      widget(
        "Target response time (s)",
        perGroup((g) =>
          ["p50", "p90", "p99"].map((statistic) => ({ id: `${statistic}${g.id}`, label: `${statistic}${g.label}`, stat: stat(METRICS.alb.namespace, METRICS.alb.targetResponseTime, g.lb, statistic), returnData: true })),
        ),
      ),
    );
    result.push(widget("5xx responses", perGroup((g) => [{ id: `errors${g.id}`, label: `Target 5xx${g.label}`, stat: stat(METRICS.alb.namespace, METRICS.alb.target5xx, g.lb, "Sum"), returnData: true }])));
  }

  const ci = METRICS.containerInsights;
  result.push(
    widget(
      "Tasks",
      [
        { id: "desired", label: "Desired", stat: stat(ci.namespace, ci.desiredTasks, byService), returnData: true },
        { id: "running", label: "Running", stat: stat(ci.namespace, ci.runningTasks, byService), returnData: true },
        { id: "pending", label: "Pending", stat: stat(ci.namespace, ci.pendingTasks, byService), returnData: true },
      ],
      { annotations: { horizontal: [line("min", service.min), line("max", service.max)] } },
    ),
  );

  for (const policy of service.policies) {
    result.push(widget(`Policy ${policy.name}`, policy.queries, { annotations: { horizontal: [line("target", policy.target)] } }));
  }

  if (service.kind === "worker") {
    const queue = { QueueName: "{queue}" };
    result.push(
      widget("Queue depth", [
        { id: "visible", label: "Visible", stat: stat(METRICS.sqs.namespace, METRICS.sqs.visible, queue, "Maximum"), returnData: true },
        { id: "inflight", label: "In flight", stat: stat(METRICS.sqs.namespace, METRICS.sqs.notVisible, queue, "Maximum"), returnData: true },
      ]),
    );
    result.push(widget("Oldest message (s)", [{ id: "oldest", label: "Age of oldest message", stat: stat(METRICS.sqs.namespace, METRICS.sqs.oldestAge, queue, "Maximum"), returnData: true }]));
    if (service.deadLetterQueue) {
      result.push(
        widget("Dead-letter queue", [
          { id: "dead", label: "Messages", stat: stat(METRICS.sqs.namespace, METRICS.sqs.visible, { QueueName: service.deadLetterQueue }, "Maximum"), returnData: true },
        ]),
      );
    }
  }

  for (const meaning of service.server?.meanings ?? []) {
    result.push(widget(`Server: ${MEANINGS[meaning].policyLabel}`, serverQueries(service.server!.namespace, meaning)));
  }

  if (service.gpuGroup) {
    const group = { AutoScalingGroupName: service.gpuGroup };
    const gpu = (key: keyof typeof GPU_HOST_METRICS, statistic: string) => ({
      id: key.toLowerCase(),
      label: GPU_HOST_METRICS[key].label,
      stat: stat(GPU_HOST_NAMESPACE, GPU_HOST_METRICS[key].metricName, group, statistic),
      returnData: true,
    });
    result.push(widget("GPU utilization (%)", [gpu("utilization", "Average"), gpu("memoryUtilization", "Average")]));
    result.push(widget("GPU memory (MiB)", [gpu("memoryUsed", "Average"), gpu("memoryTotal", "Average")]));
  }
  return result;
}

/**
 * Metric queries in the dashboard's form: `[namespace, name, dim, value, ..., {options}]` for a
 * metric, `[{expression, ...}]` for metric math; metrics an expression uses are drawn hidden.
 */
export function widgetMetrics(queries: readonly MetricQuery[], placeholders: MetricPlaceholders): unknown[][] {
  return queries.map((q) => {
    const options = { id: q.id, ...(q.label ? { label: q.label } : {}), ...(q.returnData ? {} : { visible: false }) };
    if (q.expression) return [{ expression: q.expression, ...options }];
    const s = q.stat!;
    const dimensions = Object.entries(s.dimensions).flatMap(([name, value]) => [name, fillPlaceholders(value, placeholders)]);
    return [s.namespace, s.name, ...dimensions, { stat: s.statistic, ...options }];
  });
}
