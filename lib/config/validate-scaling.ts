import { type At, type PolicyDefinition, policyName, type ServiceKind } from "../scaling/policies/definition";
import { POLICY_DEFINITIONS } from "../scaling/policies/definitions";
import type { ParsedScalingConfig as ScalingConfig, ParsedScalingPolicy as ScalingPolicyConfig } from "./scaling-schema";
import type { Finding } from "./validate";

export type { ServiceKind } from "../scaling/policies/definition";

/** What a policy measures: two policies with the same identity would fight over the task count. */
function metricIdentity(policy: ScalingPolicyConfig): string {
  const definition = POLICY_DEFINITIONS[policy.type] as PolicyDefinition;
  return definition.identity?.(policy) ?? policy.type;
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
  const definition = POLICY_DEFINITIONS[policy.type] as PolicyDefinition;
  return definition.findings?.(kind, policy, path) ?? [];
}
