import { METRIC_PLACEHOLDERS } from "./metric-placeholders";
import type { MetricStat } from "./metric-schema";
import type { ScalingConfig, ScalingPolicyConfig, StepPolicyConfig } from "./scaling-schema";
import type { Finding } from "./validate";

/** The service kinds scaling rules distinguish. */
export type ServiceKind = "web" | "worker";

type At = (...path: PropertyKey[]) => PropertyKey[];

/** The name a policy goes by: its `name`, or its type. */
export function policyName(policy: ScalingPolicyConfig): string {
  return policy.name ?? policy.type;
}

/**
 * What a policy measures. Two policies with the same identity would fight over the
 * task count. Step policies on one metric may coexist when they face opposite ways
 * (a high alarm that adds tasks and a low alarm that removes them).
 */
function metricIdentity(policy: ScalingPolicyConfig): string {
  switch (policy.type) {
    case "custom":
      return `metric:${JSON.stringify([policy.metric, policy.metrics, policy.expression])}`;
    case "step": {
      const direction = policy.alarm.comparison.startsWith("Greater") ? "high" : "low";
      return `step-${direction}:${JSON.stringify([policy.alarm.metric, policy.alarm.metrics, policy.alarm.expression])}`;
    }
    case "predictive":
      return "predictive";
    default:
      return policy.type;
  }
}

/** Every rule of a service's scaling section that spans fields. */
export function scalingFindings(kind: ServiceKind, scaling: ScalingConfig, at: At): Finding[] {
  const findings: Finding[] = [];
  const { min, max, policies, schedules } = scaling;
  const hasQueuePolicy = policies.some((p) => p.type === "queue");

  if (min > max) {
    findings.push({ path: at("scaling", "min"), value: min, message: `is greater than scaling.max (${max}); min must be at most max` });
  }
  if (min === 0 && !hasQueuePolicy) {
    findings.push({
      path: at("scaling", "min"),
      value: 0,
      message:
        kind === "web"
          ? "a web service cannot scale from 0: with no task there is no CPU, memory or request metric to scale out on; use 1 or more"
          : "0 needs a queue policy: only the queue's backlog can bring a worker back from zero tasks; add a policy of type queue or use 1 or more",
    });
  }

  const names = new Map<string, number>();
  const identities = new Map<string, number>();
  policies.forEach((policy, index) => {
    const path = (...rest: PropertyKey[]) => at("scaling", "policies", index, ...rest);
    const name = policyName(policy);
    const sameName = names.get(name);
    if (sameName !== undefined) {
      findings.push({
        path: path(policy.name ? "name" : "type"),
        value: policy.name ?? policy.type,
        message: `policies[${sameName}] is also named "${name}"; give one of them a different name`,
      });
    } else {
      names.set(name, index);
    }
    const identity = metricIdentity(policy);
    const sameMetric = identities.get(identity);
    if (sameMetric !== undefined) {
      findings.push({
        path: path("type"),
        value: policy.type,
        message: `duplicates policies[${sameMetric}]; two policies on the same metric fight each other, keep one`,
      });
    } else {
      identities.set(identity, index);
    }
    findings.push(...policyFindings(kind, policy, path));
  });

  const scheduleNames = new Set<string>();
  schedules.forEach((schedule, index) => {
    const path = (...rest: PropertyKey[]) => at("scaling", "schedules", index, ...rest);
    if (scheduleNames.has(schedule.name)) {
      findings.push({ path: path("name"), value: schedule.name, message: "is used by another schedule of this service; names must be unique" });
    }
    scheduleNames.add(schedule.name);
    if (schedule.min === undefined && schedule.max === undefined) {
      findings.push({ path: path(), message: "sets neither min nor max; a scheduled action must change at least one" });
    }
    if (schedule.min !== undefined && schedule.max !== undefined && schedule.min > schedule.max) {
      findings.push({ path: path("min"), value: schedule.min, message: `is greater than this schedule's max (${schedule.max})` });
    }
    if (schedule.min !== undefined && schedule.max === undefined && schedule.min > max) {
      findings.push({ path: path("min"), value: schedule.min, message: `is greater than scaling.max (${max}); set max in this schedule too` });
    }
    if (schedule.min === 0 && !hasQueuePolicy) {
      findings.push({ path: path("min"), value: 0, message: "would leave the service at 0 tasks with no queue policy to bring it back; use 1 or more" });
    }
  });
  return findings;
}

function policyFindings(kind: ServiceKind, policy: ScalingPolicyConfig, path: At): Finding[] {
  const findings: Finding[] = [];
  const webOnly = (what: string) =>
    findings.push({ path: path("type"), value: policy.type, message: `${what} needs the load balancer; it is for web services only (this is a ${kind})` });

  switch (policy.type) {
    case "requests":
    case "latency":
      if (kind !== "web") webOnly(`a ${policy.type} policy`);
      break;
    case "queue":
      if (kind !== "worker") {
        findings.push({ path: path("type"), value: "queue", message: `a queue policy scales on the worker's SQS queue; it is for kind: worker services only (this is a ${kind})` });
      }
      if (policy.secondsPerMessage > policy.acceptableLatencySeconds) {
        findings.push({
          path: path("secondsPerMessage"),
          value: policy.secondsPerMessage,
          message: `is greater than acceptableLatencySeconds (${policy.acceptableLatencySeconds}); a message could never be processed within the latency, so the backlog target would be below 1`,
        });
      }
      break;
    case "predictive":
      if (policy.metric === "requests" && kind !== "web") webOnly("a predictive policy on requests");
      break;
    case "custom":
      findings.push(...metricSourceFindings(kind, policy, path));
      break;
    case "step":
      findings.push(...metricSourceFindings(kind, policy.alarm, (...rest) => path("alarm", ...rest)));
      findings.push(...stepFindings(policy, path));
      break;
    default:
      break;
  }
  return findings;
}

/** A metric source has exactly one form, an expression uses every metric it declares, placeholders fit the service. */
function metricSourceFindings(
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

/**
 * Step bounds are relative to the alarm threshold. Above-threshold alarms need steps
 * from 0 upwards, the last one open; below-threshold alarms need steps up to 0, the
 * first one open. Steps are contiguous (each starts where the previous ends) and do
 * not overlap.
 */
function stepFindings(policy: StepPolicyConfig, path: At): Finding[] {
  const findings: Finding[] = [];
  const { steps, alarm, adjustmentType } = policy;
  const above = alarm.comparison.startsWith("Greater");
  const last = steps.length - 1;

  steps.forEach((step, i) => {
    const at = (...rest: PropertyKey[]) => path("steps", i, ...rest);
    if (step.lowerBound === undefined && i !== 0) {
      findings.push({ path: at("lowerBound"), message: "is required: only the first step may be open below" });
    }
    if (step.upperBound === undefined && i !== last) {
      findings.push({ path: at("upperBound"), message: "is required: only the last step may be open above" });
    }
    if (step.lowerBound !== undefined && step.upperBound !== undefined && step.lowerBound >= step.upperBound) {
      findings.push({ path: at("upperBound"), value: step.upperBound, message: `must be greater than lowerBound (${step.lowerBound})` });
    }
    const previous = steps[i - 1];
    if (previous?.upperBound !== undefined && step.lowerBound !== undefined && step.lowerBound !== previous.upperBound) {
      const how = step.lowerBound < previous.upperBound ? "overlaps" : "leaves a gap after";
      findings.push({ path: at("lowerBound"), value: step.lowerBound, message: `${how} steps[${i - 1}], which ends at ${previous.upperBound}; steps must be contiguous` });
    }
    if (adjustmentType === "ExactCapacity" && step.adjustment < 0) {
      findings.push({ path: at("adjustment"), value: step.adjustment, message: "is a task count with ExactCapacity and must be 0 or more" });
    }
  });

  if (above) {
    if (steps[0].lowerBound !== 0) {
      findings.push({ path: path("steps", 0, "lowerBound"), value: steps[0].lowerBound, message: `must be 0 for a ${alarm.comparison} alarm: the first step starts at the threshold` });
    }
    if (steps[last].upperBound !== undefined) {
      findings.push({ path: path("steps", last, "upperBound"), value: steps[last].upperBound, message: "must be left out: the last step of an above-threshold alarm is open upwards" });
    }
  } else {
    if (steps[last].upperBound !== 0) {
      findings.push({ path: path("steps", last, "upperBound"), value: steps[last].upperBound, message: `must be 0 for a ${alarm.comparison} alarm: the last step ends at the threshold` });
    }
    if (steps[0].lowerBound !== undefined) {
      findings.push({ path: path("steps", 0, "lowerBound"), value: steps[0].lowerBound, message: "must be left out: the first step of a below-threshold alarm is open downwards" });
    }
  }
  if (policy.minAdjustmentMagnitude !== undefined && adjustmentType !== "PercentChangeInCapacity") {
    findings.push({ path: path("minAdjustmentMagnitude"), value: policy.minAdjustmentMagnitude, message: `applies only to PercentChangeInCapacity (adjustmentType is ${adjustmentType})` });
  }
  if (alarm.datapointsToAlarm !== undefined && alarm.datapointsToAlarm > alarm.evaluationPeriods) {
    findings.push({ path: path("alarm", "datapointsToAlarm"), value: alarm.datapointsToAlarm, message: `must be at most evaluationPeriods (${alarm.evaluationPeriods})` });
  }
  return findings;
}
