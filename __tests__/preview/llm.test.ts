import { LatencyTracker, lengthPoints } from "../../lib/preview/latency-tracker";
import { LengthHistogram } from "../../lib/preview/length-histogram";
import { deriveProfile, GPUS, MODELS, shippedProfile } from "../../lib/preview/llm-profile";
import { LlmServer } from "../../lib/preview/llm-server";
import { describeObjective, parseObjective } from "../../lib/preview/objectives";
import { previewTargetOf } from "../../lib/preview/service-model";
import { calibrationWarnings, simulate } from "../../lib/preview/simulate";
import { traceOf } from "../../lib/preview/trace";
import { configOf, withChat } from "../helpers";

const llama = MODELS["meta-llama/Llama-3.1-8B-Instruct"];

describe("LLM profiles, derived from the model's architecture and the GPU's data sheet", () => {
  const l4 = deriveProfile(llama, GPUS.L4);

  test("decode reads the 16 GB of BF16 weights at 77% of the L4's 300 GB/s: 69.5 ms a step, about 14 tokens/s alone", () => {
    expect(l4.stepSeconds).toBeCloseTo((8.03e9 * 2) / (300e9 * 0.77), 12);
    expect(1 / l4.stepSeconds).toBeCloseTo(14.4, 1);
  });

  test("each context token adds its KV cache read: 2 x 32 layers x 8 heads x 128 dims x 2 bytes = 128 KiB", () => {
    expect(l4.stepSecondsPerContextToken).toBeCloseTo(131072 / (300e9 * 0.77), 15);
  });

  test("prefill at half the dense 121 TFLOPS: about 3,770 prompt tokens a second", () => {
    expect(l4.prefillTokensPerSecond).toBeCloseTo((121e12 * 0.5) / (2 * 8.03e9), 6);
  });

  test("the KV cache holds what 90% of 24 GiB leaves after weights and 1.5 GiB of activations: 42,131 tokens", () => {
    expect(l4.kvCacheTokens).toBe(Math.floor(((24 * 0.9 - 1.5) * 2 ** 30 - 8.03e9 * 2) / 131072));
    expect(l4.kvCacheTokens).toBe(42131);
  });

  test("the A10G has twice the bandwidth (half the step) and less tensor throughput (slower prefill)", () => {
    const a10g = deriveProfile(llama, GPUS.A10G);
    expect(a10g.stepSeconds).toBeCloseTo(l4.stepSeconds / 2, 12);
    expect(a10g.prefillTokensPerSecond).toBeLessThan(l4.prefillTokensPerSecond);
  });

  test("shipped profiles by model and instance family; none for others", () => {
    expect(shippedProfile("meta-llama/Llama-3.1-8B-Instruct", "g6.xlarge")?.gpu).toBe("NVIDIA L4");
    expect(shippedProfile("meta-llama/Llama-3.1-8B-Instruct", "g5.2xlarge")?.gpu).toBe("NVIDIA A10G");
    expect(shippedProfile("meta-llama/Llama-3.1-8B-Instruct", "p4d.24xlarge")).toBeUndefined();
    expect(shippedProfile("mistralai/Mistral-7B-Instruct-v0.3", "g6.xlarge")).toBeUndefined();
  });
});

describe("known answers: one task of the LLM server", () => {
  const profile = deriveProfile(llama, GPUS.L4);
  const server = new LlmServer(profile, 32);
  const mix = { input: 1024, output: 128 };
  const P = profile.prefillTokensPerSecond;
  /** The step with b sequences, restated: the larger of memory and compute time. */
  const step = (b: number, m = mix) => Math.max(profile.stepSeconds + b * (m.input + m.output / 2) * profile.stepSecondsPerContextToken, b * profile.computeSecondsPerSequence);

  test("throughput with b sequences: b / (output x step + b x input / prefill rate)", () => {
    for (const b of [1, 8, 32]) expect(server.throughput(b, mix)).toBeCloseTo(b / (128 * step(b) + (b * 1024) / P), 12);
  });

  test("capacity is the throughput at the most sequences: 32 (MAX_CONCURRENT_REQUESTS) here", () => {
    expect(server.maxConcurrency(mix)).toBe(32);
    expect(server.capacity(mix)).toBeCloseTo(server.throughput(32, mix), 12);
    expect(60 * server.capacity(mix)).toBeCloseTo(95.4, 0);
  });

  test("the KV cache caps long requests: 16,000 input + 500 output tokens leave room for 2 sequences", () => {
    expect(server.maxConcurrency({ input: 16000, output: 500 })).toBe(Math.floor(42131 / 16250));
  });

  test("at a given rate the concurrency is the one whose throughput is that rate; TPOT = step + b x input / (prefill x output)", () => {
    for (const perSecond of [0.2, 0.8, 1.4]) {
      const state = server.state(perSecond, mix);
      expect(server.throughput(state.concurrency, mix)).toBeCloseTo(perSecond, 9);
      expect(state.tpotSeconds).toBeCloseTo(step(state.concurrency) + (state.concurrency * 1024) / (P * 128), 12);
      expect(state.saturated).toBe(false);
    }
  });

  test("beyond its capacity a task runs its most sequences and is saturated", () => {
    const state = server.state(10, mix);
    expect(state).toMatchObject({ concurrency: 32, saturated: true });
  });

  test("time to first token once a slot is free: own prefill plus one step", () => {
    const state = server.state(0.5, mix);
    expect(server.firstTokenSeconds(2048, state)).toBeCloseTo(2048 / P + state.stepSeconds, 12);
  });
});

describe("an LLM service takes its profile from its model and GPU", () => {
  const config = configOf(
    withChat({
      cpu: 3072,
      memory: 12288,
      environment: { MODEL_ID: "meta-llama/Llama-3.1-8B-Instruct", MAX_CONCURRENT_REQUESTS: "16" },
      compute: { type: "gpu", instanceTypes: ["g6.xlarge"], gpusPerTask: 1 },
      scaling: { min: 1, max: 4, policies: [{ type: "requests", target: 60 }] },
    }),
  );
  const target = previewTargetOf(config, "chat");

  test("the L4 profile with the service's MAX_CONCURRENT_REQUESTS, and MLPerf's server objectives", () => {
    expect(target.serving.kind).toBe("llm");
    if (target.serving.kind === "llm") expect(target.serving.server.maxSequences).toBe(16);
    expect(target.objectives.map(describeObjective)).toEqual(["p99 ttft < 2 s", "p99 tpot < 200 ms"]);
    expect(target.derivation[0]).toMatch(/^LLM profile meta-llama\/Llama-3\.1-8B-Instruct on NVIDIA L4: prefill 3767 tokens\/s, decode step 69\.5 ms/);
  });

  test("a trace whose requests carry 9x the profile's tokens is flagged as outside the calibration", () => {
    const heavy = traceOf([60], { inputPerRequest: 9 * 1024, outputPerRequest: 9 * 128 });
    expect(calibrationWarnings(heavy, target)).toEqual([
      "the trace's requests average 9216 input tokens, 9.0x the 1024 the profile's efficiencies were measured at: its prefill figures are extrapolated",
      "the trace's requests average 1152 output tokens, 9.0x the 128 the profile's efficiencies were measured at: its decode figures are extrapolated",
    ]);
    expect(calibrationWarnings(traceOf([60], { inputPerRequest: 1200, outputPerRequest: 200 }), target)).toEqual([]);
  });

  test("a trace without token counts takes the calibration point, and says so", () => {
    expect(calibrationWarnings(traceOf([60]), target)).toEqual([`inline has no token counts: every request is taken as 1024 input and 128 output tokens (--input-tokens, --output-tokens)`]);
  });

  test("capacity follows the token mix: the same request rate is heavier with longer requests", () => {
    const light = simulate(traceOf(Array(30).fill(40), { inputPerRequest: 200, outputPerRequest: 50 }), target, { start: 1 });
    const heavy = simulate(traceOf(Array(30).fill(40), { inputPerRequest: 4000, outputPerRequest: 500 }), target, { start: 1 });
    expect(light.capacity[5]).toBeGreaterThan(4 * heavy.capacity[5]);
  });

  test("a ttft objective on a service without an LLM model is an error", () => {
    const plain = previewTargetOf(configOf(withChat({ preview: { requestsPerMinute: 100 } })), "chat", { objectives: [parseObjective("p99 ttft < 2s")] });
    expect(() => simulate(traceOf([10]), plain)).toThrow("config/test.yaml: services.chat: a ttft objective needs an LLM serving model; this service serves a number of requests a minute (use wait or e2e)");
  });
});

describe("objectives", () => {
  test("read as people write them", () => {
    expect(parseObjective("p99 ttft < 2s")).toEqual({ metric: "ttft", percentile: 99, seconds: 2 });
    expect(parseObjective("P95 TPOT <= 80ms")).toEqual({ metric: "tpot", percentile: 95, seconds: 0.08 });
    expect(parseObjective("p99.9 e2e < 1m")).toEqual({ metric: "e2e", percentile: 99.9, seconds: 60 });
    expect(describeObjective({ metric: "wait", percentile: 50, seconds: 0.5 })).toBe("p50 wait < 500 ms");
  });

  test("anything else is an error saying what is allowed", () => {
    expect(() => parseObjective("ttft under 2 seconds")).toThrow('--objective "ttft under 2 seconds": expected "p<percentile> <ttft|tpot|e2e|wait> < <number><ms|s|m>" such as "p99 ttft < 2s" or "p95 tpot < 80ms"');
    expect(() => parseObjective("p99 gpu < 2s")).toThrow('--objective "p99 gpu < 2s": unknown metric "gpu"; allowed: ttft, tpot, e2e, wait');
    expect(() => parseObjective("p0 ttft < 2s")).toThrow("the percentile must be above 0 and at most 100");
    expect(() => parseObjective(`p99 ttft < 2${"0".repeat(100)}s`)).toThrow("--objective");
  });
});

describe("known answers: counting requests within an objective", () => {
  const minute = { prefillSeconds: 0.5, stepSeconds: 0.1, tpotSeconds: 0.05, meanOutput: 100, responseSeconds: 0 };

  test("waits spread evenly over [0, 4] s with a 0.6 s first token: within 2 s is the share waiting at most 1.4 s", () => {
    const tracker = new LatencyTracker([parseObjective("p99 ttft < 2s")], lengthPoints(undefined), lengthPoints(undefined), false);
    tracker.record(100, 0, 4, minute);
    expect(tracker.results()[0].withinPct).toBeCloseTo((100 * 1.4) / 4, 9);
  });

  test("the tail of the input lengths counts: 1% of requests with 20x the mean input miss a 2 s bound", () => {
    const input = new LengthHistogram();
    input.add(1000, 99);
    input.add(20_000, 1);
    const tracker = new LatencyTracker([parseObjective("p99 ttft < 2s")], lengthPoints(input), lengthPoints(undefined), true);
    // Prefill of the mean input (1,190 tokens) is 0.5 s: 20,000 tokens take about 8.4 s.
    tracker.record(1000, 0, 0, { ...minute, prefillSeconds: 0.5 });
    const [result] = tracker.results();
    expect(result.withinPct).toBeGreaterThan(98.5);
    expect(result.withinPct).toBeLessThan(99.5);
    expect(tracker.distributions!.ttft.percentile(0.995)).toBeGreaterThan(8);
  });

  test("tpot is the minute's: every request of a minute is within or none is", () => {
    const tracker = new LatencyTracker([parseObjective("p99 tpot < 60ms")], lengthPoints(undefined), lengthPoints(undefined), false);
    tracker.record(50, 0, 0, minute);
    tracker.record(50, 0, 0, { ...minute, tpotSeconds: 0.08 });
    expect(tracker.results()[0]).toMatchObject({ withinPct: 50, met: false });
  });
});

describe("known answers: end-to-end latency", () => {
  // 100 requests a minute against a task serving 200: nobody waits, each response takes responseSeconds.
  const target = (objective: string) =>
    previewTargetOf(configOf(withChat({ scaling: { min: 1, max: 1, policies: [{ type: "cpu", target: 60 }] }, preview: { requestsPerMinute: 200, responseSeconds: 3 } })), "chat", {
      objectives: [parseObjective(objective)],
    });

  test("a 3 s response is never within 2 s, and always within 4 s", () => {
    const within = (objective: string) => simulate(traceOf(Array<number>(30).fill(100)), target(objective), { start: 1 }).objectives[0].withinPct;
    expect([within("p99 e2e < 2s"), within("p99 e2e < 4s")]).toEqual([0, 100]);
  });
});
