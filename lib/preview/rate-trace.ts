import { PreviewError } from "./errors";
import { MINUTE_MS, Trace } from "./trace";

/** Columns a rate trace may use for the rate, in requests per second. */
export const RATE_COLUMNS = ["rate", "agg_rate_rps"] as const;

/**
 * Reads a per-window rate trace: a `window_start_s` column (seconds from the trace start) and a
 * rate column in requests per second (`rate`, or ServeGen's `agg_rate_rps`); other columns (pool,
 * n_active_clients) are ignored and rows of one window are summed. A window lasts until the next
 * one starts (the last as long as the one before it) and its requests are spread evenly over it.
 * Minute 0 is the first window's start, placed at `startMs`.
 */
export function readRateTrace(text: string, source: string, startMs: number): Trace {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  const header = lines[0].split(",").map((c) => c.trim());
  const startColumn = header.indexOf("window_start_s");
  const rateColumn = header.findIndex((c) => (RATE_COLUMNS as readonly string[]).includes(c));
  if (startColumn < 0 || rateColumn < 0) {
    throw new PreviewError(`${source}: a rate trace needs the columns window_start_s and one of ${RATE_COLUMNS.join(", ")}; the header is "${lines[0]}"`);
  }
  const windows = new Map<number, number>();
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].split(",");
    const start = Number(cells[startColumn]);
    const rate = Number(cells[rateColumn]);
    if (cells.length !== header.length || !Number.isFinite(start) || start < 0 || !Number.isFinite(rate) || rate < 0) {
      throw new PreviewError(`${source}:${i + 1}: expected ${header.length} columns with a window start (s) and a rate (requests per second) of 0 or more, got "${lines[i].slice(0, 80)}"`);
    }
    windows.set(start, (windows.get(start) ?? 0) + rate);
  }
  const starts = [...windows.keys()].sort((a, b) => a - b);
  if (starts.length === 0) throw new PreviewError(`${source}: the trace has no windows`);
  const origin = starts[0];
  const lastLength = starts.length > 1 ? starts[starts.length - 1] - starts[starts.length - 2] : 60;
  const end = starts[starts.length - 1] + lastLength - origin;
  const requests = new Float64Array(Math.ceil(end / 60));
  starts.forEach((start, i) => {
    const from = start - origin;
    const to = (i + 1 < starts.length ? starts[i + 1] : start + lastLength) - origin;
    const rate = windows.get(start)!;
    for (let minute = Math.floor(from / 60); minute * 60 < to; minute++) {
      const overlap = Math.min(to, (minute + 1) * 60) - Math.max(from, minute * 60);
      if (overlap > 0) requests[minute] += rate * overlap;
    }
  });
  return { source, format: "rate", startMs: Math.floor(startMs / MINUTE_MS) * MINUTE_MS, requests };
}
