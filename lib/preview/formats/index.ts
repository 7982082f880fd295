import { azureFormat } from "./azure";
import { burstGptFormat } from "./burstgpt";
import type { TraceFormat } from "./format";
import { genericCsvFormat } from "./generic-csv";
import { mooncakeFormat } from "./mooncake";
import { rateFormat } from "./rate";

/** Every trace format, in the order a file's first line is tried against them. */
export const TRACE_FORMATS: readonly TraceFormat[] = [azureFormat, burstGptFormat, mooncakeFormat, rateFormat, genericCsvFormat];

/** Format names `--format` accepts. */
export const FORMAT_NAMES = TRACE_FORMATS.map((f) => f.name);

/** The format whose first line this is, or undefined. */
export function detectFormat(firstLine: string): TraceFormat | undefined {
  return TRACE_FORMATS.find((f) => f.matches(firstLine));
}

/** The format of a name, or undefined. */
export function formatNamed(name: string): TraceFormat | undefined {
  return TRACE_FORMATS.find((f) => f.name === name);
}

export type { ColumnMapping, FormatContext, LineReader, RecordSink, TimeUnit, TraceFormat } from "./format";
export { TIME_UNITS } from "./format";
