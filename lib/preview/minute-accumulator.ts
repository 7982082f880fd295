import { PreviewError } from "./errors";
import { LengthHistogram } from "./length-histogram";
import { MINUTE_MS, Trace, TraceFormatName } from "./trace";

/** One day of per-minute sums. */
interface Day {
  readonly requests: Float64Array;
  readonly input: Float64Array;
  readonly output: Float64Array;
}

/** Longest span a trace may cover: ten years of minutes. */
export const MAX_SPAN_MINUTES = 10 * 366 * 1440;

/**
 * Sums requests (and tokens) per wall-clock minute while a trace file streams by. Memory grows with
 * the days the trace spans (three arrays of 1,440 numbers a day), never with its rows, and rows
 * need not be sorted. Token lengths go to histograms for percentiles.
 */
export class MinuteAccumulator {
  private readonly days = new Map<number, Day>();
  private first = Infinity;
  private last = -Infinity;
  private withTokens: boolean | undefined;
  private rows = 0;
  readonly input = new LengthHistogram();
  readonly output = new LengthHistogram();

  constructor(private readonly source: string) {}

  /** Requests added so far (rate windows count their requests). */
  get count(): number {
    return this.rows;
  }

  /** Days of buckets held: what memory grows with. */
  get daysHeld(): number {
    return this.days.size;
  }

  /** One request arriving at `ms` (epoch milliseconds), with its tokens when the trace has them. */
  request(ms: number, input?: number, output?: number): void {
    const tokens = input !== undefined && output !== undefined;
    if (this.withTokens === undefined) this.withTokens = tokens;
    const minute = Math.floor(ms / MINUTE_MS);
    const day = this.dayOf(minute);
    const index = minute - Math.floor(minute / 1440) * 1440;
    day.requests[index] += 1;
    if (tokens && this.withTokens) {
      day.input[index] += input;
      day.output[index] += output;
      this.input.add(input);
      this.output.add(output);
    }
    this.rows++;
  }

  /** `perSecond` requests a second, spread evenly from `fromMs` to `toMs`, without token counts. */
  rate(fromMs: number, toMs: number, perSecond: number): void {
    this.withTokens = false;
    if (!(toMs > fromMs) || perSecond === 0) {
      // A window without requests still spans its minutes.
      this.touch(Math.floor(fromMs / MINUTE_MS));
      if (toMs > fromMs) this.touch(Math.floor((toMs - 1) / MINUTE_MS));
      return;
    }
    for (let minute = Math.floor(fromMs / MINUTE_MS); minute * MINUTE_MS < toMs; minute++) {
      const overlap = Math.min(toMs, (minute + 1) * MINUTE_MS) - Math.max(fromMs, minute * MINUTE_MS);
      const day = this.dayOf(minute);
      const count = (perSecond * overlap) / 1000;
      day.requests[minute - Math.floor(minute / 1440) * 1440] += count;
      this.rows += count;
    }
  }

  /** The trace from the first to the last minute seen; throws when nothing was added. */
  build(format: TraceFormatName, notes: readonly string[] = []): Trace {
    if (this.first === Infinity) throw new PreviewError(`${this.source}: the trace has no requests`);
    const minutes = this.last - this.first + 1;
    const requests = new Float64Array(minutes);
    const tokens = this.withTokens === true;
    const input = tokens ? new Float64Array(minutes) : undefined;
    const output = tokens ? new Float64Array(minutes) : undefined;
    for (const [dayIndex, day] of this.days) {
      for (let i = 0; i < 1440; i++) {
        const t = dayIndex * 1440 + i - this.first;
        if (t < 0 || t >= minutes) continue;
        requests[t] = day.requests[i];
        if (input && output) {
          input[t] = day.input[i];
          output[t] = day.output[i];
        }
      }
    }
    return {
      source: this.source,
      format,
      startMs: this.first * MINUTE_MS,
      requests,
      ...(input && output ? { inputTokens: input, outputTokens: output, lengths: { input: this.input, output: this.output } } : {}),
      ...(notes.length > 0 ? { notes } : {}),
    };
  }

  private touch(minute: number): void {
    if (minute < this.first) this.first = minute;
    if (minute > this.last) this.last = minute;
    if (this.last - this.first >= MAX_SPAN_MINUTES) {
      throw new PreviewError(`${this.source}: the trace spans more than ten years (${new Date(this.first * MINUTE_MS).toISOString()} to ${new Date(this.last * MINUTE_MS).toISOString()}); check its time column and unit`);
    }
  }

  private dayOf(minute: number): Day {
    this.touch(minute);
    const key = Math.floor(minute / 1440);
    let day = this.days.get(key);
    if (!day) {
      day = { requests: new Float64Array(1440), input: new Float64Array(1440), output: new Float64Array(1440) };
      this.days.set(key, day);
    }
    return day;
  }
}
