/**
 * cdktf records a complete stack trace for every token it creates (about a thousand per
 * synth of the shipped configs), only to explain a token that later fails to resolve.
 * Formatting those traces is about a tenth of a synth. The synth entry point calls this
 * to skip the formatting for cdktf's captures (plain objects, not errors); stack traces of
 * real errors are formatted as before, by the formatter that was installed. Set
 * ECS_AI_TOKEN_TRACES=1 to keep them all when debugging a token that does not resolve.
 */
export function skipTokenTraceFormatting(env: NodeJS.ProcessEnv = process.env): void {
  if (env.ECS_AI_TOKEN_TRACES === "1") return;
  const format = Error.prepareStackTrace;
  Error.prepareStackTrace = (target: unknown, frames: NodeJS.CallSite[]) => {
    if (!(target instanceof Error)) return "";
    if (format) return format(target, frames);
    return `${Error.prototype.toString.call(target)}${frames.map((frame) => `\n    at ${frame}`).join("")}`;
  };
}
