import { ScalingModel } from "../../lib/preview/autoscaling";
import { AWS_DYNAMICS } from "../../lib/preview/dynamics";
import { Fleet } from "../../lib/preview/fleet";
import type { ForecastRule, SimulatedMinute } from "../../lib/scaling/preview-rules";
import { chatTarget, eventRows, INSTANT, replay, steps } from "./helpers";

const requests = (target: number, extra: Record<string, unknown> = {}) => ({ type: "requests", target, ...extra });

describe("the defaults come from AWS's documentation", () => {
  test("alarms 3 of 3 above, 15 of 15 below 90%; metrics act 3 minutes late; scale-in at most 10% at a time", () => {
    expect(AWS_DYNAMICS).toEqual({ highDatapoints: 3, lowDatapoints: 15, lowRatio: 0.9, metricDelayMinutes: 3, scaleInStepPercent: 10 });
  });
});

describe("known answers: metric delay", () => {
  // 95 per task, then 150 per task from minute 10: datapoints 10, 11 and 12 are above the target.
  const load = steps([190, 10], [300, 20]);
  const target = chatTarget({ policies: [requests(100, { scaleOutCooldownSeconds: 600 })] });

  test("without delay the third datapoint above acts at the next minute", () => {
    expect(eventRows(replay(load, target, { initialTasks: 2 }))).toEqual([[13, 2, 3, "requests"]]);
  });

  test("with a delay of 3 minutes the same datapoints act 3 minutes later", () => {
    expect(eventRows(replay(load, target, { initialTasks: 2, dynamics: { ...INSTANT, metricDelayMinutes: 3 } }))).toEqual([[16, 2, 3, "requests"]]);
  });
});

describe("known answers: missing datapoints", () => {
  const target = chatTarget({ min: 2, policies: [requests(100)] });

  test("with no requests the load balancer publishes no datapoint, so the low alarm never fires", () => {
    expect(replay(steps([0, 60]), target, { initialTasks: 4 }).events).toEqual([]);
  });

  test("a minute without datapoint does not reset the count of datapoints above the target", () => {
    // 150 per task in minutes 0, 1 and 3; minute 2 has no request. The third datapoint above is minute 3's.
    const gap = steps([300, 2], [0, 1], [300, 10]);
    const t = chatTarget({ policies: [requests(100, { scaleOutCooldownSeconds: 600 })] });
    expect(eventRows(replay(gap, t, { initialTasks: 2 }))[0]).toEqual([4, 2, 3, "requests"]);
  });
});

describe("known answers: scale-in is gradual", () => {
  // 20 tasks, 10 requests each against a target of 100: proportionally, 2 tasks would do.
  const target = chatTarget({ min: 1, max: 20, policies: [requests(100)] });
  const load = steps([200, 40]);

  test("proportional scale-in (scaleInStepPercent 100) goes from 20 to 2 in one step", () => {
    expect(eventRows(replay(load, target, { initialTasks: 20 }))).toEqual([[15, 20, 2, "requests"]]);
  });

  test("at most 10% (at least one task) per scale-in, then the scale-in cooldown", () => {
    const result = replay(load, target, { initialTasks: 20, dynamics: { ...INSTANT, scaleInStepPercent: 10 } });
    expect(eventRows(result).slice(0, 4)).toEqual([
      [15, 20, 18, "requests"],
      [20, 18, 17, "requests"],
      [25, 17, 16, "requests"],
      [30, 16, 15, "requests"],
    ]);
  });
});

describe("known answers: tasks still loading count as RUNNING", () => {
  // 2 tasks at 150 requests each run at 75% CPU (a task at its 200/min capacity runs at 100%).
  const load = steps([300, 20]);
  const cpu = (pull: number) => chatTarget({ policies: [{ type: "cpu", target: 50, scaleOutCooldownSeconds: 60 }] }, {}, { pullSeconds: pull, loadSeconds: 240 - pull });

  test("a task loading the model is RUNNING and idle: the average CPU drops to 50% and no second scale-out follows", () => {
    const result = replay(load, cpu(0), { initialTasks: 2 });
    expect(eventRows(result)).toEqual([[3, 2, 3, "cpu"]]);
    expect(result.runningTasks[3]).toBe(3);
    expect(result.readyTasks[3]).toBe(2);
  });

  test("counted only once serving (an image pull as long as the start-up), the same load scales out again after the cooldown", () => {
    const result = replay(load, cpu(240), { initialTasks: 2 });
    expect(eventRows(result).slice(0, 2)).toEqual([
      [3, 2, 3, "cpu"],
      [4, 3, 5, "cpu"],
    ]);
  });
});

describe("known answers: a scale-out cooldown shorter than the start-up multiplies tasks still starting", () => {
  // 300 per ready task from minute 10 against a target of 100: ceil(2 x 3) = 6 at minute 13.
  const load = steps([190, 10], [600, 20]);

  test("60 s cooldown: the next minute reads the same 300 per ready task against 6 tasks and asks for 18", () => {
    const result = replay(load, chatTarget({ max: 20, policies: [requests(100, { scaleOutCooldownSeconds: 60 })] }), { initialTasks: 2 });
    expect(eventRows(result).slice(0, 2)).toEqual([
      [13, 2, 6, "requests"],
      [14, 6, 18, "requests"],
    ]);
  });

  test("300 s cooldown: the new tasks serve before it ends, and 6 stay 6", () => {
    const result = replay(load, chatTarget({ max: 20, policies: [requests(100, { scaleOutCooldownSeconds: 300 })] }), { initialTasks: 2 });
    expect(eventRows(result)).toEqual([[13, 2, 6, "requests"]]);
  });
});

describe("known answers: start-up phases and draining", () => {
  const load = steps([190, 10], [300, 20]);
  const phases = { pullSeconds: 60, loadSeconds: 180, healthSeconds: 15, drainSeconds: 120 };
  const result = replay(load, chatTarget({ policies: [requests(100, { scaleOutCooldownSeconds: 600 })] }, {}, phases), { initialTasks: 2 });

  test("the task launched at minute 13 pulls for a minute, RUNNING from minute 14", () => {
    expect(eventRows(result)).toEqual([[13, 2, 3, "requests"]]);
    expect(Array.from(result.runningTasks.slice(12, 16))).toEqual([2, 2, 3, 3]);
    expect(result.billedTasks[13]).toBe(3);
  });

  test("it serves once the health check passes: 255 s after launch, three quarters into minute 17", () => {
    expect(Array.from(result.readyTasks.slice(16, 19))).toEqual([2, 2.75, 3]);
  });

  test("a removed serving task drains (billed, RUNNING, not serving) for the deregistration delay", () => {
    const t = chatTarget({ min: 1, policies: [requests(100)] }, {}, { ...phases });
    const drained = replay(steps([280, 30]), t, { initialTasks: 4 });
    expect(eventRows(drained)).toEqual([[15, 4, 3, "requests"]]);
    expect(Array.from(drained.billedTasks.slice(14, 18))).toEqual([4, 4, 4, 3]);
    expect(Array.from(drained.readyTasks.slice(14, 16))).toEqual([4, 3]);
  });
});

describe("known answers: GPU instances under a capacity provider", () => {
  const phases = { pullSeconds: 0, loadSeconds: 240, healthSeconds: 0, drainSeconds: 0 };
  const instances = { tasksPerInstance: 1, targetCapacity: 90, launchSeconds: 420, reactionMinutes: 2, scaleInMinutes: 15 };

  test("targetCapacity 90 keeps ceil(tasks / 0.9) instances: 12 for 10 tasks", () => {
    const fleet = new Fleet(phases, instances);
    fleet.warm(10);
    expect(fleet.minute(0)).toMatchObject({ ready: 10, instances: 12 });
  });

  test("new tasks start at once on the spare instances; the rest wait for instances to launch", () => {
    const fleet = new Fleet(phases, instances);
    fleet.warm(10);
    fleet.minute(0);
    fleet.setDesired(15, 60);
    const minutes = Array.from({ length: 16 }, (_, i) => fleet.minute(i + 1));
    // Two spare instances: two tasks launch at minute 1 and serve from minute 5.
    expect(minutes[3].ready).toBe(10);
    expect(minutes[4].ready).toBe(12);
    // Managed scaling asks for ceil(15 / 0.9) = 17 instances after 2 minutes (minute 3); they come
    // up 420 s later (minute 10), and the three waiting tasks serve 240 s after that (minute 14).
    expect(minutes[1].instances).toBe(12);
    expect(minutes[2].instances).toBe(17);
    expect(minutes[12].ready).toBe(12);
    expect(minutes[13].ready).toBe(15);
  });

  test("spare instances beyond the target are removed after 15 minutes", () => {
    const fleet = new Fleet(phases, instances);
    fleet.warm(10);
    fleet.minute(0);
    fleet.setDesired(5, 60);
    const counts = Array.from({ length: 20 }, (_, i) => fleet.minute(i + 1).instances);
    expect(counts[0]).toBe(12);
    expect(counts[14]).toBe(12);
    expect(counts[15]).toBe(Math.ceil(5 / 0.9));
  });
});

describe("known answers: how a replay starts", () => {
  // 600 requests a minute: the requests policy (100 per task) holds 6 tasks; 3 would serve them.
  const target = chatTarget({ min: 1, max: 10, policies: [requests(100)] }, { latencyObjectiveSeconds: 10 });
  const load = steps([600, 60]);

  test("warm: where the policies settle for the opening load, reached before the trace", () => {
    const result = replay(load, target, { start: "warm", dynamics: AWS_DYNAMICS });
    expect(result.desiredTasks[0]).toBe(6);
    expect(result.objectives[0].withinPct).toBe(100);
    expect(result.notes[0]).toMatch(/^start: where the policies settle for the first 10 minutes' load \(600 requests\/min\)/);
  });

  test("min: a fresh deployment at the minimum, whose cold start shows in the waits", () => {
    const result = replay(load, target, { start: "min", dynamics: AWS_DYNAMICS });
    expect(result.desiredTasks[0]).toBe(1);
    expect(result.objectives[0].withinPct).toBeLessThan(90);
  });
});

describe("known answers: predictive scaling", () => {
  const minute = (arrivals: number): SimulatedMinute => ({
    readyTasks: 1,
    runningTasks: 1,
    desiredTasks: 1,
    arrivals,
    served: arrivals,
    workServed: arrivals,
    workCapacity: arrivals,
    waiting: 0,
    meanWaitSeconds: 0,
    responseSeconds: 1,
    firstTokenSeconds: 1,
  });
  const rule: ForecastRule = { kind: "forecast", name: "predictive", target: 100, load: (m) => m.arrivals, schedulingBufferSeconds: 300 };
  const start = Date.UTC(2024, 0, 1) / 60000;
  /** Feeds `hours` hours to a model, 1,000 requests a minute at 03:00-04:00 UTC (2,000 on the second day), 100 otherwise. */
  function feed(model: ScalingModel, from: number, to: number) {
    for (let m = from; m < to; m++) {
      const hour = Math.floor(m / 60) % 24;
      const day = Math.floor(m / 1440);
      model.evaluate(m, start + m, minute(hour === 3 ? (day === 1 ? 2000 : 1000) : 100), { min: 1, max: 100 });
    }
  }

  test("no forecast before 24 hours of history", () => {
    const model = new ScalingModel([rule], INSTANT);
    feed(model, 0, 23 * 60);
    expect(model.floorAt(start + 24 * 60 + 3 * 60)).toBeUndefined();
  });

  test("the hour's forecast is the same hour's mean load over the days before, refreshed every 6 hours", () => {
    const model = new ScalingModel([rule], INSTANT);
    // At 00:00 on day 2 the forecast of day 3's 03:00 has day 1 only: 1,000 a minute -> 10 tasks.
    feed(model, 0, 24 * 60 + 5 * 60 + 59);
    expect(model.floorAt(start + 48 * 60 + 3 * 60)?.capacity).toBe(10);
    // The 06:00 refresh sees day 2's 03:00 too: (1,000 + 2,000) / 2 -> 15 tasks.
    feed(model, 24 * 60 + 5 * 60 + 59, 24 * 60 + 6 * 60);
    expect(model.floorAt(start + 48 * 60 + 3 * 60)?.capacity).toBe(15);
  });

  test("the floor holds from SchedulingBufferTime before the hour to the same time before the next", () => {
    const model = new ScalingModel([rule], INSTANT);
    feed(model, 0, 24 * 60 + 1);
    expect(model.floorAt(start + 24 * 60 + 3 * 60 - 6)?.capacity).toBe(1);
    expect(model.floorAt(start + 24 * 60 + 3 * 60 - 5)?.capacity).toBe(10);
    expect(model.floorAt(start + 24 * 60 + 4 * 60 - 6)?.capacity).toBe(10);
    expect(model.floorAt(start + 24 * 60 + 4 * 60 - 5)?.capacity).toBe(1);
  });

  test("with target tracking beside it, the floor neither flaps nor scales in: 3 days, few events", () => {
    const policies = [requests(100), { type: "predictive", metric: "requests", target: 100, mode: "ForecastAndScale" }];
    const target = chatTarget({ min: 1, max: 20, policies });
    const load = Array.from({ length: 3 * 1440 }, (_, m) => (Math.floor(m / 60) % 24 === 3 ? 1000 : 100));
    const result = replay(load, target, { initialTasks: 1, dynamics: AWS_DYNAMICS });
    // Day 2 and 3: predictive raises the count to 10 at 02:55, before the load.
    const predictive = result.events.filter((e) => e.cause === "predictive");
    expect(predictive.map((e) => [e.minute, e.to])).toEqual([
      [1440 + 175, 10],
      [2880 + 175, 10],
    ]);
    // No flapping: after day 1's first burst (1 -> 10 -> 20), each day has one scale-out, then a gradual scale-in.
    const outs = result.events.filter((e) => e.to > e.from);
    expect(outs.map((e) => e.minute)).toEqual([186, 187, 1440 + 175, 2880 + 175]);
    for (const e of outs) expect(result.events.some((i) => i.to < i.from && i.minute < e.minute && i.minute >= e.minute - 10)).toBe(false);
  });
});
