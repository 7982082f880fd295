import { PreviewError } from "./errors";

/**
 * What an objective measures:
 * - `ttft`: time to first token (wait for a slot, prefill, first step), LLM servers;
 * - `tpot`: time per output token after the first, LLM servers;
 * - `e2e`: end-to-end latency (the whole response; for non-streaming services);
 * - `wait`: time a request waits before a task takes it.
 */
export const OBJECTIVE_METRICS = ["ttft", "tpot", "e2e", "wait"] as const;
export type ObjectiveMetric = (typeof OBJECTIVE_METRICS)[number];

/** "`percentile`% of requests within `seconds` of `metric`", as people state latency objectives. */
export interface Objective {
  readonly metric: ObjectiveMetric;
  /** Share of requests (%) that must be within the bound, above 0 and at most 100. */
  readonly percentile: number;
  readonly seconds: number;
}

/** Longest objective text looked at. */
const MAX_OBJECTIVE_CHARS = 64;

/** `p99 ttft < 2s`, `p95 tpot < 80ms`, `p99.9 e2e < 1m`, `p50 wait < 500ms`. */
const OBJECTIVE = /^p(\d{1,2}(?:\.\d{1,3})?|100)\s+([a-z0-9]{3,4})\s*<=?\s*(\d{1,6}(?:\.\d{1,6})?)\s*(ms|s|m)$/;

/** Reads an objective such as `p99 ttft < 2s`; throws a PreviewError saying what is allowed. */
export function parseObjective(text: string): Objective {
  const trimmed = text.trim().toLowerCase();
  const match = trimmed.length <= MAX_OBJECTIVE_CHARS ? OBJECTIVE.exec(trimmed) : null;
  const allowed = `expected "p<percentile> <${OBJECTIVE_METRICS.join("|")}> < <number><ms|s|m>" such as "p99 ttft < 2s" or "p95 tpot < 80ms"`;
  if (!match) throw new PreviewError(`--objective ${JSON.stringify(text.slice(0, MAX_OBJECTIVE_CHARS))}: ${allowed}`);
  const [, p, metric, value, unit] = match;
  const percentile = Number(p);
  if (!(OBJECTIVE_METRICS as readonly string[]).includes(metric)) throw new PreviewError(`--objective ${JSON.stringify(text)}: unknown metric "${metric}"; allowed: ${OBJECTIVE_METRICS.join(", ")}`);
  if (!(percentile > 0 && percentile <= 100)) throw new PreviewError(`--objective ${JSON.stringify(text)}: the percentile must be above 0 and at most 100`);
  const seconds = Number(value) * (unit === "ms" ? 0.001 : unit === "m" ? 60 : 1);
  if (!(seconds > 0)) throw new PreviewError(`--objective ${JSON.stringify(text)}: the bound must be greater than 0`);
  return { metric: metric as ObjectiveMetric, percentile, seconds };
}

/** `p99 ttft < 2 s`. */
export function describeObjective(objective: Objective): string {
  const { seconds } = objective;
  const bound = seconds < 1 ? `${Math.round(seconds * 1000 * 100) / 100} ms` : `${Math.round(seconds * 1000) / 1000} s`;
  return `p${objective.percentile} ${objective.metric} < ${bound}`;
}
