import type { TraceFormatName } from "../trace";

/** Where a reader puts what it reads: requests (with tokens and model when the format has them) or rate windows. */
export interface RecordSink {
  /** One request at epoch millisecond `ms`. */
  request(ms: number, input?: number, output?: number, model?: string): void;
  /** `perSecond` requests a second from `fromMs` to `toMs`. */
  rate(fromMs: number, toMs: number, perSecond: number): void;
}

/** The generic CSV's mapping of its columns. */
export interface ColumnMapping {
  /** Column of the arrival time. */
  readonly time: string;
  /** How the time column reads: an ISO timestamp, seconds or milliseconds since the trace start, or since 1970. */
  readonly timeUnit: TimeUnit;
  /** Column of the input (prompt) tokens. @default none: the trace has no token counts */
  readonly input?: string;
  /** Column of the output (generated) tokens. @default none */
  readonly output?: string;
  /** Column of the model name, for --model. @default none */
  readonly model?: string;
}

export const TIME_UNITS = ["iso", "s", "ms", "epoch-s", "epoch-ms"] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

/** What a reader needs besides the lines. */
export interface FormatContext {
  /** The file, for messages. */
  readonly source: string;
  /** Epoch milliseconds of time 0 for formats with relative times (--start). */
  readonly startMs: number;
  /** The generic CSV's columns (--columns). @default none */
  readonly columns?: ColumnMapping;
}

/** Reads one file's lines, the first included, into a sink. */
export interface LineReader {
  /** One line without its line break; `number` counts from 1. */
  line(text: string, number: number): void;
  /** After the last line. */
  end(): void;
}

/** One trace format: how to recognise its first line and how to read it. */
export interface TraceFormat {
  readonly name: Exclude<TraceFormatName, "synthetic">;
  /** What it is, for help and messages. */
  readonly title: string;
  /** Its first line (header) as it looks, for messages. */
  readonly example: string;
  /** Whether its times (with these settings) are wall-clock (true) or relative to the trace start, --start (false). */
  wallClock(context: FormatContext): boolean;
  /** Whether rows name a model (so --model can filter). */
  readonly hasModels: boolean;
  /** Whether a file whose first line is `firstLine` is in this format (the generic CSV never guesses). */
  matches(firstLine: string): boolean;
  open(context: FormatContext, sink: RecordSink): LineReader;
}
