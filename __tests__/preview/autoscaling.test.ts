import { adjustedCapacity } from "../../lib/preview/autoscaling";
import { stepFor } from "../../lib/scaling/step-scaling-policy";
import { chatTarget, eventRows, INSTANT, replay, steps } from "./helpers";

const requests = (target: number, extra: Record<string, unknown> = {}) => ({ type: "requests", target, ...extra });

describe("known answers: target tracking on requests per task (target 100, a task serves 200/min, 4 min start-up)", () => {
  test("a step in load scales out after three minutes above target, and the new task serves after start-up", () => {
    // 95 per task (neither alarm), then 150 per task from minute 10: datapoints 10, 11, 12 above.
    const target = chatTarget({ policies: [requests(100, { scaleOutCooldownSeconds: 600 })] });
    const result = replay(steps([190, 10], [300, 20]), target, { initialTasks: 2 });
    expect(eventRows(result)).toEqual([[13, 2, 3, "requests"]]);
    expect(Array.from(result.desiredTasks.slice(11, 15))).toEqual([2, 2, 3, 3]);
    expect(Array.from(result.readyTasks.slice(15, 19))).toEqual([2, 2, 3, 3]);
  });

  test("the scale-out cooldown stops a second step until a larger one is needed", () => {
    // 125 per task from minute 10 (-> 3 at minute 13), 145 from 14 (ceil(2 x 1.45) = 3: no more), 180 from 16 (ceil(2 x 1.8) = 4).
    const load = steps([190, 10], [250, 4], [290, 2], [360, 14]);
    const withCooldown = replay(load, chatTarget({ policies: [requests(100, { scaleOutCooldownSeconds: 600 })] }), { initialTasks: 2 });
    expect(eventRows(withCooldown)).toEqual([
      [13, 2, 3, "requests"],
      [17, 3, 4, "requests"],
    ]);
    // Without it the policy reads the still-high metric against the raised count each minute.
    const without = replay(load, chatTarget({ policies: [requests(100, { scaleOutCooldownSeconds: 0 })] }), { initialTasks: 2 });
    expect(eventRows(without).slice(0, 3)).toEqual([
      [13, 2, 3, "requests"],
      [14, 3, 4, "requests"],
      [15, 4, 6, "requests"],
    ]);
  });

  test("scale-in comes only after fifteen minutes below 90% of the target", () => {
    // 95 per task, then 70 per task from minute 10: datapoints 10..24 below 90 -> ceil(4 x 0.7) = 3 at minute 25.
    const target = chatTarget({ policies: [requests(100)] });
    const result = replay(steps([380, 10], [280, 30]), target, { initialTasks: 4 });
    expect(eventRows(result)).toEqual([[25, 4, 3, "requests"]]);
    expect(Array.from(result.desiredTasks.slice(23, 27))).toEqual([4, 4, 3, 3]);
  });

  test("a load between 90% and 100% of the target never scales in", () => {
    const result = replay(steps([368, 60]), chatTarget({ policies: [requests(100)] }), { initialTasks: 4 });
    expect(result.events).toEqual([]);
  });

  test("fourteen minutes below 90% are not enough", () => {
    const result = replay(steps([380, 10], [280, 14], [380, 20]), chatTarget({ policies: [requests(100)] }), { initialTasks: 4 });
    expect(result.events).toEqual([]);
  });

  test("the high alarm needs three consecutive datapoints above the target", () => {
    const result = replay(steps([190, 5], [300, 2], [190, 1], [300, 2], [190, 20]), chatTarget({ policies: [requests(100)] }), { initialTasks: 2 });
    expect(result.events).toEqual([]);
  });

  test("the alarm datapoint counts are settings of the model", () => {
    const load = steps([190, 10], [300, 20]);
    const result = replay(load, chatTarget({ policies: [requests(100, { scaleOutCooldownSeconds: 600 })] }), {
      initialTasks: 2,
      dynamics: { ...INSTANT, highDatapoints: 1 },
    });
    expect(eventRows(result)[0]).toEqual([11, 2, 3, "requests"]);
  });
});

describe("known answers: limits and schedules", () => {
  test("max caps a scale-out and min stops a scale-in", () => {
    const target = chatTarget({ min: 2, max: 5, policies: [requests(100)] });
    const surge = replay(steps([5000, 30]), target, { initialTasks: 3 });
    expect(eventRows(surge)).toEqual([[3, 3, 5, "requests"]]);
    expect(Math.max(...surge.desiredTasks)).toBe(5);
    // 10 per task is far below 90% of 100: after 15 minutes ceil(4 x 0.1) = 1, held at the minimum 2.
    const idle = replay(steps([40, 40]), target, { initialTasks: 4 });
    expect(eventRows(idle)).toEqual([[15, 4, 2, "requests"]]);
    expect(Math.min(...idle.desiredTasks)).toBe(2);
  });

  test("initial tasks are clamped to the limits in force", () => {
    const result = replay(steps([0, 5]), chatTarget({ min: 2, max: 5, policies: [requests(100)] }), { initialTasks: 9 });
    expect(result.desiredTasks[0]).toBe(5);
  });

  const businessHours = [
    { name: "business-hours", schedule: "cron(30 9 * * ? *)", min: 4 },
    { name: "after-hours", schedule: "cron(0 18 * * ? *)", min: 1 },
  ];

  test("a scheduled action raises the minimum at its minute, and the new tasks serve after start-up", () => {
    const target = chatTarget({ min: 1, policies: [requests(100)], schedules: businessHours });
    const result = replay(steps([50, 60]), target, { initialTasks: 1, startMs: Date.UTC(2024, 0, 1, 9, 0) });
    expect(eventRows(result)).toEqual([[30, 1, 4, "schedule business-hours"]]);
    expect(Array.from(result.desiredTasks.slice(29, 31))).toEqual([1, 4]);
    expect(Array.from(result.readyTasks.slice(33, 35))).toEqual([1, 4]);
  });

  test("a schedule in its time zone: 07:00 Europe/Berlin is 06:00 UTC in winter", () => {
    const target = chatTarget({
      min: 1,
      policies: [requests(100)],
      schedules: [
        { name: "morning", schedule: "cron(0 7 ? * MON-FRI *)", timezone: "Europe/Berlin", min: 3 },
        { name: "evening", schedule: "cron(0 20 ? * MON-FRI *)", timezone: "Europe/Berlin", min: 1 },
      ],
    });
    const result = replay(steps([50, 120]), target, { initialTasks: 1, startMs: Date.UTC(2024, 0, 1, 5, 0) });
    expect(eventRows(result)).toEqual([[60, 1, 3, "schedule morning"]]);
  });

  test("the limits at the start are those the last scheduled actions before it set", () => {
    const target = chatTarget({ min: 1, policies: [requests(100)], schedules: businessHours });
    expect(replay(steps([50, 10]), target, { initialTasks: 1, startMs: Date.UTC(2024, 0, 2, 12, 0) }).desiredTasks[0]).toBe(4);
    expect(replay(steps([50, 10]), target, { initialTasks: 1, startMs: Date.UTC(2024, 0, 2, 20, 0) }).desiredTasks[0]).toBe(1);
  });

  test("lowering the maximum scales in at once", () => {
    const target = chatTarget({ min: 1, max: 10, policies: [requests(100)], schedules: [{ name: "night", schedule: "at(2024-01-01T00:05:00)", max: 2 }] });
    const result = replay(steps([380, 10]), target, { initialTasks: 4 });
    expect(eventRows(result)).toEqual([[5, 4, 2, "schedule night"]]);
  });
});

describe("known answers: several policies", () => {
  // A task at full capacity runs at 100% CPU; 120 requests per task is 60% CPU.
  test("scale out if any policy asks", () => {
    const target = chatTarget({ policies: [{ type: "cpu", target: 80 }, requests(100, { scaleOutCooldownSeconds: 600 })] });
    const result = replay(steps([240, 20]), target, { initialTasks: 2 });
    expect(eventRows(result)).toEqual([[3, 2, 3, "requests"]]);
  });

  test("scale in only when every policy asks", () => {
    // 60 per task: requests below 90; CPU 30% is below 90% of 80 but not below 90% of 32.
    const load = steps([240, 30]);
    const both = replay(load, chatTarget({ policies: [{ type: "cpu", target: 80 }, requests(100)] }), { initialTasks: 4 });
    expect(eventRows(both)).toEqual([[15, 4, 3, "requests"]]);
    const one = replay(load, chatTarget({ policies: [{ type: "cpu", target: 32 }, requests(100)] }), { initialTasks: 4 });
    expect(one.events).toEqual([]);
  });

  test("the largest capacity wins", () => {
    // 150 per task: requests asks ceil(2 x 1.5) = 3, CPU (75%, target 25) asks ceil(2 x 3) = 6.
    const target = chatTarget({ policies: [{ type: "cpu", target: 25, scaleOutCooldownSeconds: 600 }, requests(100, { scaleOutCooldownSeconds: 600 })] });
    const result = replay(steps([300, 10]), target, { initialTasks: 2 });
    expect(eventRows(result)[0]).toEqual([3, 2, 6, "cpu"]);
  });

  test("a policy with scale-in disabled leaves scale-in to the others", () => {
    // As in the test before, CPU at 30% does not agree to scale in; with scale-in disabled it has no say.
    const target = chatTarget({ policies: [{ type: "cpu", target: 32, disableScaleIn: true }, requests(100)] });
    const result = replay(steps([240, 30]), target, { initialTasks: 4 });
    expect(eventRows(result)[0]).toEqual([15, 4, 3, "requests"]);
  });
});

describe("known answers: the queue", () => {
  test("backlog carries over to the next minute with its waits", () => {
    // One task serving 1 request a second; 120 requests arrive in minute 0, evenly.
    const target = chatTarget({ min: 1, max: 1, policies: [requests(1e6)] }, { requestsPerMinute: 60, latencyObjectiveSeconds: 10 });
    const result = replay([120, 0, 0], target, { initialTasks: 1, distributions: true });
    expect(Array.from(result.waiting)).toEqual([60, 0, 0]);
    // The request arriving at second x is served at second 2x: waits spread evenly over 0-60 s,
    // so 10 of every 60 seconds of arrivals (20 of 120 requests) wait at most 10 s.
    expect(result.objectives[0].withinPct).toBeCloseTo((100 * 20) / 120, 6);
    expect(result.distributions!.wait.count).toBeCloseTo(120, 6);
    expect(result.distributions!.wait.percentile(0.5)).toBeCloseTo(30, 0);
    expect(result.distributions!.wait.percentile(0.99)).toBeCloseTo(59.4, 0);
    expect(result.unserved).toBe(0);
  });

  test("requests still waiting at the end are counted with the wait they had", () => {
    const target = chatTarget({ min: 1, max: 1, policies: [requests(1e6)] }, { requestsPerMinute: 60 });
    const result = replay([180], target, { initialTasks: 1, distributions: true });
    expect(result.unserved).toBeCloseTo(120, 6);
    expect(result.distributions!.wait.count).toBeCloseTo(180, 6);
  });
});

describe("known answers: step scaling", () => {
  test("steps by how far the alarm's metric is past the threshold; during cooldown only a larger step acts", () => {
    const step = {
      type: "step",
      name: "busy",
      cooldownSeconds: 600,
      alarm: { metric: { namespace: "AWS/ApplicationELB", name: "RequestCountPerTarget" }, comparison: "GreaterThanThreshold", threshold: 100, evaluationPeriods: 2 },
      steps: [
        { lowerBound: 0, upperBound: 50, adjustment: 1 },
        { lowerBound: 50, adjustment: 3 },
      ],
    };
    const target = chatTarget({ policies: [step] }, { metrics: { busy: "requestsPerTask" } });
    // 130 per task from minute 5 (alarm at the end of 6: +1), 170 from minute 8 (+3 from the 2 before the cooldown began).
    const result = replay(steps([190, 5], [260, 3], [340, 10]), target, { initialTasks: 2 });
    expect(eventRows(result).slice(0, 2)).toEqual([
      [7, 2, 3, "busy"],
      [9, 3, 5, "busy"],
    ]);
  });

  test("percent changes round as AWS rounds them", () => {
    const percent = { adjustmentType: "PercentChangeInCapacity" as const };
    expect(adjustedCapacity(percent, 10, 127)).toBe(22); // +12.7 -> 12
    expect(adjustedCapacity(percent, 2, 30)).toBe(3); // +0.6 -> 1
    expect(adjustedCapacity(percent, 2, -30)).toBe(1); // -0.6 -> -1
    expect(adjustedCapacity(percent, 10, -67)).toBe(4); // -6.7 -> -6
    expect(adjustedCapacity({ ...percent, minAdjustmentMagnitude: 3 }, 10, 10)).toBe(13);
    expect(adjustedCapacity({ adjustmentType: "ExactCapacity" }, 10, 4)).toBe(4);
    expect(adjustedCapacity({ adjustmentType: "ChangeInCapacity" }, 10, -2)).toBe(8);
  });
});

describe("step bounds", () => {
  const stepsOf = [{ upperBound: -10, adjustment: -2 }, { lowerBound: -10, upperBound: 0, adjustment: -1 }];
  const high = [{ lowerBound: 0, upperBound: 10, adjustment: 1 }, { lowerBound: 10, adjustment: 2 }];

  test("an above-threshold alarm's steps include their lower bound", () => {
    expect(stepFor(high, 0, true)?.adjustment).toBe(1);
    expect(stepFor(high, 10, true)?.adjustment).toBe(2);
    expect(stepFor(high, -0.5, true)).toBeUndefined();
  });

  test("a below-threshold alarm's steps include their upper bound", () => {
    expect(stepFor(stepsOf, 0, false)?.adjustment).toBe(-1);
    expect(stepFor(stepsOf, -10, false)?.adjustment).toBe(-2);
    expect(stepFor(stepsOf, 0.5, false)).toBeUndefined();
  });
});
