import type { ScheduleConfig } from "../config/scaling-schema";
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

/** Wall-clock fields of a minute in a time zone. */
interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  /** AWS numbering: 1 = Sunday ... 7 = Saturday. */
  readonly weekday: number;
}

const offsets = new Map<string, (epochMinute: number) => number>();

/**
 * Minutes a time zone is ahead of UTC at a minute. The offset is looked up once per quarter hour
 * (every time zone changes its offset on a quarter hour), so replaying weeks of minutes stays cheap.
 */
function offsetOf(timeZone: string): (epochMinute: number) => number {
  const known = offsets.get(timeZone);
  if (known) return known;
  const format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" });
  const cache = new Map<number, number>();
  const offset = (epochMinute: number): number => {
    const block = Math.floor(epochMinute / 15);
    let minutes = cache.get(block);
    if (minutes === undefined) {
      const at = block * 15 * MINUTE_MS;
      const parts = Object.fromEntries(format.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
      minutes = (Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute)) - at) / MINUTE_MS;
      cache.set(block, minutes);
    }
    return minutes;
  };
  offsets.set(timeZone, offset);
  return offset;
}

/** The wall clock of a time zone at a minute. */
function localTime(offset: (epochMinute: number) => number, epochMinute: number): LocalTime {
  const local = new Date((epochMinute + offset(epochMinute)) * MINUTE_MS);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    weekday: local.getUTCDay() + 1,
  };
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** One cron field as a predicate; `?` and `*` match anything. */
function cronField(text: string, low: number, high: number, names: readonly string[], where: string): (value: number) => boolean {
  if (text === "?" || text === "*") return () => true;
  if (/[LW#]/.test(text)) throw new PreviewError(`${where}: the preview does not evaluate L, W or # in cron expressions ("${text}")`);
  const value = (token: string): number => {
    const named = names.indexOf(token.toUpperCase());
    const number = named >= 0 ? named + low : Number(token);
    if (!Number.isInteger(number) || number < low || number > high) throw new PreviewError(`${where}: "${token}" is not in ${low}-${high}${names.length ? ` or ${names[0]}-${names[names.length - 1]}` : ""}`);
    return number;
  };
  const allowed = new Set<number>();
  for (const part of text.split(",")) {
    const [range, stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new PreviewError(`${where}: "${part}" has a step that is not a whole number of 1 or more`);
    let from: number;
    let to: number;
    if (range === "*") [from, to] = [low, high];
    else if (range.includes("-")) [from, to] = range.split("-").map(value) as [number, number];
    else [from, to] = [value(range), stepText === undefined ? value(range) : high];
    for (let v = from; v <= to; v += step) allowed.add(v);
  }
  return (v) => allowed.has(v);
}

/** Compiles a config schedule; `traceStartMinute` anchors rate() schedules. */
export function compileSchedule(schedule: ScheduleConfig, traceStartMinute: number): CompiledSchedule {
  const where = `schedule "${schedule.name}" (${schedule.schedule})`;
  const base = { name: schedule.name, ...(schedule.min !== undefined ? { min: schedule.min } : {}), ...(schedule.max !== undefined ? { max: schedule.max } : {}) };
  const expression = /^(cron|at|rate)\((.*)\)$/.exec(schedule.schedule);
  if (!expression) throw new PreviewError(`${where}: not a cron, at or rate expression`);
  const [, kind, body] = expression;
  if (kind === "rate") {
    const [count, unit] = body.split(" ");
    const minutes = Number(count) * (unit.startsWith("minute") ? 1 : unit.startsWith("hour") ? 60 : 1440);
    return { ...base, firesAt: (m) => m >= traceStartMinute && (m - traceStartMinute) % minutes === 0 };
  }
  const offset = offsetOf(schedule.timezone);
  if (kind === "at") {
    const [date, time] = body.split("T");
    const [year, month, day] = date.split("-").map(Number);
    const [hour, minute] = time.split(":").map(Number);
    return {
      ...base,
      firesAt: (m) => {
        const t = localTime(offset, m);
        return t.minute === minute && t.hour === hour && t.day === day && t.month === month && t.year === year;
      },
    };
  }
  const fields = body.split(" ");
  const minute = cronField(fields[0], 0, 59, [], where);
  const hour = cronField(fields[1], 0, 23, [], where);
  const dayOfMonth = cronField(fields[2], 1, 31, [], where);
  const month = cronField(fields[3], 1, 12, MONTHS, where);
  const weekday = cronField(fields[4], 1, 7, WEEKDAYS, where);
  const year = cronField(fields[5], 1970, 2199, [], where);
  return {
    ...base,
    firesAt: (m) => {
      // Minute and hour first, without a Date: most minutes stop here.
      const local = m + offset(m);
      if (!minute(((local % 60) + 60) % 60) || !hour(Math.floor(local / 60) % 24 < 0 ? (Math.floor(local / 60) % 24) + 24 : Math.floor(local / 60) % 24)) return false;
      const t = localTime(offset, m);
      return dayOfMonth(t.day) && month(t.month) && weekday(t.weekday) && year(t.year);
    },
  };
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
