/**
 * Schedule expressions of Application Auto Scaling scheduled actions, parsed once for both the
 * config check and the scaling preview: `cron(minutes hours day-of-month month day-of-week year)`,
 * `at(yyyy-mm-ddThh:mm:ss)` and `rate(value unit)`.
 * Source: https://docs.aws.amazon.com/autoscaling/application/userguide/scheduled-scaling-using-cron-expressions.html
 * and https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScheduledAction.html
 * (Schedule: 1-1600 characters). The parser splits on fixed separators and never backtracks.
 */

/** Longest schedule expression the API takes. */
export const MAX_SCHEDULE_LENGTH = 1600;

/** The wall-clock fields of a minute, in the action's time zone. */
export interface WallClock {
  readonly year: number;
  /** 1-12. */
  readonly month: number;
  /** 1-31. */
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  /** AWS numbering: 1 = Sunday ... 7 = Saturday. */
  readonly weekday: number;
}

export type ScheduleExpression =
  | { readonly kind: "cron"; matches(time: WallClock): boolean }
  | { readonly kind: "at"; readonly year: number; readonly month: number; readonly day: number; readonly hour: number; readonly minute: number; readonly second: number }
  | { readonly kind: "rate"; readonly minutes: number };

export type ParsedSchedule = { readonly ok: true; readonly expression: ScheduleExpression } | { readonly ok: false; readonly message: string };

/** Longest rate AWS could ever act on: 100 years, in minutes (an `at` or `cron` year stops at 2199). */
export const MAX_RATE_MINUTES = 100 * 366 * 1440;

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const UNIT_MINUTES: Readonly<Record<string, number>> = { minute: 1, minutes: 1, hour: 60, hours: 60, day: 1440, days: 1440 };

class ScheduleSyntaxError extends Error {}

/** Parses a schedule expression, or says what is wrong with it and what is allowed. */
export function parseScheduleExpression(text: string): ParsedSchedule {
  if (text.length > MAX_SCHEDULE_LENGTH) return { ok: false, message: `is ${text.length} characters; the API takes at most ${MAX_SCHEDULE_LENGTH}` };
  const open = text.indexOf("(");
  const kind = text.slice(0, open);
  if (open < 0 || !text.endsWith(")") || !["cron", "at", "rate"].includes(kind)) {
    return { ok: false, message: 'must be "cron(min hour day-of-month month day-of-week year)", "at(yyyy-mm-ddThh:mm:ss)" or "rate(N minutes|hours|days)"' };
  }
  const body = text.slice(open + 1, -1);
  try {
    if (kind === "rate") return { ok: true, expression: parseRate(body) };
    if (kind === "at") return { ok: true, expression: parseAt(body) };
    return { ok: true, expression: parseCron(body) };
  } catch (error) {
    if (error instanceof ScheduleSyntaxError) return { ok: false, message: error.message };
    throw error;
  }
}

function parseRate(body: string): ScheduleExpression {
  const parts = body.split(" ");
  const unitMinutes = UNIT_MINUTES[parts[1] ?? ""];
  if (parts.length !== 2 || !/^[1-9]\d{0,9}$/.test(parts[0]) || unitMinutes === undefined) {
    throw new ScheduleSyntaxError('rate must be "rate(N minute|minutes|hour|hours|day|days)" with N a whole number of 1 or more');
  }
  const minutes = Number(parts[0]) * unitMinutes;
  if (minutes > MAX_RATE_MINUTES) throw new ScheduleSyntaxError(`rate(${body}) is longer than 100 years (${MAX_RATE_MINUTES} minutes); the action would never run`);
  return { kind: "rate", minutes };
}

function parseAt(body: string): ScheduleExpression {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (!match) throw new ScheduleSyntaxError('at must be "at(yyyy-mm-ddThh:mm:ss)", e.g. at(2026-12-24T18:00:00)');
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  if (month < 1 || month > 12) throw new ScheduleSyntaxError(`at(${body}): month ${month} is not in 1-12`);
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) throw new ScheduleSyntaxError(`at(${body}): ${year}-${match[2]} has days 1-${days}, not ${day}`);
  if (hour > 23 || minute > 59 || second > 59) throw new ScheduleSyntaxError(`at(${body}): the time must be 00:00:00-23:59:59`);
  return { kind: "at", year, month, day, hour, minute, second };
}

/** A cron field's allowed values, with what the day fields may add (L, W, #). */
interface FieldSpec {
  readonly name: string;
  readonly low: number;
  readonly high: number;
  readonly names: readonly string[];
}

const FIELDS: readonly FieldSpec[] = [
  { name: "minutes", low: 0, high: 59, names: [] },
  { name: "hours", low: 0, high: 23, names: [] },
  { name: "day-of-month", low: 1, high: 31, names: [] },
  { name: "month", low: 1, high: 12, names: MONTHS },
  { name: "day-of-week", low: 1, high: 7, names: WEEKDAYS },
  { name: "year", low: 1970, high: 2199, names: [] },
];

type DayMatcher = (time: WallClock) => boolean;

function parseCron(body: string): ScheduleExpression {
  const fields = body.split(" ");
  if (fields.length !== 6) {
    throw new ScheduleSyntaxError(`cron needs 6 fields (minutes hours day-of-month month day-of-week year), not ${fields.length}: "cron(${body})"`);
  }
  const [dom, dow] = [fields[2], fields[4]];
  if ((dom === "?") === (dow === "?")) {
    throw new ScheduleSyntaxError(`cron(${body}): exactly one of day-of-month ("${dom}") and day-of-week ("${dow}") must be "?"; a value or * in one needs ? in the other`);
  }
  fields.forEach((field, i) => {
    if (field === "?" && i !== 2 && i !== 4) throw new ScheduleSyntaxError(`cron(${body}): "?" is allowed only in day-of-month and day-of-week, not in ${FIELDS[i].name}`);
  });
  const minute = valueSet(fields[0], FIELDS[0]);
  const hour = valueSet(fields[1], FIELDS[1]);
  const month = valueSet(fields[3], FIELDS[3]);
  const year = valueSet(fields[5], FIELDS[5]);
  const day: DayMatcher = dom === "?" ? dayOfWeekMatcher(dow) : dayOfMonthMatcher(dom);
  return {
    kind: "cron",
    matches: (t) => minute.has(t.minute) && hour.has(t.hour) && month.has(t.month) && year.has(t.year) && day(t),
  };
}

/** The values a plain field allows: `*`, numbers or names, ranges `a-b`, steps `/n`, lists `,`. */
function valueSet(text: string, spec: FieldSpec): ReadonlySet<number> {
  const allowed = new Set<number>();
  if (text === "*" || text === "?") {
    for (let v = spec.low; v <= spec.high; v++) allowed.add(v);
    return allowed;
  }
  for (const part of text.split(",")) {
    const slash = part.indexOf("/");
    const range = slash < 0 ? part : part.slice(0, slash);
    const stepText = slash < 0 ? undefined : part.slice(slash + 1);
    const step = stepText === undefined ? 1 : Number(stepText);
    if (stepText !== undefined && (!/^\d{1,4}$/.test(stepText) || step < 1)) {
      throw new ScheduleSyntaxError(`${spec.name} field "${part}": the step after / must be a whole number of 1 or more`);
    }
    let from: number;
    let to: number;
    if (range === "*") [from, to] = [spec.low, spec.high];
    else if (range.includes("-")) {
      const ends = range.split("-");
      if (ends.length !== 2) throw new ScheduleSyntaxError(`${spec.name} field "${part}": a range is "from-to"`);
      [from, to] = [fieldValue(ends[0], spec), fieldValue(ends[1], spec)];
      if (from > to) throw new ScheduleSyntaxError(`${spec.name} field "${part}": the range runs backwards (${ends[0]} is after ${ends[1]})`);
    } else {
      from = fieldValue(range, spec);
      to = stepText === undefined ? from : spec.high;
    }
    for (let v = from; v <= to; v += step) allowed.add(v);
  }
  return allowed;
}

function fieldValue(token: string, spec: FieldSpec): number {
  const named = spec.names.indexOf(token.toUpperCase());
  const number = named >= 0 ? named + spec.low : /^\d{1,4}$/.test(token) ? Number(token) : NaN;
  if (!Number.isInteger(number) || number < spec.low || number > spec.high) {
    const names = spec.names.length > 0 ? ` or ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : "";
    throw new ScheduleSyntaxError(`${spec.name} field: "${token}" is not in ${spec.low}-${spec.high}${names}`);
  }
  return number;
}

/** Day-of-month: a plain field, `L` (last day), or `nW` (the weekday nearest day n, within the month). */
function dayOfMonthMatcher(text: string): DayMatcher {
  const spec = FIELDS[2];
  if (text === "L") return (t) => t.day === daysInMonth(t.year, t.month);
  if (text.endsWith("W")) {
    const target = fieldValue(text.slice(0, -1), spec);
    return (t) => t.day === nearestWeekday(t.year, t.month, target);
  }
  if (/[LW#]/.test(text)) throw new ScheduleSyntaxError(`day-of-month field "${text}": L and W stand alone ("L", "15W"); # belongs to day-of-week`);
  const days = valueSet(text, spec);
  return (t) => days.has(t.day);
}

/** Day-of-week: a plain field, `nL` (the last such weekday of the month), or `n#k` (the k-th such weekday). */
function dayOfWeekMatcher(text: string): DayMatcher {
  const spec = FIELDS[4];
  if (text.includes("#")) {
    const [weekdayText, nthText] = text.split("#");
    const weekday = fieldValue(weekdayText, spec);
    if (!/^[1-5]$/.test(nthText ?? "")) throw new ScheduleSyntaxError(`day-of-week field "${text}": after # comes the week of the month, 1-5`);
    const nth = Number(nthText);
    return (t) => t.weekday === weekday && Math.ceil(t.day / 7) === nth;
  }
  if (text.endsWith("L") && text !== "L") {
    const weekday = fieldValue(text.slice(0, -1), spec);
    return (t) => t.weekday === weekday && t.day + 7 > daysInMonth(t.year, t.month);
  }
  if (text === "L") return (t) => t.weekday === 7;
  if (/[LW]/.test(text)) throw new ScheduleSyntaxError(`day-of-week field "${text}": W belongs to day-of-month; L follows a weekday ("6L")`);
  const days = valueSet(text, spec);
  return (t) => days.has(t.weekday);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The weekday (Monday-Friday) nearest to a day of the month, without leaving the month. */
function nearestWeekday(year: number, month: number, day: number): number {
  const last = daysInMonth(year, month);
  const target = Math.min(day, last);
  const weekday = new Date(Date.UTC(year, month - 1, target)).getUTCDay();
  if (weekday === 6) return target === 1 ? 3 : target - 1;
  if (weekday === 0) return target === last ? target - 2 : target + 1;
  return target;
}
