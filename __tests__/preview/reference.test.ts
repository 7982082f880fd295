import { bestStaticCount, fitFactor, objectiveRate, referenceSchedule } from "../../lib/preview/reference";
import { previewTargetOf } from "../../lib/preview/service-model";
import { traceOf } from "../../lib/preview/trace";
import { configOf, withWorker } from "../helpers";
import { chatTarget, INSTANT, steps } from "./helpers";

// A task serves 200 requests a minute and starts in 4 minutes; the objective is p99 wait < 10 s.
const target = chatTarget({ min: 1, max: 10, policies: [{ type: "requests", target: 100 }] }, { latencyObjectiveSeconds: 10 });

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

  test("a percentile objective lets its share of requests miss: p90 skips a short spike, p99 serves it", () => {
    // 100 minutes of 200 a minute (1 task) and one of 400: 20,400 requests.
    const spike = traceOf(steps([200, 50], [400, 1], [200, 50]));
    const at = (percentile: number) => referenceSchedule(spike, chatTarget({ min: 1, max: 10, policies: [{ type: "requests", target: 100 }] }, {}, {}, { objectives: [{ metric: "wait", percentile, seconds: 10 }] }));
    // p90 may miss 2,040 requests: the spike's 400 are cheaper to miss than a second task (1 minute + 4 of start-up).
    expect(at(90)).toMatchObject({ peakTasks: 1, taskMinutes: 101 });
    // p99 may miss 204: the spike's 400 must be served.
    expect(at(99)).toMatchObject({ peakTasks: 2, taskMinutes: 101 + 1 + 4 });
  });

  test("the maximum bounds it; minutes it cannot serve are counted", () => {
    const reference = referenceSchedule(traceOf(steps([400, 5], [2400, 3], [400, 5])), target);
    expect(reference.infeasibleMinutes).toBe(3);
    expect(reference.peakTasks).toBe(10);
  });

  test("when the objective lets requests wait two minutes, a burst is worked off over them", () => {
    // A worker serving 10 messages a minute per task; 60 messages arrive in minute 0.
    const worker = (seconds: number) =>
      previewTargetOf(configOf(withWorker({ scaling: { min: 0, max: 10, policies: [{ type: "queue", secondsPerMessage: 6, acceptableLatencySeconds: seconds }] } })), "jobs");
    const burst = traceOf(steps([60, 1], [0, 5]));
    // 60 messages are 6 task-minutes of work either way. 120 s: the backlog at each minute's end must
    // be what the tasks clear in 2 minutes, so 2 tasks (20 a minute) for 3 minutes do.
    const patient = referenceSchedule(burst, worker(120));
    expect(patient).toMatchObject({ peakTasks: 2, taskMinutes: 6 });
    // 30 s: nothing may wait past the minute: 6 tasks in minute 0.
    expect(referenceSchedule(burst, worker(30))).toMatchObject({ peakTasks: 6, taskMinutes: 6 });
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
    expect(factor * 500).toBeCloseTo(0.7 * 10 * objectiveRate(target, trace, { input: 1000, output: 200 }), 9);
    expect(factor * 500).toBeCloseTo(1400, 9);
  });
});
