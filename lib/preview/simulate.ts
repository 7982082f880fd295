import type { SimulatedMinute } from "../scaling/preview-rules";
import { ScalingModel } from "./autoscaling";
import { AWS_DYNAMICS, type ScalingDynamics } from "./dynamics";
import { PreviewError } from "./errors";
import { Fleet } from "./fleet";
import { LatencyTracker, lengthPoints, type MinuteLatency, type ObjectiveResult } from "./latency-tracker";
import type { LatencyHistogram } from "./latency-histogram";
import type { TokenMix } from "./llm-server";
import type { ObjectiveMetric } from "./objectives";
import { RequestQueue } from "./request-queue";
import { applySchedule, compileSchedule, limitsAt } from "./schedules";
import type { PreviewTarget } from "./service-model";
import { MINUTE_MS, Trace } from "./trace";

/** How a replay starts. */
export type StartState =
  /** Where the policies settle for the start's load: the first minutes' mean load is replayed for `warmupMinutes` before the trace, from the minimum. */
  | "warm"
  /** The minimum in force, like a fresh deployment: every cold start counts. */
  | "min"
  /** This many tasks serving at minute 0 (within the limits in force). */
  | number;

/** Options of one replay. */
export interface SimulationOptions {
  /** @default "warm" */
  readonly start?: StartState;
  /** Minutes of warm-up for `start: "warm"`. @default 60 */
  readonly warmupMinutes?: number;
  /** The model of AWS. @default AWS_DYNAMICS */
  readonly dynamics?: ScalingDynamics;
  /** Keep latency distributions for percentiles (the report). @default false: only the objectives' counts */
  readonly distributions?: boolean;
  /** Called with the minutes done and the total, once a simulated day and at the end. @default none */
  readonly onProgress?: (done: number, total: number) => void;
}

/** A change of the desired count. */
export interface ScalingEvent {
  /** The minute the new count takes effect. */
  readonly minute: number;
  readonly from: number;
  readonly to: number;
  /** The policies (or the scheduled action) that set it. */
  readonly cause: string;
}

/** Everything a replay produced, minute by minute. */
export interface SimulationResult {
  readonly startMs: number;
  readonly minutes: number;
  /** Requests arriving per minute. */
  readonly demand: Float64Array;
  /** Requests per minute the ready tasks could take. */
  readonly capacity: Float64Array;
  /** Tasks serving (averaged over the minute). */
  readonly readyTasks: Float64Array;
  /** RUNNING tasks: loading, serving or draining. */
  readonly runningTasks: Float64Array;
  /** Tasks billed on Fargate (launched, not yet stopped). */
  readonly billedTasks: Float64Array;
  /** The desired count during each minute. */
  readonly desiredTasks: Int32Array;
  /** EC2 instances of the capacity provider (GPU compute; zeros on Fargate). */
  readonly instances: Int32Array;
  /** Requests waiting at the end of each minute. */
  readonly waiting: Float64Array;
  /** Sequences each serving task decodes at once (LLM services; zeros otherwise). */
  readonly concurrency: Float64Array;
  readonly events: readonly ScalingEvent[];
  readonly objectives: readonly ObjectiveResult[];
  /** Distributions of wait, ttft, tpot and e2e (with `distributions`). */
  readonly distributions?: Readonly<Record<ObjectiveMetric, LatencyHistogram>>;
  /** Requests still waiting when the trace ended (counted with the wait they had so far). */
  readonly unserved: number;
  /** How the run started, policies left out, what the trace reader noted. */
  readonly notes: readonly string[];
  /** Where the preview's figures are less certain (token mix outside the profile's calibration). */
  readonly warnings: readonly string[];
}

/** Mean of the first minutes of a series (the warm-up's load). */
function openingMean(values: Float64Array | undefined, minutes: number): number {
  if (!values || values.length === 0) return 0;
  const n = Math.min(minutes, values.length);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  return sum / n;
}

/** The token mix of a whole trace (or the target's assumption). */
export function traceMix(trace: Trace, target: PreviewTarget): TokenMix {
  if (!trace.inputTokens || !trace.outputTokens) return target.assumedMix;
  let requests = 0;
  let input = 0;
  let output = 0;
  for (let i = 0; i < trace.requests.length; i++) {
    requests += trace.requests[i];
    input += trace.inputTokens[i];
    output += trace.outputTokens[i];
  }
  return requests > 0 ? { input: input / requests, output: output / requests } : target.assumedMix;
}

/** Requests a minute one ready task can take with this mix. */
export function capacityPerTask(target: PreviewTarget, mix: TokenMix): number {
  const serving = target.serving;
  switch (serving.kind) {
    case "requests":
      return serving.requestsPerMinute;
    case "tokens":
      return (serving.tokensPerSecond * 60) / Math.max(1, mix.input + mix.output);
    case "llm":
      return 60 * serving.server.capacity(mix);
  }
}

/** What the trace's requests need after their wait, for a task serving `perTaskPerMinute` of them. */
export function minuteLatency(target: PreviewTarget, mix: TokenMix, perTaskPerMinute: number): MinuteLatency & { concurrency: number } {
  if (target.serving.kind !== "llm") {
    return { prefillSeconds: 0, stepSeconds: 0, tpotSeconds: 0, meanOutput: 0, responseSeconds: target.responseSeconds, concurrency: 0 };
  }
  const server = target.serving.server;
  const state = server.state(perTaskPerMinute / 60, mix);
  return {
    prefillSeconds: mix.input / server.profile.prefillTokensPerSecond,
    stepSeconds: state.stepSeconds,
    tpotSeconds: state.tpotSeconds,
    meanOutput: Math.max(1, mix.output),
    responseSeconds: 0,
    concurrency: state.concurrency,
  };
}

/** Warnings about how far a trace is from what the serving model was calibrated on. */
export function calibrationWarnings(trace: Trace, target: PreviewTarget): string[] {
  if (target.serving.kind === "requests") return [];
  if (!trace.inputTokens || !trace.outputTokens) {
    return [`${trace.source} has no token counts: every request is taken as ${target.assumedMix.input} input and ${target.assumedMix.output} output tokens (--input-tokens, --output-tokens)`];
  }
  if (target.serving.kind !== "llm") return [];
  const profile = target.serving.server.profile;
  const mix = traceMix(trace, target);
  const warnings: string[] = [];
  for (const side of ["input", "output"] as const) {
    const ratio = mix[side] / profile.calibration[side];
    if (ratio > 4 || ratio < 0.25) {
      warnings.push(
        `the trace's requests average ${Math.round(mix[side])} ${side} tokens, ${ratio >= 1 ? `${ratio.toFixed(1)}x` : `1/${(1 / ratio).toFixed(1)} of`} the ${profile.calibration[side]} the profile's efficiencies were measured at: its ${side === "input" ? "prefill" : "decode"} figures are extrapolated`,
      );
    }
  }
  const longest = (trace.lengths?.input.quantile(0.99) ?? 0) + (trace.lengths?.output.quantile(0.99) ?? 0);
  if (longest > profile.kvCacheTokens) warnings.push(`1% of requests need more than ${Math.round(longest)} tokens of KV cache, beyond the ${profile.kvCacheTokens} a task holds`);
  return warnings;
}

/**
 * Replays a trace against a service's autoscaling. Each minute, in this order: scheduled actions
 * due in the minute change the limits (and the desired count, at once); the fleet advances (tasks
 * launch, pull, load the model, pass the health check, drain; GPU instances launch and stop); the
 * minute's requests arrive and the serving tasks take them from a first-come-first-served queue at
 * the capacity the serving model gives for the minute's token mix; every request's latency is
 * counted against the objectives; the policies read the datapoints that have reached them and may
 * set a new desired count, which takes effect at the next minute.
 */
export function simulate(trace: Trace, target: PreviewTarget, options: SimulationOptions = {}): SimulationResult {
  const { scaling } = target;
  const minutes = trace.requests.length;
  const llm = target.serving.kind === "llm";
  for (const o of target.objectives) {
    if ((o.metric === "ttft" || o.metric === "tpot") && !llm) {
      throw new PreviewError(`${target.file}: services.${target.serviceName}: a ${o.metric} objective needs an LLM serving model; this service serves ${target.serving.kind === "requests" ? "a number of requests a minute" : "a number of tokens a second"} (use wait or e2e)`);
    }
  }
  if (target.serving.kind === "tokens" && !trace.inputTokens) {
    throw new PreviewError(`${target.file}: services.${target.serviceName}.preview.tokensPerSecond needs a trace with token counts, and ${trace.source} has none; give requestsPerMinute instead`);
  }
  const start = options.start ?? "warm";
  const warmup = start === "warm" ? (options.warmupMinutes ?? 60) : 0;
  const total = warmup + minutes;
  const startMinute = Math.floor(trace.startMs / MINUTE_MS);
  const firstMinute = startMinute - warmup;
  const dynamics = options.dynamics ?? AWS_DYNAMICS;

  const schedules = scaling.schedules.map((s) => compileSchedule(s, startMinute));
  let limits = limitsAt(schedules, firstMinute, scaling.min, scaling.max);
  const scaler = new ScalingModel(target.rules, dynamics);
  const queue = new RequestQueue();
  const fleet = new Fleet(target.phases, target.instances);
  const clamp = (n: number) => Math.min(limits.max, Math.max(limits.min, n));
  const overall = traceMix(trace, target);
  const tracker = new LatencyTracker(target.objectives, lengthPoints(trace.lengths?.input), lengthPoints(trace.lengths?.output), options.distributions === true);
  const warmRequests = openingMean(trace.requests, 10);
  const warmMix = (() => {
    const requests = openingMean(trace.requests, 10) * Math.min(10, minutes);
    if (!trace.inputTokens || !trace.outputTokens || requests <= 0) return overall;
    return { input: (openingMean(trace.inputTokens, 10) * Math.min(10, minutes)) / requests, output: (openingMean(trace.outputTokens, 10) * Math.min(10, minutes)) / requests };
  })();
  // A warm start begins its warm-up with the tasks that serve the opening load, so the policies
  // settle from there rather than from a cold start of their own.
  const serving = Math.ceil(warmRequests / Math.max(1e-9, capacityPerTask(target, warmMix)) - 1e-9);
  fleet.warm(typeof start === "number" ? clamp(start) : start === "warm" ? clamp(serving) : clamp(0));

  const result = {
    demand: Float64Array.from(trace.requests),
    capacity: new Float64Array(minutes),
    readyTasks: new Float64Array(minutes),
    runningTasks: new Float64Array(minutes),
    billedTasks: new Float64Array(minutes),
    desiredTasks: new Int32Array(minutes),
    instances: new Int32Array(minutes),
    waiting: new Float64Array(minutes),
    concurrency: new Float64Array(minutes),
  };
  const events: ScalingEvent[] = [];
  const pieces: number[] = [];
  const collect = (count: number, from: number, to: number) => {
    pieces.push(count, from, to);
  };
  const setDesired = (desired: number, minute: number, cause: string) => {
    const current = fleet.desiredCount;
    if (desired === current) return;
    fleet.setDesired(desired, minute * 60);
    if (minute >= warmup) events.push({ minute: minute - warmup, from: current, to: desired, cause });
  };
  let latency: MinuteLatency = minuteLatency(target, overall, 0);

  for (let t = 0; t < total; t++) {
    const epochMinute = firstMinute + t;
    const i = t - warmup;
    for (const schedule of schedules) {
      if (!schedule.firesAt(epochMinute)) continue;
      limits = applySchedule(limits, schedule);
      setDesired(clamp(fleet.desiredCount), t, `schedule ${schedule.name}`);
    }
    const fm = fleet.minute(t);
    const arrivals = i >= 0 ? trace.requests[i] : warmRequests;
    let mix = overall;
    if (i < 0) mix = warmMix;
    else if (trace.inputTokens && trace.outputTokens && arrivals > 0) mix = { input: trace.inputTokens[i] / arrivals, output: trace.outputTokens[i] / arrivals };
    const perTask = capacityPerTask(target, mix);
    const capacity = fm.ready * perTask;
    pieces.length = 0;
    const service = queue.serveMinute(t, arrivals, capacity, collect);
    const minute = minuteLatency(target, mix, fm.ready > 0 ? service.served / fm.ready : 0);
    latency = minute;
    if (i >= 0) {
      for (let p = 0; p < pieces.length; p += 3) tracker.record(pieces[p], pieces[p + 1], pieces[p + 2], minute);
      result.capacity[i] = capacity;
      result.readyTasks[i] = fm.ready;
      result.runningTasks[i] = fm.running;
      result.billedTasks[i] = fm.billed;
      result.desiredTasks[i] = fm.desired;
      result.instances[i] = fm.instances;
      result.waiting[i] = service.waiting;
      result.concurrency[i] = minute.concurrency;
    }

    const sim: SimulatedMinute = {
      readyTasks: fm.ready,
      desiredTasks: fm.desired,
      runningTasks: fm.running,
      arrivals,
      served: service.served,
      workServed: service.served,
      workCapacity: capacity,
      waiting: service.waiting,
      meanWaitSeconds: service.meanWaitSeconds,
      responseSeconds: llm ? minute.prefillSeconds + minute.stepSeconds + minute.meanOutput * minute.tpotSeconds : target.responseSeconds,
      firstTokenSeconds: llm ? minute.prefillSeconds + minute.stepSeconds : target.responseSeconds,
    };
    const decision = scaler.evaluate(t, epochMinute, sim, limits);
    if (decision && t + 1 < total) setDesired(decision.desired, t + 1, decision.by.join(", "));
    if (options.onProgress && i >= 0 && ((i + 1) % 1440 === 0 || i + 1 === minutes)) options.onProgress(i + 1, minutes);
  }
  const unserved = queue.finish(total * 60, (count, from, to) => tracker.record(count, from, to, latency));
  const startNote =
    start === "warm"
      ? `start: where the policies settle for the first 10 minutes' load (${Math.round(warmRequests)} requests/min), replayed for ${warmup} minutes before the trace from the ${clamp(serving)} tasks that serve it`
      : start === "min"
        ? "start: the minimum in force, as after a fresh deployment"
        : `start: ${start} tasks serving`;
  const notes = [startNote, ...(trace.notes ?? []), ...target.rules.flatMap((r) => (r.kind === "ignored" ? [`policy ${r.name} left out: ${r.reason}`] : []))];
  return {
    startMs: startMinute * MINUTE_MS,
    minutes,
    ...result,
    events,
    objectives: tracker.results(),
    ...(tracker.distributions ? { distributions: tracker.distributions } : {}),
    unserved,
    notes,
    warnings: calibrationWarnings(trace, target),
  };
}
