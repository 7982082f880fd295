import { PreviewError } from "./errors";
import { MINUTE_MS, Trace } from "./trace";

/** The header of the Azure LLM inference traces (Azure/AzurePublicDataset, 2023). */
export const AZURE_HEADER = ["TIMESTAMP", "ContextTokens", "GeneratedTokens"] as const;

/** `2023-11-16 18:15:46.6805900` (or with `T`, optionally ending in `Z`): wall-clock UTC. */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z?$/;

/**
 * Reads an Azure LLM inference trace, one request per row (`TIMESTAMP,ContextTokens,GeneratedTokens`),
 * into requests and tokens per minute. Minute 0 is the minute of the earliest request; timestamps
 * are taken as UTC. Rows need not be sorted.
 */
export function readAzureTrace(text: string, source: string): Trace {
  const lines = text.split(/\r?\n/);
  const times: number[] = [];
  const tokens: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "") continue;
    const [stamp, context, generated, extra] = line.split(",");
    const match = TIMESTAMP.exec(stamp?.trim() ?? "");
    const contextTokens = Number(context);
    const generatedTokens = Number(generated);
    if (!match || extra !== undefined || context === undefined || generated === undefined || !(contextTokens >= 0) || !(generatedTokens >= 0)) {
      throw new PreviewError(`${source}:${i + 1}: expected TIMESTAMP,ContextTokens,GeneratedTokens such as "2023-11-16 18:15:46.6805900,374,44", got "${line.slice(0, 80)}"`);
    }
    const [, y, mo, d, h, mi, s, fraction] = match;
    // Whole milliseconds: an epoch in ms has no room left in a double for the 100 ns digits.
    const ms = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
    times.push(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) + ms);
    tokens.push(contextTokens + generatedTokens);
  }
  if (times.length === 0) throw new PreviewError(`${source}: the trace has no requests`);
  let first = Infinity;
  let last = -Infinity;
  for (const t of times) {
    if (t < first) first = t;
    if (t > last) last = t;
  }
  const startMs = Math.floor(first / MINUTE_MS) * MINUTE_MS;
  const minutes = Math.floor((last - startMs) / MINUTE_MS) + 1;
  const requestsPerMinute = new Float64Array(minutes);
  const tokensPerMinute = new Float64Array(minutes);
  for (let i = 0; i < times.length; i++) {
    const minute = Math.floor((times[i] - startMs) / MINUTE_MS);
    requestsPerMinute[minute] += 1;
    tokensPerMinute[minute] += tokens[i];
  }
  return { source, format: "azure-llm", startMs, requests: requestsPerMinute, tokens: tokensPerMinute };
}
