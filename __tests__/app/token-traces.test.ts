import { skipTokenTraces, TOKEN_TRACES_CDKTF_VERSION } from "../../lib/app/token-traces";

interface FreshCdktf {
  readonly skipTokenTraces: typeof skipTokenTraces;
  /** The creation trace cdktf records for a new token. */
  readonly creationStackOfNewToken: () => string[];
}

/**
 * Runs `body` with cdktf and the patch loaded afresh (jest.isolateModules), so each test
 * starts from cdktf's own capture. Everything that requires modules runs inside `body`.
 */
function withFreshCdktf(body: (fresh: FreshCdktf) => void): void {
  jest.isolateModules(() => {
    const { Lazy } = require("cdktf") as typeof import("cdktf");
    const traces = require("../../lib/app/token-traces") as typeof import("../../lib/app/token-traces");
    body({
      skipTokenTraces: traces.skipTokenTraces,
      creationStackOfNewToken: () => (Lazy.anyValue({ produce: () => 1 }) as unknown as { creationStack: string[] }).creationStack,
    });
  });
}

describe("token creation traces", () => {
  test(`the patch is written against cdktf ${TOKEN_TRACES_CDKTF_VERSION}: check lib/app/token-traces.ts before changing cdktf`, () => {
    expect(require("cdktf/package.json").version).toBe(TOKEN_TRACES_CDKTF_VERSION);
    expect(typeof require("cdktf/lib/tokens/private/stack-trace").captureStackTrace).toBe("function");
  });

  test("without the patch cdktf records a trace for each token (so the patch has something to skip)", () => {
    withFreshCdktf(({ creationStackOfNewToken }) => {
      expect(creationStackOfNewToken().length).toBeGreaterThan(0);
    });
  });

  test("with the patch cdktf's tokens get no trace; the returned function puts cdktf's capture back", () => {
    withFreshCdktf(({ skipTokenTraces, creationStackOfNewToken }) => {
      const restore = skipTokenTraces({});
      expect(creationStackOfNewToken()).toEqual([]);
      restore();
      expect(creationStackOfNewToken().length).toBeGreaterThan(0);
    });
  });

  test("ECS_AI_TOKEN_TRACES=1 keeps the traces", () => {
    withFreshCdktf(({ skipTokenTraces, creationStackOfNewToken }) => {
      skipTokenTraces({ ECS_AI_TOKEN_TRACES: "1" });
      expect(creationStackOfNewToken().length).toBeGreaterThan(0);
    });
  });

  test("errors keep their stack traces: the formatter is left alone", () => {
    const formatter = Error.prepareStackTrace;
    const restore = skipTokenTraces({});
    try {
      expect(Error.prepareStackTrace).toBe(formatter);
      const stack = new TypeError("bad token").stack!.split("\n");
      expect(stack[0]).toBe("TypeError: bad token");
      expect(stack[1]).toMatch(/token-traces\.test\.ts:\d+:\d+\)?$/);
    } finally {
      restore();
    }
  });
});
