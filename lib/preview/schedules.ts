import type { ScheduleConfig } from "../config/scaling-schema";
import { parseScheduleExpression, type WallClock } from "../aws/schedule-expression";
import { PreviewError } from "./errors";
import { MINUTE_MS } from "./trace";

/**
 * Scheduled actions as Application Auto Scaling runs them: `cron(...)` and `at(...)` in the
 * action's time zone, `rate(...)` from the start of the trace (the preview cannot know when the
 * action was created). Evaluated per whole minute.
 * Source: https://docs.aws.amazon.com/autoscaling/application/userguide/scheduled-scaling-using-cron-expressions.html
 */

/** A scheduled action ready to evaluate: does it fire in a given minute? */
export interface CompiledSchedule {
  readonly name: string;
  /** @default unchanged */
  readonly min?: number;
  /** @default unchanged */
  readonly max?: number;
  /** Whether the action fires in the minute starting at `epochMinute` (minutes since 1970, UTC). */
  firesAt(epochMinute: number): boolean;
}

type LocalTime = WallClock;

const clocks = new Map<string, (epochMinute: number) => LocalTime>();

/**
 * The wall clock of a time zone. The offset is looked up once per quarter hour (every time zone
 * changes its offset on a quarter hour), so replaying weeks of minutes stays cheap.
 */
function clockOf(timeZone: string): (epochMinute: number) => LocalTime {
  const known = clocks.get(timeZone);
  if (known) return known;
  const format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" });
  const offsets = new Map<number, number>();
  // Several actions of one time zone ask for the same minute: the last answer is kept.
  let lastMinute = NaN;
  let last: LocalTime | undefined;
  const clock = (epochMinute: number): LocalTime => {
    if (epochMinute === lastMinute && last) return last;
    const block = Math.floor(epochMinute / 15);
    let offset = offsets.get(block);
    if (offset === undefined) {
      const at = block * 15 * MINUTE_MS;
      const parts = Object.fromEntries(format.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
      offset = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute)) - at;
      offsets.set(block, offset);
    }
    last = wallClockOf(epochMinute + offset / MINUTE_MS);
    lastMinute = epochMinute;
    return last;
  };
  clocks.set(timeZone, clock);
  return clock;
}

/**
 * The calendar fields of a minute since 1970 in integer arithmetic, without a Date (the replay asks
 * once a minute per scheduled action): days to civil date after H. Hinnant's days_from_civil inverse,
 * https://howardhinnant.github.io/date_algorithms.html#civil_from_days.
 */
export function wallClockOf(localMinute: number): LocalTime {
  const days = Math.floor(localMinute / 1440);
  const inDay = localMinute - days * 1440;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  // 1970-01-01 was a Thursday (AWS weekday 5).
  const weekday = ((((days + 4) % 7) + 7) % 7) + 1;
  return { year, month, day, hour: Math.floor(inDay / 60), minute: inDay % 60, weekday };
}

/** Compiles a config schedule; `traceStartMinute` anchors rate() schedules. */
export function compileSchedule(schedule: ScheduleConfig, traceStartMinute: number): CompiledSchedule {
  const where = `schedule "${schedule.name}" (${schedule.schedule})`;
  const base = { name: schedule.name, ...(schedule.min !== undefined ? { min: schedule.min } : {}), ...(schedule.max !== undefined ? { max: schedule.max } : {}) };
  const parsed = parseScheduleExpression(schedule.schedule);
  if (!parsed.ok) throw new PreviewError(`${where}: ${parsed.message}`);
  const expression = parsed.expression;
  if (expression.kind === "rate") {
    return { ...base, firesAt: (m) => m >= traceStartMinute && (m - traceStartMinute) % expression.minutes === 0 };
  }
  const clock = clockOf(schedule.timezone);
  if (expression.kind === "at") {
    const { year, month, day, hour, minute } = expression;
    return {
      ...base,
      firesAt: (m) => {
        const t = clock(m);
        return t.minute === minute && t.hour === hour && t.day === day && t.month === month && t.year === year;
      },
    };
  }
  return { ...base, firesAt: (m) => expression.matches(clock(m)) };
}

/** How far back the preview looks for scheduled actions that set the capacity limits in force at the start. */
export const LOOKBACK_MINUTES = 8 * 1440;

/**
 * The minimum and maximum in force at `startMinute`: the configured ones, changed by the last
 * firing of every cron or at action in the eight days before, in the order they fired.
 */
export function limitsAt(schedules: readonly CompiledSchedule[], startMinute: number, min: number, max: number): { min: number; max: number } {
  const last: Array<{ minute: number; schedule: CompiledSchedule }> = [];
  for (const schedule of schedules) {
    for (let m = startMinute - 1; m >= startMinute - LOOKBACK_MINUTES; m--) {
      if (schedule.firesAt(m)) {
        last.push({ minute: m, schedule });
        break;
      }
    }
  }
  let limits = { min, max };
  for (const { schedule } of last.sort((a, b) => a.minute - b.minute)) limits = applySchedule(limits, schedule);
  return limits;
}

/** New limits after a scheduled action: each given bound replaces the old one. */
export function applySchedule(limits: { min: number; max: number }, schedule: CompiledSchedule): { min: number; max: number } {
  return { min: schedule.min ?? limits.min, max: schedule.max ?? limits.max };
}
