import { IANA_NAMES_ICU_LACKS, isTimeZone, TIME_ZONES } from "../../lib/aws/time-zones";
import { compileSchedule } from "../../lib/preview/schedules";
import { problemsOf, withChat } from "../helpers";

const withTimeZone = (timezone: string) => withChat({ scaling: { schedules: [{ name: "mornings", schedule: "cron(0 8 ? * MON-FRI *)", timezone, min: 2 }] } });
const minuteOf = (...args: [number, number, number, number, number]) => Date.UTC(...args) / 60000;

describe("scaling.schedules[].timezone", () => {
  // Current IANA names ICU lists under older ids, an Etc/ zone (AWS's PutScheduledAction example), GMT and a POSIX-style zone.
  test.each(["Asia/Kolkata", "Europe/Kyiv", "Asia/Ho_Chi_Minh", "America/Argentina/Buenos_Aires", "Asia/Kathmandu", "America/Nuuk", "Africa/Asmara", "Etc/GMT+9", "GMT", "EST5EDT"])(
    "%s is accepted",
    (timezone) => {
      expect(problemsOf(withTimeZone(timezone))).toEqual([]);
    },
  );

  test.each([
    ["asia/kolkata", "a wrong casing (AWS compares names as given)"],
    ["Asia/Kolkatta", "a misspelling"],
    ["Etc/GMT+15", "an Etc/ offset the database does not have"],
    ["Factory", "tzdata's placeholder zone"],
  ])("%s is refused (%s) with its message", (timezone) => {
    expect(problemsOf(withTimeZone(timezone))).toEqual([
      expect.stringContaining(`services.chat.scaling.schedules[0].timezone = "${timezone}": must be an IANA time zone such as "UTC" or "Europe/Berlin"`),
    ]);
  });

  test("every added IANA name is one Intl takes, so the preview computes with it", () => {
    const refused = IANA_NAMES_ICU_LACKS.filter((timeZone) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone });
        return false;
      } catch {
        return true;
      }
    });
    expect(refused).toEqual([]);
    expect(IANA_NAMES_ICU_LACKS.every(isTimeZone)).toBe(true);
    expect(new Set(TIME_ZONES).size).toBe(TIME_ZONES.length);
  });

  test("the preview fires a schedule in Asia/Kolkata (UTC+5:30) and in Etc/GMT+9 (UTC-9) at the local hour", () => {
    const start = minuteOf(2024, 0, 1, 0, 0);
    const kolkata = compileSchedule({ name: "s", schedule: "cron(0 8 ? * MON-FRI *)", timezone: "Asia/Kolkata", min: 2 }, start);
    expect(kolkata.firesAt(minuteOf(2024, 0, 2, 2, 30))).toBe(true);
    expect(kolkata.firesAt(minuteOf(2024, 0, 2, 8, 0))).toBe(false);
    const gmtPlus9 = compileSchedule({ name: "s", schedule: "cron(0 8 ? * MON-FRI *)", timezone: "Etc/GMT+9", min: 2 }, start);
    expect(gmtPlus9.firesAt(minuteOf(2024, 0, 2, 17, 0))).toBe(true);
    expect(gmtPlus9.firesAt(minuteOf(2024, 0, 2, 8, 0))).toBe(false);
  });
});
