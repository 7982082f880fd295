import { skipTokenTraceFormatting } from "../../lib/app/token-traces";

describe("token trace formatting", () => {
  const original = Error.prepareStackTrace;
  afterEach(() => {
    Error.prepareStackTrace = original;
  });

  function capture(target: object): string {
    Error.captureStackTrace(target);
    return (target as { stack: string }).stack;
  }

  test("skips formatting for plain-object captures (cdktf's token traces)", () => {
    skipTokenTraceFormatting({});
    expect(capture({ stack: "" })).toBe("");
  });

  test("real errors are formatted by the formatter that was installed before", () => {
    Error.prepareStackTrace = (error, frames) => `formatted ${String(error)} with ${frames.length > 0 ? "frames" : "none"}`;
    skipTokenTraceFormatting({});
    expect(new TypeError("bad token").stack).toBe("formatted TypeError: bad token with frames");
  });

  test("without a formatter, real errors are formatted as V8 does: message, then one frame per line", () => {
    delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
    skipTokenTraceFormatting({});
    const stack = new TypeError("bad token").stack!.split("\n");
    expect(stack[0]).toBe("TypeError: bad token");
    expect(stack[1]).toMatch(/^    at .*token-traces\.test\.ts:\d+:\d+\)?$/);
  });

  test("ECS_AI_TOKEN_TRACES=1 leaves the formatter alone", () => {
    const before = Error.prepareStackTrace;
    skipTokenTraceFormatting({ ECS_AI_TOKEN_TRACES: "1" });
    expect(Error.prepareStackTrace).toBe(before);
  });
});
