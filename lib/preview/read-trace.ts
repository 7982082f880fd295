import { readFileSync, statSync } from "node:fs";
import { AZURE_HEADER, readAzureTrace } from "./azure-trace";
import { PreviewError } from "./errors";
import { readRateTrace } from "./rate-trace";
import { parseSyntheticSpec, syntheticTrace } from "./synthetic-trace";
import type { Trace } from "./trace";

/** Where a trace comes from: a CSV file, or `synthetic[:key=value,...]`. */
export interface TraceRequest {
  /** A file path, or `synthetic[:days=..,peak=..,...]`. */
  readonly trace: string;
  /** Start time (epoch ms) of rate and synthetic traces, which carry none. @default 2024-01-01T00:00:00Z, a Monday */
  readonly startMs?: number;
}

export const DEFAULT_START_MS = Date.UTC(2024, 0, 1);

/**
 * Reads a trace, picking the reader by the file's header: the Azure LLM inference CSV
 * (`TIMESTAMP,ContextTokens,GeneratedTokens`) or a per-window rate CSV (`window_start_s` and
 * `rate` or `agg_rate_rps`). Throws a PreviewError naming the file for anything else.
 */
export function readTrace(request: TraceRequest): Trace {
  const startMs = request.startMs ?? DEFAULT_START_MS;
  if (request.trace === "synthetic" || request.trace.startsWith("synthetic:")) return syntheticTrace(parseSyntheticSpec(request.trace), startMs);
  const file = request.trace;
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw new PreviewError(`trace ${file} is a directory; give a CSV file`);
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof PreviewError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new PreviewError(code === "ENOENT" ? `trace file not found: ${file}` : `trace file ${file} cannot be read: ${code ?? (error as Error).message}`);
  }
  const firstLine = text.slice(0, text.indexOf("\n") >= 0 ? text.indexOf("\n") : text.length).trim();
  const columns = firstLine.split(",").map((c) => c.trim());
  if (columns.join(",") === AZURE_HEADER.join(",")) return readAzureTrace(text, file);
  if (columns.includes("window_start_s")) return readRateTrace(text, file, startMs);
  throw new PreviewError(
    `${file}: unknown trace format (header "${firstLine.slice(0, 80)}"); expected ${AZURE_HEADER.join(",")} (Azure LLM inference), window_start_s,rate or pool,window_start_s,agg_rate_rps,n_active_clients (per-window rates), or --trace synthetic[:days=1,peak=400,...]`,
  );
}
