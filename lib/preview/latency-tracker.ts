import { LatencyHistogram } from "./latency-histogram";
import type { LengthHistogram } from "./length-histogram";
import type { Objective, ObjectiveMetric } from "./objectives";

/**
 * Shares of requests (as masses) standing for a length distribution: the trace's quantiles at the
 * middle of each share, finer in the tail so p99 objectives see the long requests.
 */
const SHARES: ReadonlyArray<readonly [from: number, to: number]> = [
  [0, 0.2],
  [0.2, 0.4],
  [0.4, 0.6],
  [0.6, 0.8],
  [0.8, 0.9],
  [0.9, 0.95],
  [0.95, 0.98],
  [0.98, 0.99],
  [0.99, 0.995],
  [0.995, 0.999],
  [0.999, 1],
];

/** A length distribution as (mass, length relative to the mean) points. */
export interface LengthPoints {
  readonly mass: Float64Array;
  /** Length divided by the distribution's mean (1 everywhere when lengths are unknown). */
  readonly relative: Float64Array;
  /** The largest and smallest relative length (every point is within when the largest is). */
  readonly largest: number;
  readonly smallest: number;
}

/** Points of a trace's length histogram; a single point at the mean without one. */
export function lengthPoints(histogram: LengthHistogram | undefined): LengthPoints {
  if (!histogram || histogram.count === 0 || histogram.mean === 0) return { mass: Float64Array.of(1), relative: Float64Array.of(1), largest: 1, smallest: 1 };
  const mean = histogram.mean;
  const relative = Float64Array.from(SHARES.map(([a, b]) => histogram.quantile((a + b) / 2) / mean));
  return { mass: Float64Array.from(SHARES.map(([a, b]) => b - a)), relative, largest: Math.max(...relative), smallest: Math.min(...relative) };
}

/** How long the requests a task takes in one minute need after their wait. */
export interface MinuteLatency {
  /** Seconds to the first token excluding the wait: prefill of a mean-length input plus one step; scaled per input point. */
  readonly prefillSeconds: number;
  /** Seconds of one decode step, added to the first token. */
  readonly stepSeconds: number;
  /** Seconds per output token after the first (0 for non-LLM services). */
  readonly tpotSeconds: number;
  /** Mean output tokens of the minute's requests (0 for non-LLM services). */
  readonly meanOutput: number;
  /** Seconds of a whole response once taken, for non-LLM services (0 for LLM services). */
  readonly responseSeconds: number;
}

/** One objective's outcome. */
export interface ObjectiveResult {
  readonly objective: Objective;
  /** Share (%) of requests within the bound. */
  readonly withinPct: number;
  /** Whether withinPct reaches the objective's percentile. */
  readonly met: boolean;
  /** The metric at the objective's percentile (seconds), when distributions were kept. @default none */
  readonly valueAtPercentile?: number;
}

/** Share of a uniform spread over [low, high] at most x. */
function fractionBelow(low: number, high: number, x: number): number {
  if (x >= high) return 1;
  if (x < low) return 0;
  return high <= low ? 1 : (x - low) / (high - low);
}

/**
 * Counts, for each objective, the requests within its bound, exactly for the fluid model: a group
 * of requests with waits spread evenly over [w1, w2] and input (or output) lengths spread as the
 * trace's points is within when wait + its own latency is. With `keepDistributions` it also fills
 * histograms of wait, TTFT, TPOT and end-to-end latency for percentiles in the report.
 */
export class LatencyTracker {
  private readonly within: Float64Array;
  private total = 0;
  readonly distributions?: Readonly<Record<ObjectiveMetric, LatencyHistogram>>;

  constructor(
    private readonly objectives: readonly Objective[],
    private readonly inputPoints: LengthPoints,
    private readonly outputPoints: LengthPoints,
    keepDistributions: boolean,
  ) {
    this.within = new Float64Array(objectives.length);
    if (keepDistributions) {
      this.distributions = { wait: new LatencyHistogram(), ttft: new LatencyHistogram(), tpot: new LatencyHistogram(), e2e: new LatencyHistogram() };
    }
  }

  /** Requests recorded. */
  get count(): number {
    return this.total;
  }

  /** `count` requests with waits from `w1` to `w2` seconds, taken in a minute with latencies `m`. */
  record(count: number, w1: number, w2: number, m: MinuteLatency): void {
    if (!(count > 0)) return;
    this.total += count;
    const llm = m.meanOutput > 0;
    for (let o = 0; o < this.objectives.length; o++) {
      const { metric, seconds } = this.objectives[o];
      let share = 0;
      switch (metric) {
        case "wait":
          share = fractionBelow(w1, w2, seconds);
          break;
        case "tpot":
          share = m.tpotSeconds <= seconds ? 1 : 0;
          break;
        case "ttft": {
          const { mass, relative, largest, smallest } = this.inputPoints;
          // Every point within, or every point past: no need to look at each.
          if (w2 + largest * m.prefillSeconds + m.stepSeconds <= seconds && w1 + largest * m.prefillSeconds + m.stepSeconds <= seconds) {
            share = 1;
            break;
          }
          if (Math.min(w1, w2) + smallest * m.prefillSeconds + m.stepSeconds > seconds) break;
          for (let j = 0; j < mass.length; j++) {
            const d = relative[j] * m.prefillSeconds + m.stepSeconds;
            share += mass[j] * fractionBelow(w1 + d, w2 + d, seconds);
          }
          break;
        }
        case "e2e": {
          if (!llm) {
            share = fractionBelow(w1 + m.responseSeconds, w2 + m.responseSeconds, seconds);
            break;
          }
          const { mass, relative, largest } = this.outputPoints;
          if (Math.max(w1, w2) + m.prefillSeconds + m.stepSeconds + largest * m.meanOutput * m.tpotSeconds <= seconds) {
            share = 1;
            break;
          }
          for (let j = 0; j < mass.length; j++) {
            const d = m.prefillSeconds + m.stepSeconds + relative[j] * m.meanOutput * m.tpotSeconds;
            share += mass[j] * fractionBelow(w1 + d, w2 + d, seconds);
          }
          break;
        }
      }
      this.within[o] += count * share;
    }
    const h = this.distributions;
    if (!h) return;
    h.wait.add(count, w1, w2);
    if (llm) {
      h.tpot.add(count, m.tpotSeconds, m.tpotSeconds);
      const input = this.inputPoints;
      for (let j = 0; j < input.mass.length; j++) {
        const d = input.relative[j] * m.prefillSeconds + m.stepSeconds;
        h.ttft.add(count * input.mass[j], w1 + d, w2 + d);
      }
      const output = this.outputPoints;
      for (let j = 0; j < output.mass.length; j++) {
        const d = m.prefillSeconds + m.stepSeconds + output.relative[j] * m.meanOutput * m.tpotSeconds;
        h.e2e.add(count * output.mass[j], w1 + d, w2 + d);
      }
    } else h.e2e.add(count, w1 + m.responseSeconds, w2 + m.responseSeconds);
  }

  /** Each objective's outcome. */
  results(): ObjectiveResult[] {
    return this.objectives.map((objective, o) => {
      const withinPct = this.total > 0 ? (100 * this.within[o]) / this.total : 100;
      const value = this.distributions?.[objective.metric].percentile(objective.percentile / 100);
      return { objective, withinPct, met: withinPct >= objective.percentile - 1e-9, ...(value !== undefined ? { valueAtPercentile: value } : {}) };
    });
  }
}
