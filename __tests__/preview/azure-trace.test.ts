import { sharedTracePath } from "../../lib/preview/shared-traces";
import { loadEnvironmentFile } from "../../lib/config/load";
import type { EnvironmentConfig } from "../../lib/config/schema";
import { readTrace } from "../../lib/preview/read-trace";
import { previewTargetOf } from "../../lib/preview/service-model";
import { simulate } from "../../lib/preview/simulate";
import { summarize } from "../../lib/preview/summary";

// The real Azure LLM inference trace (conversation service, 2023-11-16 18:15-19:14 UTC), replayed
// against the shipped prod config's chat service, end to end: loader, policy kinds, simulation, summary.
const trace = readTrace({ trace: sharedTracePath("azure-llm-inference-conv-2023.csv") });
const prod = loadEnvironmentFile("config/prod.yaml");

function preview(config: EnvironmentConfig) {
  const target = previewTargetOf(config, "chat");
  const result = simulate(trace, target);
  return { result, summary: summarize(result, target.model.objectiveSeconds, target.pricing) };
}

describe("the Azure conversation trace against prod's chat", () => {
  const { result, summary } = preview(prod);

  test("every request of the trace is replayed, minute by minute", () => {
    expect(summary.requests).toBe(19366);
    expect(result.minutes).toBe(60); // 18:15 to 19:14
    expect(Math.max(...result.demand)).toBe(502);
  });

  test("business hours (07:00-20:00 Berlin) hold 4 tasks until the after-hours action at 19:00 UTC lets the policies scale in", () => {
    expect(result.runningTasks[0]).toBe(4);
    expect(result.events).toEqual([{ minute: 46, from: 4, to: 2, cause: "server" }]);
    expect(summary).toMatchObject({ peakTasks: 4, scaleOutEvents: 0, scaleInEvents: 1 });
  });

  test("4 tasks of 240 requests a minute never let a request wait; the oracle needs about half the task-hours", () => {
    expect(summary.withinObjectivePct).toBe(100);
    expect(summary.waitP99Seconds).toBe(0);
    expect(summary.taskHours).toBeGreaterThan(3.4);
    expect(summary.taskHours).toBeLessThan(3.6);
    expect(summary.oracleTaskHours).toBeGreaterThan(1.8);
    expect(summary.oracleTaskHours).toBeLessThan(2.1);
    expect(summary.cost / summary.oracleCost).toBeGreaterThan(1.5);
    expect(summary.cost / summary.oracleCost).toBeLessThan(1.9);
  });
});

describe("the same trace with min 1 and no schedules: the start-up gap shows", () => {
  const chat = prod.services.chat;
  const { result, summary } = preview({ ...prod, services: { ...prod.services, chat: { ...chat, scaling: { ...chat.scaling, min: 1, schedules: [] } } } });

  test("one task is overrun at once; requests pile up and the server's queue per task jumps the count to the maximum", () => {
    expect(result.events[0]).toEqual({ minute: 5, from: 1, to: 20, cause: "server" });
    expect(summary.peakTasks).toBe(20);
  });

  test("requests wait while tasks load the model", () => {
    // With the server's queue as the only signal, the first scale-out comes a minute after the
    // queue forms, and the new tasks need startupSeconds (240 s) to load the model.
    expect(summary.withinObjectivePct).toBeGreaterThan(60);
    expect(summary.withinObjectivePct).toBeLessThan(75);
    expect(summary.waitP95Seconds).toBeGreaterThan(30);
    expect(summary.waitP99Seconds).toBeGreaterThan(summary.waitP95Seconds);
    expect(summary.taskHours).toBeGreaterThan(2 * summary.oracleTaskHours);
  });
});

describe("the same trace with a capacity in tokens per second", () => {
  const chat = prod.services.chat;
  const preview = { ...chat.preview!, requestsPerMinute: undefined, tokensPerSecond: 5000 };
  const { result, summary } = (() => {
    const target = previewTargetOf({ ...prod, services: { ...prod.services, chat: { ...chat, preview } } }, "chat");
    const replayed = simulate(trace, target);
    return { result: replayed, summary: summarize(replayed, target.model.objectiveSeconds, target.pricing) };
  })();

  test("the oracle needs ceil(tokens of the minute / 300,000) tasks each minute", () => {
    const expected = Array.from(trace.tokens!, (tokens) => Math.ceil(tokens / 300000));
    expect(Array.from(result.oracleTasks)).toEqual(expected);
    expect(summary.oracleTaskHours).toBeCloseTo(expected.reduce((a, b) => a + b, 0) / 60, 2);
  });

  test("capacity in requests follows the minute's tokens per request", () => {
    const t = 30;
    expect(result.capacity[t]).toBeCloseTo((result.readyTasks[t] * 300000) / (trace.tokens![t] / trace.requests[t]), 6);
  });

  test("a trace without token counts is refused, naming the field", () => {
    const target = previewTargetOf({ ...prod, services: { ...prod.services, chat: { ...chat, preview } } }, "chat");
    const servegen = sharedTracePath("servegen-m-large-14d-rate-10min.csv");
    const rates = readTrace({ trace: servegen });
    expect(() => simulate(rates, target)).toThrow(
      `config/prod.yaml: services.chat.preview.tokensPerSecond needs a trace with token counts, and ${servegen} has none; give requestsPerMinute instead`,
    );
  });
});
