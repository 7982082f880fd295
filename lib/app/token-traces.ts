/**
 * cdktf records a complete stack trace for every token it creates (about a thousand per
 * synth of the shipped configs, one per reference, list attribute and dynamic block), only
 * to explain a token that later fails to resolve. Capturing and formatting those traces is
 * a tenth of a synth, and more for large environments.
 *
 * cdktf captures them in one function, `captureStackTrace` of
 * `cdktf/lib/tokens/private/stack-trace` (cdktf {@link TOKEN_TRACES_CDKTF_VERSION}); its
 * callers (`Lazy`, `Intrinsic`, `ComplexResolvable`, dynamic blocks and expressions) look
 * the function up on that module each time they call it. {@link skipTokenTraces} replaces
 * only that export, so every other stack trace in the process (errors, other libraries) is
 * captured and formatted as before. A token that fails to resolve is still reported, without
 * the "Object creation stack" lines; set ECS_AI_TOKEN_TRACES=1 to keep them when debugging one.
 */

/** The cdktf release whose trace capture {@link skipTokenTraces} replaces (a test pins it). */
export const TOKEN_TRACES_CDKTF_VERSION = "0.21.0";

/** The module of cdktf that captures the traces, and the function it exports for it. */
const CAPTURE_MODULE = "cdktf/lib/tokens/private/stack-trace";

interface CaptureModule {
  captureStackTrace: (below?: unknown) => string[];
}

/** What cdktf gets instead of a trace: no frames, as it gets from a capture that found none. */
const noTrace = (): string[] => [];

/**
 * Makes cdktf skip its token creation traces (see the module comment). Returns a function
 * that puts cdktf's own capture back; does nothing (and returns a function that does
 * nothing) when ECS_AI_TOKEN_TRACES=1 or when the installed cdktf has no such module.
 */
export function skipTokenTraces(env: NodeJS.ProcessEnv = process.env): () => void {
  if (env.ECS_AI_TOKEN_TRACES === "1") return () => undefined;
  let capture: CaptureModule;
  try {
    capture = require(CAPTURE_MODULE) as CaptureModule;
  } catch {
    return () => undefined;
  }
  const original = capture.captureStackTrace;
  if (typeof original !== "function") return () => undefined;
  capture.captureStackTrace = noTrace;
  return () => {
    capture.captureStackTrace = original;
  };
}
