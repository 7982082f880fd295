import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { PreviewError } from "../../lib/preview/errors";
import { LengthHistogram } from "../../lib/preview/length-histogram";
import { DEFAULT_START_MS, parseTimeBound, readTrace, readTraceStream } from "../../lib/preview/read-trace";
import { sharedTracePath } from "../../lib/preview/shared-traces";
import { dailyMean, parseSyntheticSpec, SYNTHETIC_DEFAULTS, syntheticTrace } from "../../lib/preview/synthetic-trace";
import { scaleTrace, totalRequests, type Trace } from "../../lib/preview/trace";

// Small fixtures of every format, written here and removed after.
const dir = mkdtempSync(join(tmpdir(), "ecs-ai-traces-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const counts = (trace: Trace) => Array.from(trace.requests);

describe("Azure LLM inference traces", () => {
  const azure2023 = ["TIMESTAMP,ContextTokens,GeneratedTokens", "2023-11-16 18:15:46.6805900,374,44", "2023-11-16 18:15:59.9999999,100,10", "2023-11-16 18:17:00.0000000,1000,200"].join("\n");

  test("2023: requests and input/output tokens per wall-clock minute from the first request's minute", async () => {
    const trace = await readTrace({ trace: file("azure-2023.csv", azure2023) });
    expect(trace.format).toBe("azure-llm");
    expect(trace.startMs).toBe(Date.UTC(2023, 10, 16, 18, 15));
    expect(counts(trace)).toEqual([2, 0, 1]);
    expect(Array.from(trace.inputTokens!)).toEqual([474, 0, 1000]);
    expect(Array.from(trace.outputTokens!)).toEqual([54, 0, 200]);
    expect(trace.lengths!.input.count).toBe(3);
  });

  test("2024: timestamps with a +00:00 offset (and others) are read as the instant they name", async () => {
    const text = ["TIMESTAMP,ContextTokens,GeneratedTokens", "2024-05-10 00:00:00.009930+00:00,4808,10", "2024-05-10 02:00:30.5+02:00,100,10", "2024-05-10T00:02:00Z,7,7"].join("\n");
    const trace = await readTrace({ trace: file("azure-2024.csv", text) });
    expect(trace.startMs).toBe(Date.UTC(2024, 4, 10, 0, 0));
    expect(counts(trace)).toEqual([2, 0, 1]);
  });

  test("rows need not be sorted; CRLF line ends are fine", async () => {
    const trace = await readTrace({ trace: file("unsorted.csv", ["TIMESTAMP,ContextTokens,GeneratedTokens", "2024-05-10 00:02:00,1,1", "2024-05-10 00:00:00,1,1"].join("\r\n")) });
    expect(counts(trace)).toEqual([1, 0, 1]);
  });

  test("a malformed row names the file and line and shows the expected shapes", async () => {
    const path = file("bad.csv", `${azure2023}\n2023-11-16 18:18,12`);
    await expect(readTrace({ trace: path })).rejects.toThrow(
      `${path}:5: expected TIMESTAMP,ContextTokens,GeneratedTokens such as "2023-11-16 18:15:46.6805900,374,44" or "2024-05-10 00:00:00.009930+00:00,374,44", got "2023-11-16 18:18,12"`,
    );
  });
});

describe("Mooncake JSONL", () => {
  const mooncake = [
    '{"timestamp": 0, "input_length": 6755, "output_length": 500, "hash_ids": [0, 1, 2]}',
    '{"timestamp": 3052, "input_length": 7319, "output_length": 490, "hash_ids": [0, 14]}',
    '{"timestamp": 65000, "input_length": 655, "output_length": 52, "hash_ids": [46]}',
  ].join("\n");

  test("timestamps are milliseconds from the first request, placed at --start", async () => {
    const trace = await readTrace({ trace: file("mooncake.jsonl", mooncake), startMs: Date.UTC(2024, 2, 1) });
    expect(trace.format).toBe("mooncake");
    expect(trace.startMs).toBe(Date.UTC(2024, 2, 1));
    expect(counts(trace)).toEqual([2, 1]);
    expect(Array.from(trace.inputTokens!)).toEqual([6755 + 7319, 655]);
    expect(Array.from(trace.outputTokens!)).toEqual([990, 52]);
  });

  test("a line without the keys names the file and line", async () => {
    const path = file("bad.jsonl", `${mooncake}\n{"timestamp": 1}`);
    await expect(readTrace({ trace: path })).rejects.toThrow(`${path}:4: expected a JSON object with timestamp (ms), input_length and output_length of 0 or more`);
  });
});

describe("BurstGPT CSV", () => {
  const burst = [
    "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type",
    "5,ChatGPT,472,18,490,Conversation log",
    "45,GPT-4,1087,0,1087,Conversation log",
    "61,ChatGPT,100,200,300,API log",
    "62,GPT-4,90,9,99,API log",
  ].join("\n");

  test("seconds from the trace start; failed requests (0 response tokens) are kept and noted", async () => {
    const trace = await readTrace({ trace: file("burst.csv", burst) });
    expect(trace.format).toBe("burstgpt");
    expect(trace.startMs).toBe(DEFAULT_START_MS);
    expect(counts(trace)).toEqual([2, 2]);
    expect(trace.notes).toEqual(["1 failed requests (0 response tokens) kept as arrivals that generate nothing"]);
  });

  test("--model keeps one model's requests", async () => {
    const trace = await readTrace({ trace: file("burst-model.csv", burst), model: "GPT-4" });
    expect(counts(trace)).toEqual([1, 1]);
    expect(Array.from(trace.inputTokens!)).toEqual([1087, 90]);
    expect(trace.notes).toContain("model GPT-4 only: 2 of 4 requests");
  });

  test("an unknown model lists the models the trace has", async () => {
    await expect(readTrace({ trace: file("burst-none.csv", burst), model: "GPT-5" })).rejects.toThrow(/--model GPT-5: no request of .* is of that model; models: ChatGPT, GPT-4$/);
  });

  test("a format without a model column says so", async () => {
    const path = file("azure-model.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2024-05-10 00:00:00,1,1\n");
    await expect(readTrace({ trace: path, model: "x" })).rejects.toThrow(`--model: ${path} is a Azure LLM inference trace (2023, 2024), whose rows name no model`);
  });
});

describe("per-window rate traces", () => {
  test("spreads each window's rate (per second) over its minutes; the last window is as long as the one before", async () => {
    const trace = await readTrace({ trace: file("rate.csv", "window_start_s,rate\n0,1\n120,2\n") });
    expect(counts(trace)).toEqual([60, 60, 120, 120]);
    expect(trace.inputTokens).toBeUndefined();
  });

  test("reads the ServeGen aggregate columns and sums the pools of one window", async () => {
    const trace = await readTrace({ trace: file("servegen.csv", "pool,window_start_s,agg_rate_rps,n_active_clients\na,0,1.5,3\nb,0,0.5,1\na,600,1,2\n") });
    expect(trace.requests.length).toBe(20);
    expect(trace.requests[0]).toBe(120);
    expect(trace.requests[10]).toBe(60);
  });

  test("windows that do not start on a minute are split by overlap", async () => {
    const trace = await readTrace({ trace: file("split.csv", "window_start_s,rate\n0,1\n90,0\n") });
    expect(counts(trace)).toEqual([60, 30, 0]);
  });

  test("windows out of time order are an error naming the line", async () => {
    const path = file("order.csv", "window_start_s,rate\n600,1\n0,1\n");
    await expect(readTrace({ trace: path })).rejects.toThrow(`${path}:3: window_start_s 0 comes after 600; windows must be in time order`);
  });

  test("the 14-day ServeGen trace: 2,016 windows of 10 minutes", async () => {
    const trace = await readTrace({ trace: sharedTracePath("servegen-m-large-14d-rate-10min.csv") });
    expect(trace.format).toBe("rate");
    expect(trace.requests.length).toBe(14 * 1440);
  });
});

describe("a generic CSV with a column mapping", () => {
  const text = ["id,ts,prompt_tokens,completion_tokens,model", "a,1715299200.5,10,20,m1", "b,1715299260,30,40,m2", "c,1715299265,5,5,m1"].join("\n");

  test("epoch seconds, token and model columns", async () => {
    const trace = await readTrace({
      trace: file("generic.csv", text),
      columns: { time: "ts", timeUnit: "epoch-s", input: "prompt_tokens", output: "completion_tokens", model: "model" },
    });
    expect(trace.format).toBe("csv");
    expect(trace.startMs).toBe(Date.UTC(2024, 4, 10, 0, 0));
    expect(counts(trace)).toEqual([1, 2]);
    expect(Array.from(trace.outputTokens!)).toEqual([20, 45]);
  });

  test("relative seconds from --start, without tokens, one model", async () => {
    const relative = ["t,model", "0,x", "59,y", "60,x"].join("\n");
    const trace = await readTrace({ trace: file("relative.csv", relative), columns: { time: "t", timeUnit: "s", model: "model" }, model: "x" });
    expect(counts(trace)).toEqual([1, 1]);
    expect(trace.inputTokens).toBeUndefined();
  });

  test("--from as an offset on relative times (--time-unit s) counts from --start, not from the first row", async () => {
    const trace = await readTrace({ trace: file("relative-window.csv", "ts\n3600\n7200\n7300"), columns: { time: "ts", timeUnit: "s" }, from: parseTimeBound("1h", "--from") });
    expect(trace.startMs).toBe(DEFAULT_START_MS + 3_600_000);
    expect(totalRequests(trace)).toBe(3);
  });

  test("--from as an offset on epoch times (--time-unit epoch-s) counts from the first row", async () => {
    const first = Date.UTC(2024, 4, 10) / 1000;
    const trace = await readTrace({ trace: file("epoch-window.csv", `ts\n${first}\n${first + 3600}\n${first + 3700}`), columns: { time: "ts", timeUnit: "epoch-s" }, from: parseTimeBound("1h", "--from") });
    expect(trace.startMs).toBe(Date.UTC(2024, 4, 10, 1, 0));
    expect(totalRequests(trace)).toBe(2);
  });

  test("a mapped column that is not in the header is an error listing the header", async () => {
    const path = file("generic-bad.csv", text);
    await expect(readTrace({ trace: path, columns: { time: "timestamp", timeUnit: "iso" } })).rejects.toThrow(
      `${path}: --columns time=timestamp: there is no column "timestamp"; the header has "id", "ts", "prompt_tokens", "completion_tokens", "model"`,
    );
  });

  test("quoted fields with commas are one field", async () => {
    const quoted = ['name,"ts"', '"a, b",2024-05-10T00:00:00Z', '"c ""d""",2024-05-10T00:01:00Z'].join("\n");
    const trace = await readTrace({ trace: file("quoted.csv", quoted), columns: { time: "ts", timeUnit: "iso" } });
    expect(counts(trace)).toEqual([1, 1]);
  });
});

describe("gzip, time windows and unknown input", () => {
  const azure = ["TIMESTAMP,ContextTokens,GeneratedTokens", ...Array.from({ length: 180 }, (_, m) => `2024-05-10 ${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}:10,100,10`)].join("\n");

  test("a gzip file is recognised by its first bytes, whatever its name", async () => {
    const plain = await readTrace({ trace: file("w.csv", azure) });
    const zipped = await readTrace({ trace: file("w.data", gzipSync(azure)) });
    expect(counts(zipped)).toEqual(counts(plain));
    expect(zipped.source).toMatch(/w\.data$/);
  });

  test("--from and --to as times keep [from, to)", async () => {
    const trace = await readTrace({ trace: file("w2.csv", azure), from: parseTimeBound("2024-05-10T01:00:00Z", "--from"), to: parseTimeBound("2024-05-10T01:30:00Z", "--to") });
    expect(trace.startMs).toBe(Date.UTC(2024, 4, 10, 1, 0));
    expect(totalRequests(trace)).toBe(30);
  });

  test("--from and --to as offsets count from the trace's first row", async () => {
    const trace = await readTrace({ trace: file("w3.csv", azure), from: parseTimeBound("1h", "--from"), to: parseTimeBound("1h30m", "--to") });
    expect(trace.startMs).toBe(Date.UTC(2024, 4, 10, 1, 0));
    expect(totalRequests(trace)).toBe(30);
  });

  test("a window with nothing in it, and bounds that are neither times nor offsets, are errors", async () => {
    await expect(readTrace({ trace: file("w4.csv", azure), from: parseTimeBound("2025-01-01T00:00:00Z", "--from") })).rejects.toThrow("no request falls in the window given by --from/--to");
    expect(() => parseTimeBound("yesterday", "--from")).toThrow("--from yesterday: expected a time such as 2024-05-10T06:00:00Z or an offset from the trace's start such as 6h, 90m or 1d12h");
  });

  test("an unknown first line lists the formats", async () => {
    const path = file("other.csv", "a,b\n1,2\n");
    await expect(readTrace({ trace: path })).rejects.toThrow(`${path}: unknown trace format (first line "a,b"); expected one of: Azure LLM inference trace (2023, 2024) (TIMESTAMP,ContextTokens,GeneratedTokens); BurstGPT CSV trace`);
  });

  test("a truncated gzip file says its data ends early", async () => {
    const whole = gzipSync(azure);
    const path = file("truncated.csv.gz", whole.subarray(0, whole.length - 20));
    await expect(readTrace({ trace: path })).rejects.toThrow(`trace file ${path} cannot be read: the gzip data ends early (truncated file?)`);
  });

  test("a time outside JavaScript's dates (wrong unit, 1e300) is an error naming the file and line", async () => {
    const csv = file("nanoseconds.csv", "ts,in,out\n1700000000000000000,10,5\n1700000000060000000,10,5");
    await expect(readTrace({ trace: csv, columns: { time: "ts", timeUnit: "epoch-ms", input: "in", output: "out" } })).rejects.toThrow(
      `${csv}:2: a time of 1700000000000000000 ms from 1970 is outside the dates the preview can handle (at most 8640000000000000 ms, about 275,000 years, either side of 1970); check the time column and its unit`,
    );
    const jsonl = file("far.jsonl", ['{"timestamp": 0, "input_length": 1, "output_length": 1}', '{"timestamp": 1e300, "input_length": 1, "output_length": 1}'].join("\n"));
    await expect(readTrace({ trace: jsonl })).rejects.toThrow(`${jsonl}:2: a time of 1e+300 ms from 1970 is outside the dates the preview can handle`);
  });

  test("a missing file, a directory and an empty file are one-line errors", async () => {
    await expect(readTrace({ trace: join(dir, "nope.csv") })).rejects.toThrow(`trace file not found: ${join(dir, "nope.csv")}`);
    await expect(readTrace({ trace: dir })).rejects.toThrow(PreviewError);
    await expect(readTrace({ trace: file("empty.csv", "") })).rejects.toThrow("the trace file is empty");
  });
});

describe("streaming: memory follows the days a trace spans, not its size", () => {
  /** `lines` Azure rows over one day, generated as the stream is read (nothing held). */
  function* rows(lines: number): Generator<string> {
    yield "TIMESTAMP,ContextTokens,GeneratedTokens\n";
    let chunk = "";
    for (let i = 0; i < lines; i++) {
      const second = Math.floor((i * 86_399) / lines);
      const time = `2024-05-10 ${String(Math.floor(second / 3600)).padStart(2, "0")}:${String(Math.floor(second / 60) % 60).padStart(2, "0")}:${String(second % 60).padStart(2, "0")}.123456+00:00`;
      chunk += `${time},${100 + (i % 900)},${10 + (i % 90)}\n`;
      if (chunk.length > 64 * 1024) {
        yield chunk;
        chunk = "";
      }
    }
    yield chunk;
  }

  test("200,000 rows (8 MB) in one day: the heap retained after the first quarter does not grow with the other three", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const retained = () => {
      gc();
      return getHeapStatistics().used_heap_size;
    };
    const samples: number[] = [];
    let chunks = 0;
    const source = Readable.from(
      (function* () {
        for (const chunk of rows(200_000)) {
          // About 125 chunks of 64 KB: sample at a quarter and at the end.
          if (++chunks === 32) samples.push(retained());
          yield chunk;
        }
        samples.push(retained());
      })(),
    );
    const trace = await readTraceStream(source, "generated");
    expect(totalRequests(trace)).toBe(200_000);
    expect(trace.requests.length).toBe(1440);
    // Three quarters of the text (6 MB) went through between the samples; what the reader keeps is
    // three 1,440-minute arrays and two histograms. bench/preview.ts streams 1 GB and reports the peak RSS.
    expect(samples[1] - samples[0]).toBeLessThan(1024 * 1024);
  });
});

describe("length histograms", () => {
  test("quantiles within the 4.4% width of a bin", () => {
    const h = new LengthHistogram();
    for (let i = 1; i <= 10_000; i++) h.add(i);
    expect(h.mean).toBeCloseTo(5000.5, 6);
    for (const q of [0.1, 0.5, 0.9, 0.99]) expect(Math.abs(h.quantile(q) / (q * 10_000) - 1)).toBeLessThan(0.045);
    expect(h.quantile(1)).toBe(10_000);
  });
});

describe("the synthetic generator", () => {
  test("a daily cosine from trough to peak, reproducible from its seed, with its token counts", () => {
    const options = { days: 1, trough: 100, peak: 400, bursts: 0, seed: 3 };
    const a = syntheticTrace(options);
    expect(counts(a)).toEqual(counts(syntheticTrace(options)));
    expect(dailyMean({ ...SYNTHETIC_DEFAULTS, ...options }, 15 * 60)).toBe(400);
    expect(a.inputTokens![0]).toBe(a.requests[0] * 1000);
    expect(a.outputTokens![0]).toBe(a.requests[0] * 200);
  });

  test("settings are checked, naming the allowed keys", () => {
    expect(() => parseSyntheticSpec("synthetic:days=0")).toThrow("synthetic trace: days=0 must be a number greater than 0");
    expect(() => parseSyntheticSpec("synthetic:nope=1")).toThrow("synthetic trace: unknown setting \"nope\"; allowed: days, trough, peak, peakHour, bursts, burstFactor, burstMinutes, inputTokens, outputTokens, seed");
  });

  test("days spans at least one minute and at most the ten years a trace file may span", () => {
    const allowed = "must be at least 0.000695 (one minute) and at most 3660 (ten years, the longest span a trace file may cover)";
    expect(() => parseSyntheticSpec("synthetic:days=0.0001")).toThrow(`synthetic trace: days=0.0001 ${allowed}`);
    expect(() => parseSyntheticSpec("synthetic:days=1e9")).toThrow(`synthetic trace: days=1e9 ${allowed}`);
    expect(parseSyntheticSpec("synthetic:days=0.000695")).toEqual({ days: 0.000695 });
    expect(parseSyntheticSpec("synthetic:days=3660")).toEqual({ days: 3660 });
  });

  test("a synthetic trace without requests is an error, as a trace file without any is", async () => {
    await expect(readTrace({ trace: "synthetic:days=0.01,trough=0,peak=0" })).rejects.toThrow(/^synthetic:days=0\.01,trough=0,peak=0,.*seed=1: the trace has no requests$/);
  });

  test("scaling multiplies requests and tokens", () => {
    const t = syntheticTrace({ days: 0.01, bursts: 0 });
    const doubled = scaleTrace(t, 2);
    expect(doubled.requests[0]).toBe(2 * t.requests[0]);
    expect(doubled.inputTokens![0]).toBe(2 * t.inputTokens![0]);
  });
});
