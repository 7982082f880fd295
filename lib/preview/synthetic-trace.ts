import { PreviewError } from "./errors";
import { MAX_SPAN_MINUTES } from "./minute-accumulator";
import { MINUTE_MS, Trace, traceOf } from "./trace";

/** Settings of the synthetic trace generator. */
export interface SyntheticTraceOptions {
  /** Days of traffic. @default 1 */
  readonly days: number;
  /** Mean requests per minute at the daily trough. @default 100 */
  readonly trough: number;
  /** Mean requests per minute at the daily peak. @default 400 */
  readonly peak: number;
  /** Hour of the day (UTC) of the peak; the trough is twelve hours away. @default 15 */
  readonly peakHour: number;
  /** Bursts per day, at random minutes. @default 2 */
  readonly bursts: number;
  /** Factor a burst multiplies the mean rate by. @default 3 */
  readonly burstFactor: number;
  /** Minutes a burst lasts. @default 10 */
  readonly burstMinutes: number;
  /** Input (prompt) tokens per request. @default 1000 */
  readonly inputTokens: number;
  /** Output (generated) tokens per request. @default 200 */
  readonly outputTokens: number;
  /** Seed of the random numbers: one seed, one trace. @default 1 */
  readonly seed: number;
}

export const SYNTHETIC_DEFAULTS: SyntheticTraceOptions = {
  days: 1,
  trough: 100,
  peak: 400,
  peakHour: 15,
  bursts: 2,
  burstFactor: 3,
  burstMinutes: 10,
  inputTokens: 1000,
  outputTokens: 200,
  seed: 1,
};

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson-distributed count with mean `mean` (Knuth's method below 30, a normal approximation above). */
function poisson(mean: number, random: () => number): number {
  if (mean <= 0) return 0;
  if (mean < 30) {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = random();
    while (p > limit) {
      k++;
      p *= random();
    }
    return k;
  }
  const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
}

/** The mean rate (requests per minute) of the daily cycle at a minute of the day: a cosine from trough to peak. */
export function dailyMean(options: SyntheticTraceOptions, minuteOfDay: number): number {
  const phase = (2 * Math.PI * (minuteOfDay / 60 - options.peakHour)) / 24;
  return options.trough + ((options.peak - options.trough) * (1 + Math.cos(phase))) / 2;
}

/**
 * A synthetic trace: a daily cycle from `trough` to `peak` requests per minute, `bursts` random
 * bursts a day that multiply the rate by `burstFactor` for `burstMinutes`, and Poisson counts
 * per minute. The same options (and seed) always give the same trace.
 */
export function syntheticTrace(options: Partial<SyntheticTraceOptions> = {}, startMs = Date.UTC(2024, 0, 1)): Trace {
  const o: SyntheticTraceOptions = { ...SYNTHETIC_DEFAULTS, ...options };
  const random = seededRandom(o.seed);
  const minutes = Math.round(o.days * 1440);
  const factor = new Float64Array(minutes).fill(1);
  for (let day = 0; day < Math.ceil(o.days); day++) {
    for (let b = 0; b < o.bursts; b++) {
      const start = day * 1440 + Math.floor(random() * 1440);
      for (let m = start; m < Math.min(minutes, start + o.burstMinutes); m++) factor[m] = o.burstFactor;
    }
  }
  const start = Math.floor(startMs / MINUTE_MS) * MINUTE_MS;
  const startOfDay = (start / MINUTE_MS) % 1440;
  const requests = new Float64Array(minutes);
  for (let m = 0; m < minutes; m++) requests[m] = poisson(dailyMean(o, (startOfDay + m) % 1440) * factor[m], random);
  const settings = (Object.keys(SYNTHETIC_DEFAULTS) as Array<keyof SyntheticTraceOptions>).map((key) => `${key}=${o[key]}`).join(",");
  return traceOf(requests, { source: `synthetic:${settings}`, format: "synthetic", startMs: start, inputPerRequest: o.inputTokens, outputPerRequest: o.outputTokens });
}

/** Fewest days a synthetic trace spans, as the message prints it: one minute (1/1440), rounded up. */
const MIN_DAYS = Math.ceil(1e6 / 1440) / 1e6;

/** Reads `synthetic` or `synthetic:days=14,peak=600,seed=7` into generator options. */
export function parseSyntheticSpec(spec: string): Partial<SyntheticTraceOptions> {
  const body = spec.replace(/^synthetic:?/, "");
  const options: Record<string, number> = {};
  if (body === "") return options;
  for (const pair of body.split(",")) {
    const [key, value] = pair.split("=");
    if (!(key in SYNTHETIC_DEFAULTS)) {
      throw new PreviewError(`synthetic trace: unknown setting "${key}"; allowed: ${Object.keys(SYNTHETIC_DEFAULTS).join(", ")}`);
    }
    const number = Number(value);
    const wholeOnly = key === "bursts" || key === "burstMinutes" || key === "seed";
    if (value === undefined || value === "" || !Number.isFinite(number) || number < 0 || (wholeOnly && !Number.isInteger(number)) || (key === "days" && number <= 0)) {
      throw new PreviewError(`synthetic trace: ${key}=${value ?? ""} must be a ${wholeOnly ? "whole " : ""}number${key === "days" ? " greater than 0" : " of 0 or more"}`);
    }
    if (key === "days" && !(number * 1440 >= 1 && number * 1440 <= MAX_SPAN_MINUTES)) {
      throw new PreviewError(`synthetic trace: days=${value} must be at least ${MIN_DAYS} (one minute) and at most ${MAX_SPAN_MINUTES / 1440} (ten years, the longest span a trace file may cover)`);
    }
    options[key] = number;
  }
  if ((options.peakHour ?? 0) >= 24) throw new PreviewError(`synthetic trace: peakHour=${options.peakHour} must be below 24`);
  return options;
}
