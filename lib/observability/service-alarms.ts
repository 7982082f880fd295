import { CloudwatchMetricAlarm, CloudwatchMetricAlarmConfig } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import { METRICS } from "../aws/cloudwatch";
import { serviceAlarmName } from "../aws/names";
import type { ResolvedAlarms } from "../config/resolve-observability";

/** Names of the alarms a service can have. */
export type AlarmKind = "latency" | "errors" | "unhealthy" | "at-max" | "dead-letters" | "oldest-message";

export interface ServiceAlarmsProps {
  /** Prefix of the alarm names: `<project>-<environment>-<service>`. */
  readonly namePrefix: string;
  readonly clusterName: string;
  readonly serviceName: string;
  /** The scaling maximum the capacity alarm compares running tasks with. */
  readonly max: number;
  readonly thresholds: ResolvedAlarms;
  /** What the alarms notify (alarm and OK). */
  readonly actions: readonly string[];
  /**
   * A web service's load balancer and target group ARN suffixes, and the second target group of
   * deployments that move traffic (the alarms then watch both: after a blue/green deployment the
   * second one serves). @default none: no latency, error or health alarm
   */
  readonly web?: { readonly loadBalancer: string; readonly targetGroup: string; readonly alternateTargetGroup?: string };
  /** A worker's queue and dead-letter queue names. @default none: no queue alarms */
  readonly worker?: { readonly queueName: string; readonly deadLetterQueueName: string };
}

/**
 * A service's alarms, each notifying the environment's alert topic: p90 latency above the
 * objective, the targets' 5xx share and unhealthy targets (web); running at the scaling maximum
 * for longer than `atMaxMinutes` (scaling has run out of room); a dead-letter queue that is not
 * empty and an oldest message older than the acceptable latency (workers). A deployment can roll
 * back on them ({@link alarmNames}).
 */
export class ServiceAlarms extends Construct {
  /** The alarms by kind, in the order created. */
  public readonly alarms: Partial<Record<AlarmKind, CloudwatchMetricAlarm>> = {};

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    const t = props.thresholds;
    const add = (kind: AlarmKind, description: string, config: Omit<CloudwatchMetricAlarmConfig, "alarmName" | "alarmDescription" | "alarmActions" | "okActions">) => {
      this.alarms[kind] = new CloudwatchMetricAlarm(this, kind, {
        alarmName: serviceAlarmName(props.namePrefix, kind),
        alarmDescription: description,
        alarmActions: [...props.actions],
        okActions: [...props.actions],
        ...config,
      });
    };
    const minutes = (count: number) => ({ period: 60, evaluationPeriods: count, datapointsToAlarm: count });

    if (props.web) {
      const groups = [props.web.targetGroup, ...(props.web.alternateTargetGroup ? [props.web.alternateTargetGroup] : [])];
      const lb = (targetGroup: string) => ({ LoadBalancer: props.web!.loadBalancer, TargetGroup: targetGroup });
      const both = groups.length > 1;
      /** One metric per target group (m1, m2) and, with two, the largest of them per minute. */
      const largest = (label: string, metricName: string, stat: string) => ({
        metricQuery: [
          ...groups.map((group, i) => ({ id: `m${i + 1}`, returnData: !both, ...(both ? {} : { label }), metric: { namespace: METRICS.alb.namespace, metricName, dimensions: lb(group), stat, period: 60 } })),
          ...(both ? [{ id: "largest", label, returnData: true, expression: "MAX([FILL(m1, 0), FILL(m2, 0)])" }] : []),
        ],
      });
      const sum = (prefix: string) => groups.map((_, i) => `FILL(${prefix}${i + 1}, 0)`).join(" + ");
      add("latency", `p90 target response time of ${props.serviceName} above ${t.latencySeconds} s for ${t.evaluationMinutes} min`, {
        ...(both
          ? largest("p90 target response time (s), the larger of the two target groups", METRICS.alb.targetResponseTime, "p90")
          : { namespace: METRICS.alb.namespace, metricName: METRICS.alb.targetResponseTime, dimensions: lb(groups[0]), extendedStatistic: "p90", period: 60 }),
        comparisonOperator: "GreaterThanThreshold",
        threshold: t.latencySeconds,
        treatMissingData: "notBreaching",
        evaluationPeriods: t.evaluationMinutes,
        datapointsToAlarm: t.evaluationMinutes,
      });
      add("errors", `more than ${t.errorRatePercent}% of ${props.serviceName}'s responses are 5xx for ${t.evaluationMinutes} min`, {
        comparisonOperator: "GreaterThanThreshold",
        threshold: t.errorRatePercent,
        treatMissingData: "notBreaching",
        evaluationPeriods: t.evaluationMinutes,
        datapointsToAlarm: t.evaluationMinutes,
        metricQuery: both
          ? [
              ...groups.flatMap((group, i) => [
                { id: `errors${i + 1}`, returnData: false, metric: { namespace: METRICS.alb.namespace, metricName: METRICS.alb.target5xx, dimensions: lb(group), stat: "Sum", period: 60 } },
                { id: `requests${i + 1}`, returnData: false, metric: { namespace: METRICS.alb.namespace, metricName: METRICS.alb.requestCount, dimensions: lb(group), stat: "Sum", period: 60 } },
              ]),
              {
                id: "rate",
                label: "5xx share of responses (%), both target groups",
                returnData: true,
                expression: `IF((${sum("requests")}) > 0, 100 * (${sum("errors")}) / (${sum("requests")}), 0)`,
              },
            ]
          : [
              { id: "errors", returnData: false, metric: { namespace: METRICS.alb.namespace, metricName: METRICS.alb.target5xx, dimensions: lb(groups[0]), stat: "Sum", period: 60 } },
              { id: "requests", returnData: false, metric: { namespace: METRICS.alb.namespace, metricName: METRICS.alb.requestCount, dimensions: lb(groups[0]), stat: "Sum", period: 60 } },
              { id: "rate", label: "5xx share of responses (%)", returnData: true, expression: "IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)" },
            ],
      });
      add("unhealthy", `${t.unhealthyTargets} or more unhealthy targets of ${props.serviceName} for ${t.evaluationMinutes} min`, {
        ...(both
          ? largest("Unhealthy targets, the larger of the two target groups", METRICS.alb.unhealthyHosts, "Maximum")
          : { namespace: METRICS.alb.namespace, metricName: METRICS.alb.unhealthyHosts, dimensions: lb(groups[0]), statistic: "Maximum", period: 60 }),
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: t.unhealthyTargets,
        treatMissingData: "notBreaching",
        evaluationPeriods: t.evaluationMinutes,
        datapointsToAlarm: t.evaluationMinutes,
      });
    }

    add("at-max", `${props.serviceName} has run ${props.max} tasks (scaling.max) for ${t.atMaxMinutes} min: scaling has run out of room`, {
      namespace: METRICS.containerInsights.namespace,
      metricName: METRICS.containerInsights.runningTasks,
      dimensions: { ClusterName: props.clusterName, ServiceName: props.serviceName },
      statistic: "Minimum",
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: props.max,
      treatMissingData: "notBreaching",
      ...minutes(t.atMaxMinutes),
    });

    if (props.worker) {
      add("dead-letters", `messages in ${props.worker.deadLetterQueueName}: jobs of ${props.serviceName} failed repeatedly`, {
        namespace: METRICS.sqs.namespace,
        metricName: METRICS.sqs.visible,
        dimensions: { QueueName: props.worker.deadLetterQueueName },
        statistic: "Maximum",
        comparisonOperator: "GreaterThanThreshold",
        threshold: 0,
        treatMissingData: "notBreaching",
        period: 300,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
      });
      add("oldest-message", `the oldest message of ${props.worker.queueName} is older than ${t.oldestMessageSeconds} s`, {
        namespace: METRICS.sqs.namespace,
        metricName: METRICS.sqs.oldestAge,
        dimensions: { QueueName: props.worker.queueName },
        statistic: "Maximum",
        comparisonOperator: "GreaterThanThreshold",
        threshold: t.oldestMessageSeconds,
        treatMissingData: "notBreaching",
        period: 300,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
      });
    }
  }

  /** The alarms' names, for a deployment's rollback alarms. */
  public get alarmNames(): string[] {
    return Object.values(this.alarms).map((alarm) => alarm!.alarmName);
  }

  /** The alarms' ARNs. */
  public get alarmArns(): string[] {
    return Object.values(this.alarms).map((alarm) => alarm!.arn);
  }
}
