/**
 * A request trace as the preview replays it: requests (and, when the trace has them, tokens)
 * per minute from a start time. Readers of each format produce one; the simulation never sees
 * the file.
 */
export interface Trace {
  /** Where it came from, for the report: a file path or the synthetic generator's settings. */
  readonly source: string;
  /** Format of the source. */
  readonly format: "azure-llm" | "rate" | "synthetic";
  /** Epoch milliseconds of the start of minute 0 (a whole minute, UTC). */
  readonly startMs: number;
  /** Requests arriving in each minute (fractional for rate traces). */
  readonly requests: Float64Array;
  /** Context plus generated tokens arriving in each minute. @default none: the trace has no token counts */
  readonly tokens?: Float64Array;
}

export const MINUTE_MS = 60_000;

/** A trace from per-minute request counts (and optional token counts); for tests and the generator. */
export function traceOf(requests: ArrayLike<number>, options: { source?: string; startMs?: number; tokens?: ArrayLike<number>; format?: Trace["format"] } = {}): Trace {
  if (options.tokens && options.tokens.length !== requests.length) throw new Error("tokens must have one entry per minute, like requests");
  return {
    source: options.source ?? "inline",
    format: options.format ?? "synthetic",
    startMs: options.startMs ?? Date.UTC(2024, 0, 1),
    requests: Float64Array.from(requests),
    ...(options.tokens ? { tokens: Float64Array.from(options.tokens) } : {}),
  };
}

/** The trace with every minute's requests and tokens multiplied by `factor` (what-if traffic). */
export function scaleTrace(trace: Trace, factor: number): Trace {
  if (factor === 1) return trace;
  return {
    ...trace,
    source: `${trace.source} x${factor}`,
    requests: trace.requests.map((v) => v * factor),
    ...(trace.tokens ? { tokens: trace.tokens.map((v) => v * factor) } : {}),
  };
}

/** Total requests of a trace. */
export function totalRequests(trace: Trace): number {
  let sum = 0;
  for (const v of trace.requests) sum += v;
  return sum;
}
