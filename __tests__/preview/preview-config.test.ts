import { describeObjective } from "../../lib/preview/objectives";
import { previewTargetOf } from "../../lib/preview/service-model";
import { calibrationWarnings } from "../../lib/preview/simulate";
import { traceOf } from "../../lib/preview/trace";
import { configOf, problemsOf, withChat } from "../helpers";

const llm = (preview: Record<string, unknown>) =>
  withChat({
    cpu: 3072,
    memory: 12288,
    environment: { MODEL_ID: "meta-llama/Llama-3.1-8B-Instruct" },
    compute: { type: "gpu", instanceTypes: ["g6.xlarge"], gpusPerTask: 1 },
    preview,
  });

describe("the preview section's objectives, image pull and request tokens", () => {
  test("objectives as the config states them replace the defaults", () => {
    const target = previewTargetOf(configOf(llm({ objectives: [{ metric: "ttft", percentile: 95, seconds: 1.5 }, { metric: "e2e", percentile: 99, seconds: 30 }] })), "chat");
    expect(target.objectives.map(describeObjective)).toEqual(["p95 ttft < 1.5 s", "p99 e2e < 30 s"]);
    expect(target.derivation).toContain("objectives: p95 ttft < 1.5 s, p99 e2e < 30 s (preview.objectives)");
  });

  test("imagePullSeconds is the part of the start-up before the task is RUNNING", () => {
    const target = previewTargetOf(configOf(llm({ startupSeconds: 300, imagePullSeconds: 90 })), "chat");
    expect(target.phases).toMatchObject({ pullSeconds: 90, loadSeconds: 210 });
  });

  test("requestTokens stand for the requests of traces without token counts", () => {
    const target = previewTargetOf(configOf(llm({ requestTokens: { input: 2000, output: 300 } })), "chat");
    expect(target.assumedMix).toEqual({ input: 2000, output: 300 });
    expect(calibrationWarnings(traceOf([10]), target)[0]).toContain("every request is taken as 2000 input and 300 output tokens");
  });

  test.each([
    [{ objectives: [{ metric: "gpu", percentile: 99, seconds: 1 }] }, "config/test.yaml:29: services.chat.preview.objectives[0].metric = \"gpu\": must be one of: ttft, tpot, e2e, wait"],
    [{ objectives: [{ metric: "ttft", percentile: 0, seconds: 1 }] }, "services.chat.preview.objectives[0].percentile = 0: must be greater than 0"],
    [{ objectives: [{ metric: "ttft", percentile: 101, seconds: 1 }] }, "services.chat.preview.objectives[0].percentile = 101: must be at most 100"],
    [{ objectives: [{ metric: "ttft", percentile: 99, seconds: 0 }] }, "services.chat.preview.objectives[0].seconds = 0: must be greater than 0"],
    [
      { objectives: [{ metric: "ttft", percentile: 99, seconds: 1 }, { metric: "ttft", percentile: 99, seconds: 2 }] },
      "services.chat.preview.objectives[1] = \"p99 ttft\": repeats an objective of the same metric and percentile",
    ],
    [{ startupSeconds: 60, imagePullSeconds: 90 }, "services.chat.preview.imagePullSeconds = 90: is part of startupSeconds (60); it must be at most that"],
    [{ requestTokens: { input: -1, output: 10 } }, "services.chat.preview.requestTokens.input = -1: must be 0 or more"],
  ])("%j is rejected with its reason", (preview, message) => {
    expect(problemsOf(llm(preview)).join("\n")).toContain(message);
  });
});
