import { closeSync, openSync, readSync, statSync, createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import { PreviewError } from "./errors";
import { MAX_LINE_CHARS } from "./formats/csv";
import { detectFormat, FORMAT_NAMES, formatNamed, TRACE_FORMATS, type ColumnMapping, type RecordSink, type TraceFormat } from "./formats";
import { parseDuration, parseTimestamp } from "./formats/timestamps";
import { MinuteAccumulator } from "./minute-accumulator";
import { parseSyntheticSpec, syntheticTrace } from "./synthetic-trace";
import { totalRequests, type Trace } from "./trace";

/** A bound of the time window: an epoch millisecond, or an offset from the trace's start. */
export type TimeBound = { readonly at: number } | { readonly after: number };

/** Where a trace comes from and what part of it to replay. */
export interface TraceRequest {
  /** A file path (plain or gzip), or `synthetic[:days=..,peak=..,...]`. */
  readonly trace: string;
  /** Time 0 of formats with relative times (Mooncake, BurstGPT, rate, synthetic). @default 2024-01-01T00:00:00Z, a Monday */
  readonly startMs?: number;
  /** The format, instead of recognising it from the first line (`csv` needs `columns`). @default recognised */
  readonly format?: string;
  /** The generic CSV's column mapping. @default none */
  readonly columns?: ColumnMapping;
  /** Keep requests from this time on. @default the trace's start */
  readonly from?: TimeBound;
  /** Keep requests before this time. @default the trace's end */
  readonly to?: TimeBound;
  /** Keep requests of this model (formats with a model column). @default every model */
  readonly model?: string;
}

export const DEFAULT_START_MS = Date.UTC(2024, 0, 1);

/** Farthest a time may be from 1970 in either direction: JavaScript's date range (ECMA-262, "Time Values and Time Range"). */
export const MAX_DATE_MS = 8.64e15;

/** An ISO time, or the milliseconds when no date holds them (bounds from huge offsets). */
function isoOrMs(ms: number): string {
  return Math.abs(ms) <= MAX_DATE_MS ? new Date(ms).toISOString() : `${ms} ms from 1970`;
}

/** Reads `2024-05-10T06:00:00Z` as a time and `6h`, `1d12h`, `90m` as an offset from the trace's start. */
export function parseTimeBound(text: string, flag: string): TimeBound {
  const duration = parseDuration(text);
  if (!Number.isNaN(duration)) return { after: duration };
  const at = parseTimestamp(text);
  if (!Number.isNaN(at)) return { at };
  throw new PreviewError(`${flag} ${text}: expected a time such as 2024-05-10T06:00:00Z or an offset from the trace's start such as 6h, 90m or 1d12h`);
}

/**
 * Reads a trace: the synthetic generator, or a file (gzip recognised by its first bytes) streamed
 * line by line, so memory grows with the days the trace spans, not its size. The format is the
 * one named, or the one whose first line it is. Throws a PreviewError naming the file (and line).
 */
export async function readTrace(request: TraceRequest): Promise<Trace> {
  const startMs = request.startMs ?? DEFAULT_START_MS;
  if (request.trace === "synthetic" || request.trace.startsWith("synthetic:")) {
    const trace = syntheticTrace(parseSyntheticSpec(request.trace), startMs);
    if (request.from || request.to || request.model) throw new PreviewError("--from, --to and --model apply to trace files, not to the synthetic generator (set its days instead)");
    if (totalRequests(trace) === 0) throw new PreviewError(`${trace.source}: the trace has no requests`);
    return trace;
  }
  const file = request.trace;
  try {
    if (statSync(file).isDirectory()) throw new PreviewError(`trace ${file} is a directory; give a trace file`);
  } catch (error) {
    if (error instanceof PreviewError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new PreviewError(code === "ENOENT" ? `trace file not found: ${file}` : `trace file ${file} cannot be read: ${code ?? (error as Error).message}`);
  }
  const stream = isGzip(file) ? createReadStream(file).pipe(createGunzip()) : createReadStream(file);
  stream.setEncoding("utf8");
  try {
    return await readTraceStream(stream as AsyncIterable<string>, file, request);
  } catch (error) {
    if (error instanceof PreviewError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new PreviewError(`trace file ${file} cannot be read: ${GZIP_ERRORS[code ?? ""] ?? code ?? (error as Error).message}`);
  }
}

/** What zlib's error codes mean for a trace file. */
const GZIP_ERRORS: Readonly<Record<string, string>> = {
  Z_DATA_ERROR: "it starts like gzip but does not decompress",
  Z_BUF_ERROR: "the gzip data ends early (truncated file?)",
};

function isGzip(file: string): boolean {
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/** Reads a trace from text chunks (a file stream, or a generated stream in tests and benchmarks). */
export async function readTraceStream(chunks: AsyncIterable<string>, source: string, request: Omit<TraceRequest, "trace"> = {}): Promise<Trace> {
  const startMs = request.startMs ?? DEFAULT_START_MS;
  const forced = request.format ?? (request.columns ? "csv" : undefined);
  let format: TraceFormat | undefined;
  if (forced !== undefined) {
    format = formatNamed(forced);
    if (!format) throw new PreviewError(`--format ${forced}: unknown format; formats: ${FORMAT_NAMES.join(", ")}`);
  }
  if (request.model !== undefined && format && !format.hasModels) throw new PreviewError(`--model: ${format.title} rows name no model`);
  const accumulator = new MinuteAccumulator(source);
  let sink: FilteringSink | undefined;
  let reader: ReturnType<TraceFormat["open"]> | undefined;
  let number = 0;
  const onLine = (text: string) => {
    number++;
    if (!reader) {
      format ??= detectFormat(text);
      if (!format) {
        throw new PreviewError(
          `${source}: unknown trace format (first line "${text.slice(0, 80)}"); expected one of: ${TRACE_FORMATS.filter((f) => f.name !== "csv")
            .map((f) => `${f.title} (${f.example})`)
            .join("; ")}; or --format csv --columns time=<column>,... for any other CSV`,
        );
      }
      if (request.model !== undefined && !format.hasModels) throw new PreviewError(`--model: ${source} is a ${format.title}, whose rows name no model`);
      const context = { source, startMs, ...(request.columns ? { columns: request.columns } : {}) };
      sink = new FilteringSink(accumulator, request, format.wallClock(context), startMs, source);
      reader = format.open(context, sink);
    }
    sink!.line = number;
    reader.line(text, number);
  };
  let rest = "";
  for await (const chunk of chunks) {
    const text = rest + chunk;
    let from = 0;
    for (let end = text.indexOf("\n", from); end >= 0; end = text.indexOf("\n", from)) {
      onLine(text.charCodeAt(end - 1) === 13 ? text.slice(from, end - 1) : text.slice(from, end));
      from = end + 1;
    }
    rest = text.slice(from);
    if (rest.length > MAX_LINE_CHARS) throw new PreviewError(`${source}:${number + 1}: a line longer than ${MAX_LINE_CHARS} characters; is this a trace file?`);
  }
  if (rest.length > 0) onLine(rest.endsWith("\r") ? rest.slice(0, -1) : rest);
  if (!reader || !format || !sink) throw new PreviewError(`${source}: the trace file is empty`);
  reader.end();
  if (request.model !== undefined && sink.kept === 0) {
    const seen = [...sink.models].slice(0, 20);
    throw new PreviewError(`--model ${request.model}: no request of ${source} is of that model; models: ${seen.join(", ")}${sink.models.size > seen.length ? ", ..." : ""}`);
  }
  if (accumulator.count === 0 && sink.dropped > 0) throw new PreviewError(`${source}: no request falls in the window given by --from/--to`);
  const notes: string[] = [];
  if (format.name === "burstgpt" && sink.withoutOutput > 0) notes.push(`${sink.withoutOutput} failed requests (0 response tokens) kept as arrivals that generate nothing`);
  if (request.model !== undefined) notes.push(`model ${request.model} only: ${sink.kept} of ${sink.kept + sink.otherModels} requests`);
  return accumulator.build(format.name, notes);
}

/** Applies the time window and the model filter before the per-minute sums. */
class FilteringSink implements RecordSink {
  readonly models = new Set<string>();
  kept = 0;
  otherModels = 0;
  dropped = 0;
  withoutOutput = 0;
  private fromMs = -Infinity;
  private toMs = Infinity;
  private resolved = false;
  /** The line being read, for messages. */
  line = 0;

  constructor(
    private readonly accumulator: MinuteAccumulator,
    private readonly options: Omit<TraceRequest, "trace">,
    private readonly wallClock: boolean,
    private readonly startMs: number,
    private readonly source: string,
  ) {}

  request(ms: number, input?: number, output?: number, model?: string): void {
    this.checkTime(ms);
    this.resolve(ms);
    if (model !== undefined && this.models.size < 1000) this.models.add(model);
    if (this.options.model !== undefined && model !== this.options.model) {
      this.otherModels++;
      return;
    }
    if (ms < this.fromMs || ms >= this.toMs) {
      this.dropped++;
      return;
    }
    this.kept++;
    if (output === 0) this.withoutOutput++;
    this.accumulator.request(ms, input, output);
  }

  rate(fromMs: number, toMs: number, perSecond: number): void {
    this.checkTime(fromMs);
    this.checkTime(toMs);
    this.resolve(fromMs);
    const from = Math.max(fromMs, this.fromMs);
    const to = Math.min(toMs, this.toMs);
    if (to <= from) {
      this.dropped++;
      return;
    }
    this.kept++;
    this.accumulator.rate(from, to, perSecond);
  }

  /** A time JavaScript's dates can hold (within MAX_DATE_MS of 1970), or a PreviewError naming the file and line. */
  private checkTime(ms: number): void {
    if (Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS) return;
    throw new PreviewError(
      `${this.source}:${this.line}: a time of ${ms} ms from 1970 is outside the dates the preview can handle (at most ${MAX_DATE_MS} ms, about 275,000 years, either side of 1970); check the time column and its unit`,
    );
  }

  /** Offsets count from the trace's start: --start for relative formats, the first row's time for wall-clock ones. */
  private resolve(firstMs: number): void {
    if (this.resolved) return;
    this.resolved = true;
    const origin = this.wallClock ? firstMs : this.startMs;
    const at = (bound: TimeBound) => ("at" in bound ? bound.at : origin + bound.after);
    if (this.options.from) this.fromMs = at(this.options.from);
    if (this.options.to) this.toMs = at(this.options.to);
    if (this.toMs <= this.fromMs) throw new PreviewError(`--to (${isoOrMs(this.toMs)}) must be after --from (${isoOrMs(this.fromMs)})`);
  }
}
