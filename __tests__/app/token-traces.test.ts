import { skipTokenTraceFormatting } from "../../lib/app/token-traces";

describe("token trace formatting", () => {
  const original = Error.prepareStackTrace;
  const clear = () => delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
  afterEach(() => {
    Error.prepareStackTrace = original;
  });

  function capture(target: object): string {
    Error.captureStackTrace(target);
    return (target as { stack: string }).stack;
  }

  test("skips formatting for plain-object captures (cdktf's token traces)", () => {
    clear();
    skipTokenTraceFormatting({});
    expect(capture({ stack: "" })).toBe("");
  });

  test("formats real errors the way Node does: message, then one frame per line", () => {
    clear();
    skipTokenTraceFormatting({});
    const stack = new TypeError("bad token").stack!;
    expect(stack.split("\n")[0]).toBe("TypeError: bad token");
    expect(stack.split("\n")[1]).toMatch(/^    at .*token-traces\.test\.ts:\d+:\d+\)?$/);
  });

  test("ECS_AI_TOKEN_TRACES=1 keeps every trace", () => {
    clear();
    skipTokenTraceFormatting({ ECS_AI_TOKEN_TRACES: "1" });
    expect(Error.prepareStackTrace).toBeUndefined();
  });
});
