import { computeTypeOf } from "../capacity/kinds/compute";
import { COMPUTE_DEFINITIONS } from "../capacity/kinds/definitions";
import { policyName } from "../scaling/policies/definition";
import { PREVIEW_DEFAULTS } from "./preview-schema";
import type { ParsedScalingConfig, ParsedScalingPolicy, ScalingConfig, ScalingPolicyConfig } from "./scaling-schema";
import type { EnvironmentConfig, ParsedEnvironment, ParsedService, ServiceConfig } from "./schema";

/**
 * Resolves every default of a valid environment once: the state bucket's region, each service's
 * log retention, compute kind, policy names, step alarms' datapoints, preview assumptions and
 * listener rule priorities. Downstream code reads the result and never falls back on its own.
 */
export function resolveEnvironment(config: ParsedEnvironment, environment: string, file: string, priorities: ReadonlyMap<string, number>): EnvironmentConfig {
  const services: Record<string, ServiceConfig> = {};
  for (const [name, service] of Object.entries(config.services)) services[name] = resolveService(config, service, priorities.get(name));
  return {
    ...config,
    state: { ...config.state, region: config.state.region ?? config.region },
    environment,
    file,
    lines: {},
    services,
  };
}

function resolveService(config: ParsedEnvironment, service: ParsedService, priority: number | undefined): ServiceConfig {
  const common = {
    logRetentionDays: service.logRetentionDays ?? config.logRetentionDays,
    compute: COMPUTE_DEFINITIONS[computeTypeOf(service.compute)].resolve(service, service.compute),
    scaling: resolveScaling(service.scaling),
    preview: service.preview ?? PREVIEW_DEFAULTS,
  };
  if (service.kind === "worker") return { ...service, ...common };
  return { ...service, ...common, routing: { ...service.routing, priority: service.routing.priority ?? priority! } };
}

/** A scaling section with its policies named and its step alarms' datapoints filled. */
export function resolveScaling(scaling: ParsedScalingConfig): ScalingConfig {
  return { ...scaling, policies: scaling.policies.map(resolvePolicy) };
}

function resolvePolicy(policy: ParsedScalingPolicy): ScalingPolicyConfig {
  const name = policyName(policy);
  if (policy.type === "step") {
    return { ...policy, name, alarm: { ...policy.alarm, datapointsToAlarm: policy.alarm.datapointsToAlarm ?? policy.alarm.evaluationPeriods } };
  }
  return { ...policy, name } as ScalingPolicyConfig;
}
