import { hourlyCost, PRICES, taskPricingOf } from "../../lib/preview/pricing";
import { compileSchedule, limitsAt } from "../../lib/preview/schedules";
import { configOf, withChat } from "../helpers";

const minuteOf = (...args: [number, number, number, number, number]) => Date.UTC(...args) / 60000;
const schedule = (expression: string, timezone = "UTC") => compileSchedule({ name: "s", schedule: expression, timezone, min: 2 }, minuteOf(2024, 0, 1, 0, 0));

describe("scheduled action expressions", () => {
  test("cron with weekday names and a time zone, across the spring DST change", () => {
    const s = schedule("cron(0 7 ? * MON-FRI *)", "Europe/Berlin");
    expect(s.firesAt(minuteOf(2024, 2, 29, 6, 0))).toBe(true); // Friday, CET (UTC+1)
    expect(s.firesAt(minuteOf(2024, 3, 1, 5, 0))).toBe(true); // Monday, CEST (UTC+2)
    expect(s.firesAt(minuteOf(2024, 2, 30, 6, 0))).toBe(false); // Saturday
  });

  test("lists, ranges and steps", () => {
    const s = schedule("cron(0/15 8-9 1,15 JAN-MAR ? 2024)");
    expect([0, 15, 30, 45].every((m) => s.firesAt(minuteOf(2024, 0, 15, 9, m)))).toBe(true);
    expect(s.firesAt(minuteOf(2024, 0, 15, 9, 10))).toBe(false);
    expect(s.firesAt(minuteOf(2024, 0, 16, 9, 0))).toBe(false);
    expect(s.firesAt(minuteOf(2025, 0, 15, 9, 0))).toBe(false);
  });

  test("at() once, in its time zone; rate() from the trace start", () => {
    const at = schedule("at(2024-01-01T12:30:00)", "America/New_York");
    expect(at.firesAt(minuteOf(2024, 0, 1, 17, 30))).toBe(true);
    const rate = schedule("rate(2 hours)");
    expect([0, 120, 240].map((m) => rate.firesAt(minuteOf(2024, 0, 1, 0, 0) + m))).toEqual([true, true, true]);
    expect(rate.firesAt(minuteOf(2024, 0, 1, 1, 0))).toBe(false);
  });

  test("L, W and # are evaluated as AWS does", () => {
    const lastDay = schedule("cron(0 8 L * ? *)");
    expect(lastDay.firesAt(minuteOf(2024, 1, 29, 8, 0))).toBe(true);
    expect(lastDay.firesAt(minuteOf(2024, 1, 28, 8, 0))).toBe(false);
    // 2024-06-15 is a Saturday: 15W is Friday the 14th.
    const nearestWeekday = schedule("cron(0 8 15W * ? *)");
    expect(nearestWeekday.firesAt(minuteOf(2024, 5, 14, 8, 0))).toBe(true);
    expect(nearestWeekday.firesAt(minuteOf(2024, 5, 15, 8, 0))).toBe(false);
    // The second Tuesday (3#2) of January 2024 is the 9th; the last Friday (6L) is the 26th.
    expect(schedule("cron(0 8 ? * 3#2 *)").firesAt(minuteOf(2024, 0, 9, 8, 0))).toBe(true);
    expect(schedule("cron(0 8 ? * 3#2 *)").firesAt(minuteOf(2024, 0, 2, 8, 0))).toBe(false);
    expect(schedule("cron(0 8 ? * 6L *)").firesAt(minuteOf(2024, 0, 26, 8, 0))).toBe(true);
    expect(schedule("cron(0 8 ? * 6L *)").firesAt(minuteOf(2024, 0, 19, 8, 0))).toBe(false);
  });

  test("an expression the config check would refuse is refused with the schedule named", () => {
    expect(() => schedule("cron(0 25 ? * MON-FRI *)")).toThrow('schedule "s" (cron(0 25 ? * MON-FRI *)): hours field: "25" is not in 0-23');
  });

  test("the limits at a start are set by the latest actions before it", () => {
    const up = compileSchedule({ name: "up", schedule: "cron(0 8 * * ? *)", timezone: "UTC", min: 4 }, 0);
    const down = compileSchedule({ name: "down", schedule: "cron(0 20 * * ? *)", timezone: "UTC", min: 1, max: 6 }, 0);
    expect(limitsAt([up, down], minuteOf(2024, 0, 3, 12, 0), 2, 10)).toEqual({ min: 4, max: 6 });
    expect(limitsAt([up, down], minuteOf(2024, 0, 3, 21, 0), 2, 10)).toEqual({ min: 1, max: 6 });
  });
});

describe("prices", () => {
  test("the table carries its date, region and sources", () => {
    expect(PRICES.asOf).toBe("2026-06");
    expect(PRICES.region).toBe("us-east-1");
    expect(PRICES.sources.join(" ")).toContain("https://aws.amazon.com/fargate/pricing/");
  });

  test("a Fargate task: vCPU-hours plus GB-hours, by architecture", () => {
    const x86 = taskPricingOf(configOf(withChat({ cpu: 2048, memory: 4096 })).services.chat);
    expect(hourlyCost(x86, 1)).toBeCloseTo(2 * 0.04048 + 4 * 0.004445, 10);
    const arm = taskPricingOf(configOf(withChat({ cpu: 2048, memory: 4096, cpuArchitecture: "ARM64" })).services.chat);
    expect(hourlyCost(arm, 3)).toBeCloseTo(3 * (2 * 0.03238 + 4 * 0.00356), 10);
  });

  test("the capacity strategy: the base on-demand, the rest split by weight with Spot at 30%", () => {
    const pricing = taskPricingOf(configOf(withChat({ cpu: 1024, memory: 2048, compute: { onDemandBase: 2, onDemandWeight: 1, spotWeight: 3 } })).services.chat);
    const task = 0.04048 + 2 * 0.004445;
    // 6 tasks: 2 base + 1 on-demand + 3 Spot.
    expect(hourlyCost(pricing, 6)).toBeCloseTo(3 * task + 3 * task * 0.3, 10);
    expect(hourlyCost(pricing, 0)).toBe(0);
  });

  test("GPU compute: whole on-demand instances of the first priced type, at the tasks each holds", () => {
    const gpu = (gpusPerTask: number, instanceTypes: string[]) =>
      taskPricingOf(configOf(withChat({ cpu: 2048, memory: 8192, compute: { type: "gpu", instanceTypes, gpusPerTask } })).services.chat);
    expect(gpu(1, ["g6.xlarge", "g5.xlarge"])).toEqual({ kind: "gpu", instanceType: "g6.xlarge", tasksPerInstance: 1 });
    expect(hourlyCost(gpu(1, ["g6.xlarge"]), 2)).toBeCloseTo(2 * 0.8048, 10);
    // g6.12xlarge: 4 GPUs, 48 vCPUs, 192 GiB: four 1-GPU tasks per instance, so 5 tasks need 2 instances.
    const shared = gpu(1, ["g6.12xlarge"]);
    expect(shared).toEqual({ kind: "gpu", instanceType: "g6.12xlarge", tasksPerInstance: 4 });
    expect(hourlyCost(shared, 5)).toBeCloseTo(2 * 4.6016, 10);
  });

  test("GPU types without a price in the table are an error that says so", () => {
    const service = configOf(withChat({ cpu: 2048, memory: 8192, compute: { type: "gpu", instanceTypes: ["g6e.xlarge"] } })).services.chat;
    expect(() => taskPricingOf(service)).toThrow("compute.instanceTypes (g6e.xlarge) has no type with a price in the preview's table (g5.xlarge, ");
  });
});
