import { PREVIEW_DEFAULTS } from "../../lib/config/preview-schema";
import { configOf, problemsOf, withChat } from "../helpers";

const inflight = {
  type: "custom",
  name: "inflight",
  target: 12,
  metric: { namespace: "GenAI/ModelServer", name: "InFlightRequests", dimensions: { ServiceName: "{service}" }, statistic: "Sum" },
};

describe("the preview section of a service", () => {
  test("is optional: a service without it gets the defaults, resolved once", () => {
    expect(configOf(withChat({})).services.chat.preview).toEqual({ ...PREVIEW_DEFAULTS, startupSeconds: 240 });
  });

  test("fills the documented defaults", () => {
    expect(configOf(withChat({ preview: { requestsPerMinute: 240 } })).services.chat.preview).toEqual({
      startupSeconds: 240,
      requestsPerMinute: 240,
      responseSeconds: 2,
      imagePullSeconds: 0,
      cpuPercentAtCapacity: 100,
      memoryPercent: 50,
      metrics: {},
    });
  });

  test("maps a custom policy's metric to a simulated signal", () => {
    const config = configOf(withChat({ scaling: { policies: [inflight] }, preview: { metrics: { inflight: "inFlightPerTask" } } }));
    expect(config.services.chat.preview?.metrics).toEqual({ inflight: "inFlightPerTask" });
  });
});

describe("rejected preview inputs", () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ["both capacity forms", { preview: { requestsPerMinute: 100, tokensPerSecond: 500 } },
      "services.chat.preview.tokensPerSecond = 500: is given together with requestsPerMinute; a task's capacity is one or the other"],
    ["a zero capacity", { preview: { requestsPerMinute: 0 } }, "services.chat.preview.requestsPerMinute = 0: must be greater than 0"],
    ["a negative start-up", { preview: { startupSeconds: -1 } }, "services.chat.preview.startupSeconds = -1: must be 0 or more"],
    ["a mapping for a policy that does not exist", { preview: { metrics: { gpu: "loadPercent" } } },
      "services.chat.preview.metrics.gpu = \"loadPercent\": names no custom or step policy of this service; the service has none"],
    ["a mapping for a cpu policy", { scaling: { policies: [{ type: "cpu", target: 60 }, inflight] }, preview: { metrics: { cpu: "cpuUtilization" } } },
      "services.chat.preview.metrics.cpu = \"cpuUtilization\": names no custom or step policy of this service; allowed: inflight"],
    ["an unknown signal", { scaling: { policies: [inflight] }, preview: { metrics: { inflight: "gpuMagic" } } },
      "services.chat.preview.metrics.inflight = \"gpuMagic\": must be one of: cpuUtilization, memoryUtilization, loadPercent, requestsPerTask, responseTime, inFlightPerTask, backlogPerTask, waitingRequests, ignore"],
    ["an unknown field", { preview: { warmupSeconds: 30 } }, "services.chat.preview.warmupSeconds = 30: unknown field; allowed fields here: startupSeconds"],
  ];
  test.each(cases)("%s", (_what, patch, expected) => {
    const problems = problemsOf(withChat(patch));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });
});
