import { bestStaticCount, fitFactor, objectiveRate, referenceSchedule } from "../../lib/preview/reference";
import { previewTargetOf } from "../../lib/preview/service-model";
import { traceOf } from "../../lib/preview/trace";
import { configOf, withWorker } from "../helpers";
import { chatTarget, INSTANT, steps } from "./helpers";

// A task serves 200 requests a minute and starts in 4 minutes; every request must wait less than 10 s
// (p100, so no request may miss: the percentile's share of misses has a test of its own).
const strict = { objectives: [{ metric: "wait" as const, percentile: 100, seconds: 10 }] };
const target = chatTarget({ min: 1, max: 10, policies: [{ type: "requests", target: 100 }] }, {}, {}, strict);

describe("known answers: the reference schedule (dynamic programming over the trace)", () => {
  test("a constant load needs what serves it each minute: 400 a minute, 2 tasks", () => {
    const reference = referenceSchedule(traceOf(steps([400, 30])), target);
    expect(Array.from(reference.readyTasks)).toEqual(Array(30).fill(2));
    expect(reference.taskMinutes).toBe(60);
    expect(reference.infeasibleMinutes).toBe(0);
  });

  test("a step up pays the start-up of the added tasks: 10 x 1 + 10 x 3 + 2 tasks x 4 minutes", () => {
    const reference = referenceSchedule(traceOf(steps([200, 10], [600, 10])), target);
    expect(Array.from(reference.readyTasks)).toEqual([...Array(10).fill(1), ...Array(10).fill(3)]);
    expect(reference.taskMinutes).toBe(48);
  });

  test("a two-minute dip is not worth a stop and a restart: 3 tasks throughout", () => {
    const reference = referenceSchedule(traceOf(steps([600, 10], [200, 2], [600, 10])), target);
    expect(Array.from(reference.readyTasks)).toEqual(Array(22).fill(3));
    expect(reference.taskMinutes).toBe(66);
  });

  test("a long dip is: 3, then 1 for 20 minutes, then 3 again with their start-up", () => {
    const reference = referenceSchedule(traceOf(steps([600, 10], [200, 20], [600, 10])), target);
    expect(Array.from(reference.readyTasks)).toEqual([...Array(10).fill(3), ...Array(20).fill(1), ...Array(10).fill(3)]);
    expect(reference.taskMinutes).toBe(30 + 20 + 30 + 2 * 4);
  });

  test("a percentile objective lets its share of requests miss: p90 rides out a short spike, p99 adds a task", () => {
    // 100 minutes of 200 a minute (1 task) and one of 600: 20,600 requests. With 1 task, 33 requests
    // of the spike wait within 10 s and 367 longer; with 2 tasks, 133.
    const spike = traceOf(steps([200, 50], [600, 1], [200, 50]));
    const at = (percentile: number) => referenceSchedule(spike, chatTarget({ min: 1, max: 10, policies: [{ type: "requests", target: 100 }] }, {}, {}, { objectives: [{ metric: "wait", percentile, seconds: 10 }] }));
    // p90 may miss 2,060: cheaper than a second task (1 minute + 4 of start-up).
    const p90 = at(90);
    expect(p90.peakTasks).toBe(1);
    expect(p90.taskMinutes).toBeCloseTo(101, 6);
    // p99 may miss 206: a second task for the spike.
    const p99 = at(99);
    expect(p99.peakTasks).toBe(2);
    expect(p99.taskMinutes).toBeGreaterThanOrEqual(101 + 1 + 4 - 1e-6);
    expect(p99.taskMinutes).toBeLessThanOrEqual(101 + 2 + 4 + 1e-6);
  });

  test("the maximum bounds it; minutes it cannot serve are counted", () => {
    const reference = referenceSchedule(traceOf(steps([400, 5], [2400, 3], [400, 5])), target);
    expect(reference.infeasibleMinutes).toBe(3);
    expect(reference.peakTasks).toBe(10);
  });

  test("when the objective lets requests wait two minutes, a burst is worked off over them", () => {
    // A worker serving 10 messages a minute per task; 60 messages arrive in minute 0.
    const worker = (seconds: number) =>
      previewTargetOf(configOf(withWorker({ scaling: { min: 0, max: 10, policies: [{ type: "queue", secondsPerMessage: 6, acceptableLatencySeconds: 120 }] } })), "jobs", {
        objectives: [{ metric: "wait", percentile: 100, seconds }],
      });
    const burst = traceOf(steps([60, 1], [0, 5]));
    // 60 messages are 6 task-minutes of work either way. 120 s: the backlog at each minute's end must
    // be what the tasks clear in 2 minutes, so 2 tasks (20 a minute) for 3 minutes do.
    const patient = referenceSchedule(burst, worker(120));
    expect(patient).toMatchObject({ peakTasks: 2, taskMinutes: 6 });
    // 30 s: the last message of minute 0 may wait until 90 s: 4 tasks (40 a minute) leave 20 that they clear by then.
    expect(referenceSchedule(burst, worker(30)).peakTasks).toBe(4);
    // 1 s: nothing waits past the minute: 6 tasks.
    expect(referenceSchedule(burst, worker(1)).peakTasks).toBe(6);
  });
});

describe("known answers: the best static count", () => {
  test("the fewest tasks that never scale and meet the objective: 2 for 400 a minute, 3 for a peak of 600", () => {
    expect(bestStaticCount(traceOf(steps([400, 30])), target, { dynamics: INSTANT }).tasks).toBe(2);
    expect(bestStaticCount(traceOf(steps([200, 30], [600, 10])), target, { dynamics: INSTANT }).tasks).toBe(3);
  });

  test("none when even the maximum misses", () => {
    expect(bestStaticCount(traceOf(steps([4000, 30])), target, { dynamics: INSTANT })).toEqual({});
  });
});

describe("fitting a trace to a service", () => {
  test("the busiest minute then needs 70% of what the maximum serves within the objectives", () => {
    const trace = traceOf(steps([100, 10], [500, 1]));
    const factor = fitFactor(trace, target);
    // Shown and used with three significant digits.
    expect(factor).toBe(Number(((0.7 * 10 * objectiveRate(target, trace, { input: 1000, output: 200 })) / 500).toPrecision(3)));
    expect(factor * 500).toBeCloseTo(1400, 6);
  });
});
