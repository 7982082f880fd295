import { PreviewError } from "../errors";
import { count, headerOf, shown, splitCsv } from "./csv";
import type { TraceFormat } from "./format";

/** Columns a rate trace may use for the rate, in requests per second. */
export const RATE_COLUMNS = ["rate", "agg_rate_rps"] as const;

/**
 * Per-window rates: a `window_start_s` column (seconds from the trace start) and a rate column in
 * requests per second (`rate`, or ServeGen's `agg_rate_rps`); other columns (pool,
 * n_active_clients) are ignored. Rows of one window (one per pool) are adjacent and summed; windows
 * come in time order. A window lasts until the next one starts (the last as long as the one before
 * it) and its requests spread evenly over it. Read as it streams: one window is held at a time.
 * Source of the layout: alibaba/ServeGen (data/language/*).
 */
export const rateFormat: TraceFormat = {
  name: "rate",
  title: "per-window rate CSV (ServeGen aggregate)",
  example: "window_start_s,rate or pool,window_start_s,agg_rate_rps,n_active_clients",
  wallClock: () => false,
  hasModels: false,
  matches: (first) => headerOf(first).includes("window_start_s"),
  open: (context, sink) => {
    let width = 0;
    let startAt = -1;
    let rateAt = -1;
    let header = "";
    let pending: { start: number; rate: number } | undefined;
    let lastLength = 60;
    let windows = 0;
    const emit = (until: number) => {
      if (!pending) return;
      sink.rate(context.startMs + pending.start * 1000, context.startMs + until * 1000, pending.rate);
      windows++;
    };
    return {
      line(text, number) {
        if (number === 1) {
          header = text;
          const cells = headerOf(text);
          width = cells.length;
          startAt = cells.indexOf("window_start_s");
          rateAt = cells.findIndex((c) => (RATE_COLUMNS as readonly string[]).includes(c));
          if (startAt < 0 || rateAt < 0) {
            throw new PreviewError(`${context.source}: a rate trace needs the columns window_start_s and one of ${RATE_COLUMNS.join(", ")}; the header is "${shown(header)}"`);
          }
          return;
        }
        if (text.trim() === "") return;
        const cells = splitCsv(text);
        const start = count(cells[startAt]);
        const rate = count(cells[rateAt]);
        if (cells.length !== width || Number.isNaN(start) || Number.isNaN(rate)) {
          throw new PreviewError(`${context.source}:${number}: expected ${width} columns with a window start (s) and a rate (requests per second) of 0 or more, got "${shown(text)}"`);
        }
        if (pending && start === pending.start) {
          pending.rate += rate;
          return;
        }
        if (pending && start < pending.start) {
          throw new PreviewError(`${context.source}:${number}: window_start_s ${start} comes after ${pending.start}; windows must be in time order`);
        }
        if (pending) {
          lastLength = start - pending.start;
          emit(start);
        }
        pending = { start, rate };
      },
      end() {
        if (pending) emit(pending.start + lastLength);
        else if (windows === 0) throw new PreviewError(`${context.source}: the trace has no windows`);
      },
    };
  },
};
