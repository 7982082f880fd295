import { LengthHistogram } from "./length-histogram";

/** The trace formats the preview reads (lib/preview/formats), plus the synthetic generator. */
export type TraceFormatName = "azure-llm" | "mooncake" | "burstgpt" | "rate" | "csv" | "synthetic";

/** Token lengths of a trace's requests: distributions for percentiles (the per-minute sums are on the trace). */
export interface TokenLengths {
  /** Input (prompt, context) tokens per request. */
  readonly input: LengthHistogram;
  /** Output (generated) tokens per request. */
  readonly output: LengthHistogram;
}

/**
 * A request trace as the preview replays it: requests (and, when the trace has them, input and
 * output tokens) per minute from a start time. Readers of each format produce one; the simulation
 * never sees the file.
 */
export interface Trace {
  /** Where it came from, for the report: a file path or the synthetic generator's settings. */
  readonly source: string;
  readonly format: TraceFormatName;
  /** Epoch milliseconds of the start of minute 0 (a whole minute, UTC). */
  readonly startMs: number;
  /** Requests arriving in each minute (fractional for rate traces). */
  readonly requests: Float64Array;
  /** Input tokens arriving in each minute. @default none: the trace has no token counts */
  readonly inputTokens?: Float64Array;
  /** Output tokens of the requests arriving in each minute. @default none: the trace has no token counts */
  readonly outputTokens?: Float64Array;
  /** Distributions of the per-request lengths. @default none: the trace has no token counts */
  readonly lengths?: TokenLengths;
  /** What the reader left out or assumed (failed requests, filtered rows), for the report. @default none */
  readonly notes?: readonly string[];
}

export const MINUTE_MS = 60_000;

/** Options of {@link traceOf}. */
export interface InlineTraceOptions {
  /** @default "inline" */
  readonly source?: string;
  /** @default 2024-01-01T00:00:00Z */
  readonly startMs?: number;
  /** Input tokens per request (the same for every request). @default none */
  readonly inputPerRequest?: number;
  /** Output tokens per request. @default none */
  readonly outputPerRequest?: number;
  /** @default "synthetic" */
  readonly format?: TraceFormatName;
}

/**
 * A trace from per-minute request counts, every request with the same input and output tokens
 * when given; for tests and the generator.
 */
export function traceOf(requests: ArrayLike<number>, options: InlineTraceOptions = {}): Trace {
  const counts = Float64Array.from(requests);
  const base = {
    source: options.source ?? "inline",
    format: options.format ?? "synthetic",
    startMs: options.startMs ?? Date.UTC(2024, 0, 1),
    requests: counts,
  } as const;
  if (options.inputPerRequest === undefined && options.outputPerRequest === undefined) return base;
  const input = options.inputPerRequest ?? 0;
  const output = options.outputPerRequest ?? 0;
  const lengths: TokenLengths = { input: new LengthHistogram(), output: new LengthHistogram() };
  let total = 0;
  for (const c of counts) total += c;
  lengths.input.add(input, total);
  lengths.output.add(output, total);
  return { ...base, inputTokens: counts.map((c) => c * input), outputTokens: counts.map((c) => c * output), lengths };
}

/** The trace with every minute's requests and tokens multiplied by `factor` (what-if traffic); lengths stay. */
export function scaleTrace(trace: Trace, factor: number): Trace {
  if (factor === 1) return trace;
  return {
    ...trace,
    source: `${trace.source} x${factor}`,
    requests: trace.requests.map((v) => v * factor),
    ...(trace.inputTokens ? { inputTokens: trace.inputTokens.map((v) => v * factor) } : {}),
    ...(trace.outputTokens ? { outputTokens: trace.outputTokens.map((v) => v * factor) } : {}),
  };
}

/** Total requests of a trace. */
export function totalRequests(trace: Trace): number {
  let sum = 0;
  for (const v of trace.requests) sum += v;
  return sum;
}

/** Input plus output tokens per minute; undefined when the trace has no token counts. */
export function totalTokens(trace: Trace): Float64Array | undefined {
  if (!trace.inputTokens || !trace.outputTokens) return undefined;
  const out = new Float64Array(trace.requests.length);
  for (let i = 0; i < out.length; i++) out[i] = trace.inputTokens[i] + trace.outputTokens[i];
  return out;
}

/** Minutes `from` (inclusive) to `to` (exclusive) of a trace, as a trace starting at `from`. */
export function sliceTrace(trace: Trace, from: number, to: number): Trace {
  return {
    ...trace,
    startMs: trace.startMs + from * MINUTE_MS,
    requests: trace.requests.slice(from, to),
    ...(trace.inputTokens ? { inputTokens: trace.inputTokens.slice(from, to) } : {}),
    ...(trace.outputTokens ? { outputTokens: trace.outputTokens.slice(from, to) } : {}),
  };
}
