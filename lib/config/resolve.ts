import { names, NamingContext, serviceAlarmName, stateNames } from "../aws/names";
import { ROLLBACK_ALARM_KINDS } from "../observability/alarm-defaults";
import { deploymentStrategy } from "./validate-deployment";
import { computeTypeOf } from "../capacity/kinds/compute";
import { COMPUTE_DEFINITIONS } from "../capacity/kinds/definitions";
import { policyName } from "../scaling/policies/definition";
import { MAX_CONTAINER_START_PERIOD_SECONDS } from "../aws/ecs-task-limits";
import { DEFAULT_MAX_CAPACITY_BUFFER_PERCENT } from "../scaling/policies/predictive/definition";
import { PREVIEW_DEFAULTS } from "./preview-schema";
import { derivedPriority, normaliseRoute } from "./routing";
import { resolveAlarms, resolveServerMetrics } from "./resolve-observability";
import type { ParsedScalingConfig, ParsedScalingPolicy, ScalingConfig, ScalingPolicyConfig } from "./scaling-schema";
import type { ConfigProblem } from "./problems";
import type { DeploymentConfig, EnvironmentConfig, LoadBalancerConfig, ParsedEnvironment, ParsedService, ServiceConfig } from "./schema";
import { DEFAULT_LOG_RETENTION_DAYS, PRODUCTION_LOG_RETENTION_MIN_DAYS, WEB_ACL_DEFAULTS } from "./security-defaults";

/**
 * Resolves every default of a valid environment once: the state bucket's region, the log
 * retention (365 days in production, 30 elsewhere), the load balancer's deletion protection,
 * access logs and web ACL, each service's log retention, compute kind, policy names, step
 * alarms' datapoints, predictive capacity buffers, preview assumptions, normalised routes and
 * listener rule priorities. Downstream code reads the result and never falls back on its own.
 */
export function resolveEnvironment(config: ParsedEnvironment, environment: string, file: string, warnings: readonly ConfigProblem[] = []): EnvironmentConfig {
  const logRetentionDays = config.logRetentionDays ?? (config.production ? PRODUCTION_LOG_RETENTION_MIN_DAYS : DEFAULT_LOG_RETENTION_DAYS);
  const resolved = { ...config, logRetentionDays };
  const services: Record<string, ServiceConfig> = {};
  for (const [name, service] of Object.entries(config.services)) services[name] = resolveService(resolved, environment, name, service);
  return {
    ...resolved,
    loadBalancer: resolveLoadBalancer(config),
    state: {
      ...config.state,
      region: config.state.region ?? config.region,
      regionSource: config.state.region === undefined ? "region" : "state.region",
      accessLogBucket: config.state.accessLogBucket ?? stateNames.accessLogBucket(config.state.bucket),
    },
    environment,
    file,
    lines: {},
    services,
    warnings,
  };
}

/**
 * Deletion protection and access logs default to on in production (access logs also when a
 * bucket is named); a web ACL section without an ARN is one the stack creates.
 */
function resolveLoadBalancer(config: ParsedEnvironment): LoadBalancerConfig {
  const { deletionProtection, accessLogs = {}, webAcl, ...rest } = config.loadBalancer;
  const named = accessLogs.bucket !== undefined || accessLogs.existingBucket !== undefined;
  return {
    ...rest,
    deletionProtection: deletionProtection ?? config.production,
    accessLogs: { ...accessLogs, enabled: accessLogs.enabled ?? (config.production || named) },
    ...(webAcl === undefined
      ? {}
      : {
          webAcl:
            webAcl.arn !== undefined
              ? { kind: "existing" as const, arn: webAcl.arn }
              : {
                  kind: "managed" as const,
                  rateLimit: webAcl.rateLimit ?? WEB_ACL_DEFAULTS.rateLimit,
                  rateLimitWindowSeconds: webAcl.rateLimitWindowSeconds ?? WEB_ACL_DEFAULTS.rateLimitWindowSeconds,
                },
        }),
  };
}

function resolveService(config: ParsedEnvironment & { readonly logRetentionDays: number }, environment: string, name: string, service: ParsedService): ServiceConfig {
  const startup = service.startupSeconds;
  const health = service.containerHealthCheck;
  const preview = service.preview ?? PREVIEW_DEFAULTS;
  const alarms = resolveAlarms(
    service.alarms,
    service.preview?.latencyObjectiveSeconds,
    service.scaling.policies.find((p) => p.type === "queue")?.acceptableLatencySeconds,
  );
  const deployment = resolveDeployment(service, alarms.enabled ? ownRollbackAlarms({ project: config.project, environment }, name, service) : []);
  const common = {
    logRetentionDays: service.logRetentionDays ?? config.logRetentionDays,
    compute: COMPUTE_DEFINITIONS[computeTypeOf(service.compute)].resolve(service, service.compute, { secondSet: deployment.strategy !== "rolling" }),
    deployment,
    scaling: resolveScaling(service.scaling),
    // One start-up time: the preview, the container health check's start period (ECS allows at most 300 s) and the load balancer's grace period follow it.
    preview: { ...preview, startupSeconds: preview.startupSeconds ?? startup },
    containerHealthCheck: health && { ...health, startPeriodSeconds: health.startPeriodSeconds ?? Math.min(startup, MAX_CONTAINER_START_PERIOD_SECONDS) },
    metrics: service.metrics && resolveServerMetrics(service.metrics, service.kind === "web" ? service.port : undefined),
    alarms,
  };
  if (service.kind === "worker") return { ...service, ...common };
  // Trailing slashes dropped; the priority derived from the service's own route and name unless pinned.
  const routing = normaliseRoute(service.routing);
  return {
    ...service,
    ...common,
    healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds ?? startup,
    routing: { ...routing, priority: routing.priority ?? derivedPriority(name, routing) },
  };
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
  if (policy.type === "predictive") {
    const { maxCapacityBufferPercent, ...rest } = policy;
    return rest.maxCapacityBreachBehavior === "IncreaseMaxCapacity"
      ? { ...rest, name, maxCapacityBreachBehavior: "IncreaseMaxCapacity", maxCapacityBufferPercent: maxCapacityBufferPercent ?? DEFAULT_MAX_CAPACITY_BUFFER_PERCENT }
      : { ...rest, name, maxCapacityBreachBehavior: "HonorMaxCapacity" };
  }
  return { ...policy, name } as ScalingPolicyConfig;
}

/** The alarms of a service's own that roll a deployment back: a web service's 5xx, unhealthy-target and latency alarms. */
function ownRollbackAlarms(naming: NamingContext, name: string, service: ParsedService): string[] {
  if (service.kind !== "web") return [];
  const prefix = names.scalingPrefix(naming, name);
  return ROLLBACK_ALARM_KINDS.map((kind) => serviceAlarmName(prefix, kind));
}

/**
 * A deployment with its strategy chosen (see {@link deploymentStrategy}), its strategy's own
 * settings filled with ECS's defaults, and its rollback alarms: the configured ones after the
 * service's own.
 */
function resolveDeployment(service: ParsedService, own: readonly string[]): DeploymentConfig {
  const configured = service.deployment;
  const strategy = deploymentStrategy(service);
  return {
    strategy,
    bakeMinutes: configured.bakeMinutes,
    canary: strategy === "canary" ? { percent: configured.canaryPercent ?? 10, stepMinutes: configured.stepMinutes ?? 10 } : undefined,
    linear: strategy === "linear" ? { stepPercent: configured.linearStepPercent ?? 20, stepMinutes: configured.stepMinutes ?? 6 } : undefined,
    alarms: [...own, ...configured.alarms.filter((alarm) => !own.includes(alarm))],
  };
}
