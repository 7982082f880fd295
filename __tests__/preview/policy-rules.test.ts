import { PreviewError } from "../../lib/preview/errors";
import { previewTargetOf } from "../../lib/preview/service-model";
import { POLICY_KINDS } from "../../lib/scaling/policies";
import type { PreviewContext, SimulatedMinute, TargetTrackingRule } from "../../lib/scaling/preview-rules";
import { SIGNAL_METRICS } from "../../lib/scaling/preview-signals";
import { baseInput, configOf, merge, withWorker } from "../helpers";
import { chatTarget, eventRows, replay, steps } from "./helpers";

/** A minute with 2 ready tasks serving 150 of their 400 requests (and no task loading), responses taking 3 s. */
const minute: SimulatedMinute = {
  readyTasks: 2,
  runningTasks: 2,
  desiredTasks: 3,
  arrivals: 160,
  served: 150,
  workServed: 150,
  workCapacity: 400,
  waiting: 10,
  meanWaitSeconds: 1.5,
  responseSeconds: 3,
  firstTokenSeconds: 0.5,
};

const inflight = {
  type: "custom",
  name: "inflight",
  target: 12,
  metric: { namespace: "GenAI/ModelServer", name: "InFlightRequests", dimensions: { ServiceName: "{service}" } },
};

describe("each policy kind says how its metric is computed from a simulated minute", () => {
  const target = chatTarget(
    {
      policies: [
        { type: "cpu", target: 60 },
        { type: "memory", target: 80 },
        { type: "requests", target: 100 },
        { type: "latency", target: 2 },
        inflight,
      ],
    },
    { cpuPercentAtCapacity: 80, memoryPercent: 40, responseSeconds: 3, metrics: { inflight: "inFlightPerTask" } },
  );
  const values = Object.fromEntries(target.rules.map((r) => [r.name, r.kind === "target-tracking" ? r.metric(minute) : undefined]));

  test("cpu: proportional to the share of capacity in use", () => expect(values.cpu).toBeCloseTo(80 * (150 / 400), 9));
  test("cpu and in-flight average over RUNNING tasks: two more loading the model halve them", () => {
    const loading = { ...minute, runningTasks: 4 };
    const rule = (name: string) => target.rules.find((r) => r.name === name)!;
    const value = (name: string) => {
      const r = rule(name);
      return r.kind === "target-tracking" ? r.metric(loading) : undefined;
    };
    expect(value("cpu")).toBeCloseTo((80 * (150 / 400)) / 2, 9);
    expect(value("inflight")).toBeCloseTo(((150 / 60) * 4.5) / 4, 9);
    expect(value("requests")).toBe(80);
  });
  test("requests: no datapoint in a minute without requests (the load balancer publishes none)", () => {
    const r = target.rules.find((x) => x.name === "requests")!;
    expect(r.kind === "target-tracking" ? r.metric({ ...minute, arrivals: 0 }) : "n/a").toBeUndefined();
  });
  test("memory: constant", () => expect(values.memory).toBe(40));
  test("requests: arrivals per ready task", () => expect(values.requests).toBe(80));
  test("latency: the minute's response time plus mean wait", () => expect(values.latency).toBe(4.5));
  test("custom mapped to in-flight requests: Little's law per task", () => expect(values.inflight).toBeCloseTo(((150 / 60) * 4.5) / 2, 9));
  test("targets and cooldowns come from the config entries", () => {
    const cpu = target.rules.find((r) => r.name === "cpu");
    expect(cpu).toMatchObject({ kind: "target-tracking", target: 60, scaleOutCooldownSeconds: 60, scaleInCooldownSeconds: 300, disableScaleIn: false });
  });
  test("no datapoint without a ready task", () => {
    const none = { ...minute, readyTasks: 0, runningTasks: 0, workCapacity: 0 };
    expect(target.rules.map((r) => (r.kind === "target-tracking" ? r.metric(none) : "n/a"))).toEqual([undefined, undefined, undefined, 4.5, undefined]);
  });
});

describe("policies the preview cannot compute on their own", () => {
  test("a custom policy without a mapping is an error that names the field to set", () => {
    expect(() => chatTarget({ policies: [inflight] })).toThrow(PreviewError);
    expect(() => chatTarget({ policies: [inflight] })).toThrow(
      'config/test.yaml: services.chat: the preview cannot compute the CloudWatch metric of the custom policy "inflight"; set preview.metrics.inflight to what it stands for: cpuUtilization, memoryUtilization, loadPercent',
    );
  });

  test("ignore leaves a policy out, with a note", () => {
    const target = chatTarget({ policies: [{ type: "requests", target: 100 }, inflight] }, { metrics: { inflight: "ignore" } });
    expect(target.rules.map((r) => [r.kind, r.name])).toEqual([
      ["target-tracking", "requests"],
      ["ignored", "inflight"],
    ]);
    expect(replay([100], target).notes).toEqual(["start: the minimum in force, as after a fresh deployment", "policy inflight left out: preview.metrics.inflight is ignore"]);
  });

  test("predictive in ForecastOnly changes nothing and is noted", () => {
    const target = chatTarget({ policies: [{ type: "requests", target: 100 }, { type: "predictive", metric: "requests", target: 100 }] });
    expect(target.rules[1]).toEqual({ kind: "ignored", name: "predictive", reason: "ForecastOnly publishes forecasts and changes no capacity" });
  });

  test("a web service without a capacity cannot be previewed", () => {
    const config = configOf(merge(baseInput(), {}));
    expect(() => previewTargetOf(config, "chat")).toThrow("config/test.yaml: services.chat.preview.requestsPerMinute (or tokensPerSecond) is needed");
  });

  test("an unknown service lists the services", () => {
    expect(() => previewTargetOf(configOf(baseInput()), "chatt")).toThrow('config/test.yaml: no service "chatt"; services: chat');
  });
});

describe("predictive scaling in ForecastAndScale", () => {
  test("holds the hour's forecast (the same hour of the days before) as its minimum, schedulingBuffer ahead of the hour", () => {
    // 150 requests per minute, and 450 from 10:00 to 11:00 each day; a task holds 100 requests per minute.
    const day = steps([150, 600], [450, 60], [150, 780]);
    const target = chatTarget({
      min: 2,
      policies: [{ type: "requests", target: 100, scaleOutCooldownSeconds: 600 }, { type: "predictive", metric: "requests", target: 100, mode: "ForecastAndScale" }],
    });
    const result = replay([...day, ...day], target, { initialTasks: 2 });
    const secondDay = result.events.filter((e) => e.minute >= 1440 && e.to > e.from);
    // 09:55 on day two: the forecast for 10:00-11:00 is ceil(450 / 100) = 5 tasks, five minutes ahead.
    expect(secondDay[0]).toEqual({ minute: 1440 + 595, from: 2, to: 5, cause: "predictive" });
  });
});

describe("a queue worker with scaling.min 0", () => {
  const config = configOf(
    withWorker({
      scaling: { policies: [{ type: "queue", secondsPerMessage: 6, acceptableLatencySeconds: 120, scaleToZeroAfterIdleMinutes: 5 }] },
      preview: { startupSeconds: 120 },
    }),
  );
  const target = previewTargetOf(config, "jobs");

  test("takes its capacity and objective from the queue policy", () => {
    expect(target.serving).toEqual({ kind: "requests", requestsPerMinute: 10 });
    expect(target.objectives).toEqual([{ metric: "wait", percentile: 99, seconds: 120 }]);
    expect(target.phases).toEqual({ pullSeconds: 0, loadSeconds: 120, healthSeconds: 0, drainSeconds: 0 });
    expect(target.rules.map((r) => r.name)).toEqual(["queue", "scale-from-zero", "scale-to-zero"]);
  });

  test("wakes one minute after messages arrive, and goes back to zero after the idle minutes", () => {
    const result = replay(steps([0, 5], [8, 1], [0, 30]), target);
    // Minute 5: 8 visible messages, no task wanted: the wake alarm starts one task at minute 6 (serving from 8).
    // It works the backlog off in minute 8; five idle minutes later (9-13) the sleep alarm stops it at minute 14.
    expect(eventRows(result)).toEqual([
      [6, 0, 1, "scale-from-zero"],
      [14, 1, 0, "scale-to-zero"],
    ]);
    expect(result.desiredTasks[0]).toBe(0);
    expect(Array.from(result.waiting.slice(5, 9))).toEqual([8, 8, 8, 0]);
  });
});

describe("a server policy on running requests reads vLLM's batch, not its queue", () => {
  const context: PreviewContext = { min: 1, assumptions: { responseSeconds: 8, cpuPercentAtCapacity: 100, memoryPercent: 50 }, signals: {}, where: "config/test.yaml: services.chat" };
  const [rule] = POLICY_KINDS.server.previewRules(context, {
    type: "server",
    name: "server",
    metric: "running",
    target: 24,
    scaleInCooldownSeconds: 300,
    scaleOutCooldownSeconds: 60,
    disableScaleIn: false,
  } as never) as TargetTrackingRule[];
  // One task full at 32 sequences of 8 s each completes 240 requests a minute.
  const full: SimulatedMinute = { ...minute, readyTasks: 1, runningTasks: 2, arrivals: 1000, served: 240, waiting: 760, meanWaitSeconds: 90, responseSeconds: 8, firstTokenSeconds: 0.5 };

  test("a full task runs its 32 sequences however many wait (in-flight per task would count them too)", () => {
    expect(rule.metric(full)).toBe(32);
    expect(SIGNAL_METRICS.inFlightPerTask(context)(full)).toBeCloseTo(((240 / 60) * (8 + 90)) / 2, 9);
  });

  test("averaged over the tasks that serve (a task loading the model publishes nothing)", () => {
    expect(rule.metric({ ...full, readyTasks: 2, served: 240 })).toBe(16);
    expect(rule.metric({ ...full, readyTasks: 0 })).toBeUndefined();
  });
});
