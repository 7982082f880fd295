import { readTrace } from "../../lib/preview/read-trace";
import { bestStaticCount, referenceSchedule } from "../../lib/preview/reference";
import { previewTargetOf } from "../../lib/preview/service-model";
import { sharedTracePath } from "../../lib/preview/shared-traces";
import { simulate, traceMix } from "../../lib/preview/simulate";
import { summarize } from "../../lib/preview/summary";
import { configOf, withChat } from "../helpers";

// The real Azure LLM inference trace (conversation service, 2023-11-16 18:15-19:14 UTC) against an
// LLM server on L4 GPUs, end to end: reader, profile, policy kinds, fleet, objectives, reference.
const config = configOf(
  withChat({
    cpu: 3072,
    memory: 12288,
    environment: { MODEL_ID: "meta-llama/Llama-3.1-8B-Instruct", MAX_CONCURRENT_REQUESTS: "32" },
    compute: { type: "gpu", instanceTypes: ["g6.xlarge"], gpusPerTask: 1, managedScaling: { targetCapacity: 90, instanceWarmupSeconds: 420 } },
    scaling: { min: 2, max: 20, policies: [{ type: "requests", target: 40, scaleOutCooldownSeconds: 300, scaleInCooldownSeconds: 600 }] },
  }),
);
const target = previewTargetOf(config, "chat");

describe("the Azure conversation trace against an LLM server on L4 GPUs", () => {
  let run: Awaited<ReturnType<typeof replay>>;
  async function replay() {
    const trace = await readTrace({ trace: sharedTracePath("azure-llm-inference-conv-2023.csv") });
    const result = simulate(trace, target, { distributions: true });
    const reference = referenceSchedule(trace, target);
    const best = bestStaticCount(trace, target);
    return { trace, result, reference, best, summary: summarize(result, target, reference, best) };
  }
  beforeAll(async () => {
    run = await replay();
  });

  test("every request is replayed, minute by minute, with its tokens: 1,155 input and 211 output on average", () => {
    expect(run.summary.requests).toBe(19366);
    expect(run.result.minutes).toBe(60);
    expect(Math.max(...run.result.demand)).toBe(502);
    const mix = traceMix(run.trace, target);
    expect(mix.input).toBeCloseTo(1154.7, 1);
    expect(mix.output).toBeCloseTo(211.1, 1);
  });

  test("the mix is within the profile's calibration: no warning", () => {
    expect(run.summary.warnings).toEqual([]);
  });

  test("a task runs at most 32 sequences and serves about 70 of these requests a minute", () => {
    expect(Math.max(...run.result.concurrency)).toBeLessThanOrEqual(32);
    const perTask = run.result.capacity[30] / run.result.readyTasks[30];
    expect(perTask).toBeGreaterThan(60);
    expect(perTask).toBeLessThan(80);
  });

  test("40 requests per task keep time to first token and time per output token within MLPerf's bounds", () => {
    expect(run.summary.objectives.map((o) => [o.objective, o.met])).toEqual([
      ["p99 ttft < 2 s", true],
      ["p99 tpot < 200 ms", true],
    ]);
  });

  test("the policy costs more than the reference, and the reference less than the best static count", () => {
    expect(run.summary.costVsReference).toBeGreaterThan(1);
    expect(run.reference.cost).toBeLessThan(run.best.cost!);
    expect(run.summary.instanceHours).toBeGreaterThan(run.summary.taskHours * 0.99);
  });
});
