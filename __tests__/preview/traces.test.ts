import { sharedTracePath } from "../../lib/preview/shared-traces";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readAzureTrace } from "../../lib/preview/azure-trace";
import { PreviewError } from "../../lib/preview/errors";
import { readRateTrace } from "../../lib/preview/rate-trace";
import { DEFAULT_START_MS, readTrace } from "../../lib/preview/read-trace";
import { dailyMean, parseSyntheticSpec, syntheticTrace } from "../../lib/preview/synthetic-trace";
import { scaleTrace, totalRequests } from "../../lib/preview/trace";

const dir = mkdtempSync(join(tmpdir(), "ecs-ai-traces-"));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("the Azure LLM inference format", () => {
  const text = [
    "TIMESTAMP,ContextTokens,GeneratedTokens",
    "2023-11-16 18:15:46.6805900,374,44",
    "2023-11-16 18:15:59.9999999,100,10",
    "2023-11-16 18:17:00.0000000,1000,200",
  ].join("\n");

  test("counts requests and tokens per wall-clock minute from the first request's minute", () => {
    const trace = readAzureTrace(text, "a.csv");
    expect(trace.startMs).toBe(Date.UTC(2023, 10, 16, 18, 15));
    expect(Array.from(trace.requests)).toEqual([2, 0, 1]);
    expect(Array.from(trace.tokens!)).toEqual([528, 0, 1200]);
  });

  test("a malformed row names the file and line", () => {
    expect(() => readAzureTrace(`${text}\n2023-11-16 18:18,12`, "a.csv")).toThrow('a.csv:5: expected TIMESTAMP,ContextTokens,GeneratedTokens such as "2023-11-16 18:15:46.6805900,374,44", got "2023-11-16 18:18,12"');
  });
});

describe("per-window rate traces", () => {
  test("spreads each window's rate (per second) over its minutes; the last window is as long as the one before", () => {
    const trace = readRateTrace("window_start_s,rate\n0,1\n120,2\n", "r.csv", DEFAULT_START_MS);
    expect(Array.from(trace.requests)).toEqual([60, 60, 120, 120]);
    expect(trace.tokens).toBeUndefined();
  });

  test("reads the ServeGen aggregate columns and sums pools of one window", () => {
    const trace = readRateTrace("pool,window_start_s,agg_rate_rps,n_active_clients\na,0,1.5,3\nb,0,0.5,1\na,600,1,2\n", "s.csv", DEFAULT_START_MS);
    expect(trace.requests.length).toBe(20);
    expect(trace.requests[0]).toBe(120);
    expect(trace.requests[10]).toBe(60);
  });

  test("windows that do not start on a minute are split by overlap", () => {
    const trace = readRateTrace("window_start_s,rate\n0,1\n90,0\n", "r.csv", DEFAULT_START_MS);
    expect(Array.from(trace.requests)).toEqual([60, 30, 0]);
  });

  test("the 14-day ServeGen trace: 2,016 windows of 10 minutes", () => {
    const trace = readTrace({ trace: sharedTracePath("servegen-m-large-14d-rate-10min.csv") });
    expect(trace.format).toBe("rate");
    expect(trace.requests.length).toBe(14 * 1440);
    expect(trace.startMs).toBe(Date.UTC(2024, 0, 1));
    expect(trace.requests[0]).toBeCloseTo(212.78 * 60, 6);
  });
});

describe("reading a trace file", () => {
  test("picks the reader by the header", () => {
    expect(readTrace({ trace: file("az.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2024-01-01 00:00:01,1,1\n") }).format).toBe("azure-llm");
    expect(readTrace({ trace: file("rate.csv", "window_start_s,rate\n0,1\n"), startMs: Date.UTC(2024, 5, 1) }).startMs).toBe(Date.UTC(2024, 5, 1));
  });

  test.each([
    ["a missing file", join(dir, "nope.csv"), `trace file not found: ${join(dir, "nope.csv")}`],
    ["an unknown header", file("x.csv", "time,count\n0,1\n"), 'x.csv: unknown trace format (header "time,count"); expected TIMESTAMP,ContextTokens,GeneratedTokens'],
    ["a rate trace without a rate column", file("y.csv", "window_start_s,count\n0,1\n"), "y.csv: a rate trace needs the columns window_start_s and one of rate, agg_rate_rps"],
    ["a directory", dir, "is a directory"],
  ])("%s is a one-line error", (_what, trace, message) => {
    expect(() => readTrace({ trace })).toThrow(PreviewError);
    expect(() => readTrace({ trace })).toThrow(message);
  });

  test("scaling multiplies requests and tokens", () => {
    const trace = scaleTrace(readTrace({ trace: "synthetic:days=0.01,seed=3" }), 2);
    const plain = readTrace({ trace: "synthetic:days=0.01,seed=3" });
    expect(totalRequests(trace)).toBe(2 * totalRequests(plain));
  });
});

describe("the synthetic generator", () => {
  test("one seed, one trace; another seed, another trace", () => {
    const a = syntheticTrace({ days: 1, seed: 7 });
    expect(Array.from(syntheticTrace({ days: 1, seed: 7 }).requests)).toEqual(Array.from(a.requests));
    expect(Array.from(syntheticTrace({ days: 1, seed: 8 }).requests)).not.toEqual(Array.from(a.requests));
  });

  test("follows the daily cycle from trough to peak", () => {
    const options = { days: 2, trough: 100, peak: 900, peakHour: 15, bursts: 0, seed: 1 };
    const trace = syntheticTrace(options);
    const hourMean = (hour: number) => trace.requests.slice(hour * 60, hour * 60 + 60).reduce((a, b) => a + b, 0) / 60;
    expect(dailyMean({ ...options, burstFactor: 1, burstMinutes: 0, tokensPerRequest: 1 }, 15 * 60)).toBe(900);
    expect(hourMean(15)).toBeGreaterThan(850);
    expect(hourMean(3)).toBeLessThan(150);
    expect(trace.tokens![0]).toBe(trace.requests[0] * 1000);
  });

  test("bursts multiply the rate", () => {
    const calm = syntheticTrace({ days: 1, bursts: 0, seed: 2, trough: 200, peak: 200 });
    const bursty = syntheticTrace({ days: 1, bursts: 3, burstFactor: 4, burstMinutes: 20, seed: 2, trough: 200, peak: 200 });
    expect(Math.max(...bursty.requests)).toBeGreaterThan(700);
    expect(Math.max(...calm.requests)).toBeLessThan(300);
  });

  test("settings are read from the --trace value, and wrong ones are named", () => {
    expect(parseSyntheticSpec("synthetic:days=14,peak=600,seed=7")).toEqual({ days: 14, peak: 600, seed: 7 });
    expect(() => parseSyntheticSpec("synthetic:dayz=1")).toThrow('synthetic trace: unknown setting "dayz"; allowed: days, trough, peak');
    expect(() => parseSyntheticSpec("synthetic:bursts=1.5")).toThrow("synthetic trace: bursts=1.5 must be a whole number of 0 or more");
    expect(() => parseSyntheticSpec("synthetic:days=0")).toThrow("synthetic trace: days=0 must be a number greater than 0");
  });
});

describe("finding the shared traces", () => {
  test("beside the project first, then ECS_AI_SHARED_DIR, else the documented relative path", () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = require("node:fs") as typeof import("node:fs");
    const { join } = require("node:path") as typeof import("node:path");
    const dir = mkdtempSync(join(require("node:os").tmpdir(), "shared-"));
    mkdirSync(join(dir, "traces"));
    writeFileSync(join(dir, "traces", "only-here.csv"), "window_start_s,rate\n0,1\n");
    expect(sharedTracePath("azure-llm-inference-conv-2023.csv", { ECS_AI_SHARED_DIR: dir })).toMatch(/shared[\\/]traces[\\/]azure-llm-inference-conv-2023\.csv$/);
    expect(sharedTracePath("only-here.csv", { ECS_AI_SHARED_DIR: dir })).toBe(join(dir, "traces", "only-here.csv"));
    expect(sharedTracePath("nowhere.csv", {})).toBe(join("..", "shared", "traces", "nowhere.csv"));
  });
});
