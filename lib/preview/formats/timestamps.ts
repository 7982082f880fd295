/**
 * `2023-11-16 18:15:46.6805900`, `2024-05-10 00:00:00.009930+00:00`, `2024-05-10T00:00:00Z`:
 * date, time, up to nine fraction digits and an optional `Z` or `+hh:mm` / `-hh:mm` / `+hhmm`
 * offset; without an offset the time is UTC. No nested quantifiers; callers cap the length first.
 */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

/** Longest timestamp text looked at. */
const MAX_TIMESTAMP_CHARS = 40;

/**
 * Epoch milliseconds of an ISO-like timestamp, or NaN. Whole milliseconds: an epoch in ms has no
 * room left in a double for 100 ns digits.
 */
export function parseTimestamp(text: string): number {
  const trimmed = text.trim();
  if (trimmed.length > MAX_TIMESTAMP_CHARS) return NaN;
  const match = TIMESTAMP.exec(trimmed);
  if (!match) return NaN;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return NaN;
  const ms = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  let offsetMinutes = 0;
  if (zone && zone !== "Z") {
    const digits = zone.replace(":", "");
    offsetMinutes = (digits[0] === "-" ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  return Date.UTC(Number(y), month - 1, day, hour, minute, second) + ms - offsetMinutes * 60_000;
}

/** `90s`, `45m`, `6h`, `1d12h`: a duration in milliseconds, or NaN. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > 32) return NaN;
  const units: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  let total = 0;
  let rest = trimmed;
  while (rest.length > 0) {
    const match = /^(\d+(?:\.\d+)?)(ms|d|h|m|s)/.exec(rest);
    if (!match) return NaN;
    total += Number(match[1]) * units[match[2]];
    rest = rest.slice(match[0].length);
  }
  return total;
}
