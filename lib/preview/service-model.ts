import { DEFAULT_OBJECTIVE_SECONDS } from "../config/preview-schema";
import type { EnvironmentConfig, ServiceConfig } from "../config/schema";
import type { ScalingConfig } from "../config/scaling-schema";
import { POLICY_KINDS } from "../scaling/policies";
import type { PolicyKind } from "../scaling/policy-kind";
import { type PreviewAssumptions, type PreviewContext, type PreviewRule, PreviewUnsupportedError } from "../scaling/preview-rules";
import { PreviewError } from "./errors";
import { TaskPricing, taskPricingOf } from "./pricing";

/** How one task of the service serves requests in the preview, from its `preview` section and defaults. */
export interface ServiceModel {
  /** What a task's capacity counts: requests, or the trace's tokens (context plus generated). */
  readonly unit: "requests" | "tokens";
  /** Work (requests or tokens) one ready task serves per minute. */
  readonly workPerTaskPerMinute: number;
  /** Whole minutes from a task's launch until it serves (start-up seconds rounded up). */
  readonly startupMinutes: number;
  /** Longest wait (seconds) that still counts as within the latency objective. */
  readonly objectiveSeconds: number;
  readonly assumptions: PreviewAssumptions;
}

/** One service of one environment, ready to preview: the validated config and what the preview derives from it. */
export interface PreviewTarget {
  /** The config file, as loaded. */
  readonly file: string;
  readonly environment: string;
  readonly region: string;
  readonly serviceName: string;
  readonly service: ServiceConfig;
  readonly scaling: ScalingConfig;
  readonly model: ServiceModel;
  /** The rules of every policy, from the policy kinds. */
  readonly rules: readonly PreviewRule[];
  readonly pricing: TaskPricing;
}

/**
 * Reads the preview's view of a service from a validated environment: its capacity and
 * start-up (`preview` section, a worker's queue policy), and the rules its policies' kinds
 * give. Throws a PreviewError naming the file and field when something the preview needs is missing.
 */
export function previewTargetOf(config: EnvironmentConfig, serviceName: string): PreviewTarget {
  const service = config.services[serviceName];
  if (!service) {
    throw new PreviewError(`${config.file}: no service "${serviceName}"; services: ${Object.keys(config.services).join(", ")}`);
  }
  const where = `${config.file}: services.${serviceName}`;
  const preview = service.preview;
  const queue = service.scaling.policies.find((p) => p.type === "queue");
  const queuePolicy = queue?.type === "queue" ? queue : undefined;
  let unit: ServiceModel["unit"] = "requests";
  let workPerTaskPerMinute: number;
  if (preview.tokensPerSecond !== undefined) {
    unit = "tokens";
    workPerTaskPerMinute = preview.tokensPerSecond * 60;
  } else if (preview.requestsPerMinute !== undefined) {
    workPerTaskPerMinute = preview.requestsPerMinute;
  } else if (queuePolicy) {
    workPerTaskPerMinute = 60 / queuePolicy.secondsPerMessage;
  } else {
    throw new PreviewError(`${where}.preview.requestsPerMinute (or tokensPerSecond) is needed: how much one task serves within the latency objective`);
  }
  const assumptions: PreviewAssumptions = {
    responseSeconds: preview.responseSeconds,
    cpuPercentAtCapacity: preview.cpuPercentAtCapacity,
    memoryPercent: preview.memoryPercent,
  };
  const model: ServiceModel = {
    unit,
    workPerTaskPerMinute,
    startupMinutes: Math.ceil(preview.startupSeconds / 60),
    objectiveSeconds: preview.latencyObjectiveSeconds ?? queuePolicy?.acceptableLatencySeconds ?? DEFAULT_OBJECTIVE_SECONDS,
    assumptions,
  };
  const context: PreviewContext = { min: service.scaling.min, assumptions, signals: preview.metrics, where };
  const rules: PreviewRule[] = [];
  for (const policy of service.scaling.policies) {
    try {
      rules.push(...(POLICY_KINDS[policy.type] as PolicyKind<typeof policy.type>).previewRules(context, policy));
    } catch (error) {
      if (error instanceof PreviewUnsupportedError) throw new PreviewError(error.message);
      throw error;
    }
  }
  return {
    file: config.file,
    environment: config.environment,
    region: config.region,
    serviceName,
    service,
    scaling: service.scaling,
    model,
    rules,
    pricing: taskPricingOf(service),
  };
}
