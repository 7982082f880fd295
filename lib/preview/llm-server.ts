import type { LlmProfile } from "./llm-profile";

/** The mean request of a minute: input and output tokens. */
export interface TokenMix {
  readonly input: number;
  readonly output: number;
}

/** What one task does at a steady arrival rate. */
export interface ServerState {
  /** Sequences decoding at once. */
  readonly concurrency: number;
  /** Seconds of one decode step at that concurrency (memory or compute bound, whichever is slower). */
  readonly stepSeconds: number;
  /** Seconds between two output tokens of one sequence (decode steps slowed by the prefills between them). */
  readonly tpotSeconds: number;
  /** Whether the task runs at its most sequences (requests beyond it wait in the server's queue). */
  readonly saturated: boolean;
}

/**
 * One task of an LLM server with continuous batching, in steady state (the model of the preview):
 * - a decode step takes max(weights read + KV cache read of every sequence, compute of every
 *   sequence): `s(b) = max(stepSeconds + b * ctx * stepSecondsPerContextToken, b * computeSecondsPerSequence)`
 *   with `ctx = input + output / 2` the mean context of a decoding sequence;
 * - prefill of a request's input takes `input / prefillTokensPerSecond` of the GPU, interleaved
 *   with decode steps (chunked prefill), so a task serving x requests a second decodes in the
 *   time left: x * output * s(b) = b * (1 - x * input / P), and the throughput at concurrency b is
 *   X(b) = b / (output * s(b) + b * input / P);
 * - a sequence sees one token every `s(b) + b * input / (P * output)` seconds (TPOT);
 * - the task runs at most min(maxSequences, KV cache tokens / ctx) sequences; beyond that requests
 *   wait for a slot.
 * Time to first token is the wait for a slot plus the request's own prefill plus one step.
 */
export class LlmServer {
  constructor(
    readonly profile: LlmProfile,
    /** Sequences at once: the profile's, or the service's MAX_CONCURRENT_REQUESTS. */
    readonly maxSequences: number = profile.maxSequences,
  ) {}

  /** Most sequences a task runs at once for this mix (at least 1). */
  maxConcurrency(mix: TokenMix): number {
    const ctx = contextOf(mix);
    const kv = ctx > 0 ? Math.floor(this.profile.kvCacheTokens / ctx) : Infinity;
    return Math.max(1, Math.min(this.maxSequences, kv));
  }

  /** Decode step seconds with `b` sequences. */
  stepSeconds(b: number, mix: TokenMix): number {
    const p = this.profile;
    return Math.max(p.stepSeconds + b * contextOf(mix) * p.stepSecondsPerContextToken, b * p.computeSecondsPerSequence);
  }

  /** Requests a second one task completes with `b` sequences decoding. */
  throughput(b: number, mix: TokenMix): number {
    if (b <= 0) return 0;
    const output = Math.max(1, mix.output);
    return b / (output * this.stepSeconds(b, mix) + (b * mix.input) / this.profile.prefillTokensPerSecond);
  }

  /** Requests a second one task serves at most (at its most sequences). */
  capacity(mix: TokenMix): number {
    return this.throughput(this.maxConcurrency(mix), mix);
  }

  /** The task serving `perSecond` requests a second (capped at its capacity). */
  state(perSecond: number, mix: TokenMix): ServerState {
    const most = this.maxConcurrency(mix);
    const output = Math.max(1, mix.output);
    const p = this.profile;
    let b: number;
    let saturated = false;
    if (perSecond <= 0) b = 0;
    else if (perSecond >= this.throughput(most, mix)) {
      b = most;
      saturated = true;
    } else {
      // Memory-bound closed form; the compute-bound case (large batches) by bisection.
      const ctx = contextOf(mix);
      const denominator = 1 - perSecond * output * ctx * p.stepSecondsPerContextToken - (perSecond * mix.input) / p.prefillTokensPerSecond;
      b = denominator > 0 ? (perSecond * output * p.stepSeconds) / denominator : most;
      if (!(b <= most) || this.stepSeconds(b, mix) > p.stepSeconds + b * ctx * p.stepSecondsPerContextToken + 1e-12) {
        let low = 0;
        let high = most;
        for (let i = 0; i < 50; i++) {
          const mid = (low + high) / 2;
          if (this.throughput(mid, mix) < perSecond) low = mid;
          else high = mid;
        }
        b = high;
      }
    }
    const step = this.stepSeconds(Math.max(b, 1), mix);
    return { concurrency: b, stepSeconds: step, tpotSeconds: step + (Math.max(b, 1) * mix.input) / (p.prefillTokensPerSecond * output), saturated };
  }

  /** Seconds a request of `input` tokens takes to its first token once a slot is free. */
  firstTokenSeconds(input: number, state: ServerState): number {
    return input / this.profile.prefillTokensPerSecond + state.stepSeconds;
  }
}

function contextOf(mix: TokenMix): number {
  return mix.input + mix.output / 2;
}
