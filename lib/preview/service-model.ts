import { DEFAULT_OBJECTIVE_SECONDS } from "../config/preview-schema";
import type { EnvironmentConfig, ServiceConfig } from "../config/schema";
import type { ScalingConfig } from "../config/scaling-schema";
import { DEFAULT_MANAGED_SCALING } from "../config/compute-defaults";
import { POLICY_KINDS } from "../scaling/policies";
import type { PolicyKind } from "../scaling/policy-kind";
import { type PreviewAssumptions, type PreviewContext, type PreviewRule, PreviewUnsupportedError } from "../scaling/preview-rules";
import { AWS_DYNAMICS, type ScalingDynamics } from "./dynamics";
import { PreviewError } from "./errors";
import type { InstanceSettings, TaskPhases } from "./fleet";
import { type LlmProfile, shippedProfile, shippedProfileNames } from "./llm-profile";
import { LlmServer, type TokenMix } from "./llm-server";
import { describeObjective, type Objective } from "./objectives";
import { TaskPricing, taskPricingOf } from "./pricing";

/** How one task of the service serves requests in the preview. */
export type ServingModel =
  | {
      /** A constant number of requests a minute (embeddings, workers, any non-LLM service). */
      readonly kind: "requests";
      readonly requestsPerMinute: number;
    }
  | {
      /** A constant number of tokens a second, input plus output, from the trace's token counts. */
      readonly kind: "tokens";
      readonly tokensPerSecond: number;
    }
  | {
      /** An LLM server: prefill, batched decode, KV cache and a concurrency limit (lib/preview/llm-server.ts). */
      readonly kind: "llm";
      readonly server: LlmServer;
    };

/** One service of one environment, ready to preview: the validated config and what the preview derives from it. */
export interface PreviewTarget {
  /** The config file, as loaded. */
  readonly file: string;
  readonly environment: string;
  readonly region: string;
  readonly serviceName: string;
  readonly service: ServiceConfig;
  readonly scaling: ScalingConfig;
  readonly serving: ServingModel;
  /** Seconds a request takes once a task has taken it, for non-LLM services (the latency and in-flight metrics add the wait). */
  readonly responseSeconds: number;
  /** Input and output tokens per request when the trace has no token counts (LLM and token models). */
  readonly assumedMix: TokenMix;
  readonly phases: TaskPhases;
  /** The capacity provider's instances (GPU compute); undefined on Fargate. */
  readonly instances?: InstanceSettings;
  readonly objectives: readonly Objective[];
  readonly assumptions: PreviewAssumptions;
  /** The rules of every policy, from the policy kinds. */
  readonly rules: readonly PreviewRule[];
  readonly pricing: TaskPricing;
  /** How the serving model and objectives were chosen, one line each, for the report. */
  readonly derivation: readonly string[];
}

/** What the command line may change about a target. */
export interface TargetOverrides {
  /** Objectives instead of the service's. @default the service's */
  readonly objectives?: readonly Objective[];
  /** Input and output tokens per request for traces without token counts. @default preview.requestTokens, else the profile's calibration point */
  readonly assumedMix?: TokenMix;
  /** Seconds of the start-up that are the image pull (before RUNNING). @default preview.imagePullSeconds */
  readonly imagePullSeconds?: number;
  /** The model of AWS. @default AWS_DYNAMICS */
  readonly dynamics?: ScalingDynamics;
}

/**
 * Default objectives of an LLM service: the MLPerf Inference (v4.0, Llama 2 70B) server scenario's
 * p99 time to first token 2 s and p99 time per output token 200 ms
 * (https://mlcommons.org/2024/03/mlperf-llama2-70b/).
 */
export const LLM_OBJECTIVES: readonly Objective[] = [
  { metric: "ttft", percentile: 99, seconds: 2 },
  { metric: "tpot", percentile: 99, seconds: 0.2 },
];

/** Percentile of a wait objective given as a bare number of seconds (preview.latencyObjectiveSeconds, a worker's acceptableLatencySeconds). */
export const DEFAULT_WAIT_PERCENTILE = 99;

/**
 * ECS Managed Instances' instances (no managedScaling in the config) count this long after launch:
 * AWS's default instance warm-up period (ManagedScaling.instanceWarmupPeriod,
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ManagedScaling.html).
 */
export const AWS_INSTANCE_WARMUP_SECONDS = 300;

/** The LLM profile of a service, when it names a model with a shipped profile and runs on its GPU. */
function profileOf(service: ServiceConfig): LlmProfile | undefined {
  if (service.compute.type === "fargate") return undefined;
  const model = service.environment.MODEL_ID;
  if (!model) return undefined;
  for (const type of service.compute.instanceTypes) {
    const profile = shippedProfile(model, type);
    if (profile) return profile;
  }
  return undefined;
}

/**
 * Reads the preview's view of a service from a validated environment. The serving model comes
 * from, in this order: `preview.requestsPerMinute` or `preview.tokensPerSecond`; a shipped LLM
 * profile when `environment.MODEL_ID` names its model and `compute.instanceTypes` its GPU (the
 * server's concurrency from `MAX_CONCURRENT_REQUESTS` when set); a worker's queue policy (60 /
 * secondsPerMessage a minute). Throws a PreviewError naming the field to set otherwise.
 */
export function previewTargetOf(config: EnvironmentConfig, serviceName: string, overrides: TargetOverrides = {}): PreviewTarget {
  const service = config.services[serviceName];
  if (!service) {
    throw new PreviewError(`${config.file}: no service "${serviceName}"; services: ${Object.keys(config.services).join(", ")}`);
  }
  const where = `${config.file}: services.${serviceName}`;
  const preview = service.preview;
  const queue = service.scaling.policies.find((p) => p.type === "queue");
  const queuePolicy = queue?.type === "queue" ? queue : undefined;
  const derivation: string[] = [];
  const profile = profileOf(service);
  let serving: ServingModel;
  if (preview.tokensPerSecond !== undefined) {
    serving = { kind: "tokens", tokensPerSecond: preview.tokensPerSecond };
    derivation.push(`a task serves ${preview.tokensPerSecond} tokens/s (preview.tokensPerSecond)`);
  } else if (preview.requestsPerMinute !== undefined) {
    serving = { kind: "requests", requestsPerMinute: preview.requestsPerMinute };
    derivation.push(`a task serves ${preview.requestsPerMinute} requests/min (preview.requestsPerMinute)${profile ? `; the LLM profile ${profile.name} is not used while this is set` : ""}`);
  } else if (profile) {
    const limit = Number(service.environment.MAX_CONCURRENT_REQUESTS);
    const server = new LlmServer(profile, Number.isInteger(limit) && limit > 0 ? Math.min(limit, profile.maxSequences) : profile.maxSequences);
    serving = { kind: "llm", server };
    derivation.push(
      `LLM profile ${profile.name}: prefill ${Math.round(profile.prefillTokensPerSecond)} tokens/s, decode step ${(profile.stepSeconds * 1000).toFixed(1)} ms + ${(profile.stepSecondsPerContextToken * 1e6).toFixed(2)} us per context token, KV cache ${profile.kvCacheTokens.toLocaleString("en-US")} tokens, ${server.maxSequences} sequences at once${server.maxSequences !== profile.maxSequences ? " (MAX_CONCURRENT_REQUESTS)" : ""}`,
    );
  } else if (queuePolicy) {
    serving = { kind: "requests", requestsPerMinute: 60 / queuePolicy.secondsPerMessage };
    derivation.push(`a task serves 60 / ${queuePolicy.secondsPerMessage} = ${Math.round((6000 / queuePolicy.secondsPerMessage)) / 100} messages/min (the queue policy's secondsPerMessage)`);
  } else {
    throw new PreviewError(
      `${where}.preview.requestsPerMinute (or tokensPerSecond) is needed: how much one task serves. LLM servers get it from a shipped profile when environment.MODEL_ID and compute.instanceTypes name one (${shippedProfileNames().join("; ")}); workers from their queue policy`,
    );
  }

  const assumedMix = overrides.assumedMix ?? preview.requestTokens ?? (serving.kind === "llm" ? serving.server.profile.calibration : { input: 1000, output: 200 });

  let objectives: readonly Objective[];
  if (overrides.objectives && overrides.objectives.length > 0) {
    objectives = overrides.objectives;
    derivation.push(`objectives: ${objectives.map(describeObjective).join(", ")} (--objective)`);
  } else if (preview.objectives && preview.objectives.length > 0) {
    objectives = preview.objectives;
    derivation.push(`objectives: ${objectives.map(describeObjective).join(", ")} (preview.objectives)`);
  } else if (serving.kind === "llm" && preview.latencyObjectiveSeconds === undefined) {
    objectives = LLM_OBJECTIVES;
    derivation.push(`objectives: ${objectives.map(describeObjective).join(", ")} (MLPerf's LLM server scenario; set --objective to change)`);
  } else {
    const seconds = preview.latencyObjectiveSeconds ?? queuePolicy?.acceptableLatencySeconds ?? DEFAULT_OBJECTIVE_SECONDS;
    objectives = [{ metric: "wait", percentile: DEFAULT_WAIT_PERCENTILE, seconds }];
    const from = preview.latencyObjectiveSeconds !== undefined ? "preview.latencyObjectiveSeconds" : queuePolicy ? "the queue policy's acceptableLatencySeconds" : "the default";
    derivation.push(`objective: ${describeObjective(objectives[0])} (${from})`);
  }

  const assumptions: PreviewAssumptions = {
    responseSeconds: preview.responseSeconds,
    cpuPercentAtCapacity: preview.cpuPercentAtCapacity,
    memoryPercent: preview.memoryPercent,
  };
  const pull = Math.min(overrides.imagePullSeconds ?? preview.imagePullSeconds, preview.startupSeconds);
  const web = service.kind !== "worker";
  const phases: TaskPhases = {
    pullSeconds: pull,
    loadSeconds: preview.startupSeconds - pull,
    healthSeconds: web && "healthCheck" in service ? service.healthCheck.intervalSeconds : 0,
    drainSeconds: web && "deregistrationDelaySeconds" in service ? service.deregistrationDelaySeconds : 0,
  };
  const pricing = taskPricingOf(service);
  const dynamics = overrides.dynamics ?? AWS_DYNAMICS;
  let instances: InstanceSettings | undefined;
  if (service.compute.type !== "fargate" && pricing.kind === "gpu") {
    // ECS Managed Instances sizes its own instances: no spare ones, launched when tasks need them.
    const managed =
      service.compute.type === "gpu" ? service.compute.managedScaling : { ...DEFAULT_MANAGED_SCALING, targetCapacity: 100, instanceWarmupSeconds: AWS_INSTANCE_WARMUP_SECONDS };
    instances = {
      tasksPerInstance: pricing.tasksPerInstance,
      targetCapacity: managed.targetCapacity,
      launchSeconds: managed.instanceWarmupSeconds,
      reactionMinutes: dynamics.metricDelayMinutes + 1,
      scaleInMinutes: 15,
    };
  }
  return {
    file: config.file,
    environment: config.environment,
    region: config.region,
    serviceName,
    service,
    scaling: service.scaling,
    serving,
    responseSeconds: preview.responseSeconds,
    assumedMix,
    phases,
    ...(instances ? { instances } : {}),
    objectives,
    assumptions,
    rules: rulesOf(service.scaling, { min: service.scaling.min, assumptions, signals: preview.metrics, where }),
    pricing,
    derivation,
  };
}

/** The preview rules of every policy of a scaling section. */
function rulesOf(scaling: ScalingConfig, context: PreviewContext): PreviewRule[] {
  const rules: PreviewRule[] = [];
  for (const policy of scaling.policies) {
    try {
      rules.push(...(POLICY_KINDS[policy.type] as PolicyKind<typeof policy.type>).previewRules(context, policy));
    } catch (error) {
      if (error instanceof PreviewUnsupportedError) throw new PreviewError(error.message);
      throw error;
    }
  }
  return rules;
}

/** The same target with another scaling section (the recommender's candidates): its rules derived again. */
export function withScaling(target: PreviewTarget, scaling: ScalingConfig): PreviewTarget {
  const preview = target.service.preview;
  const where = `${target.file}: services.${target.serviceName}`;
  return {
    ...target,
    scaling,
    service: { ...target.service, scaling } as ServiceConfig,
    rules: rulesOf(scaling, { min: scaling.min, assumptions: target.assumptions, signals: preview.metrics, where }),
  };
}
