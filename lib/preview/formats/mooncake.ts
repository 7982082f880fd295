import { PreviewError } from "../errors";
import { shown } from "./csv";
import type { TraceFormat } from "./format";

/**
 * Mooncake traces (kvcache-ai/Mooncake, FAST'25), JSON lines:
 * `{"timestamp": 27482, "input_length": 655, "output_length": 52, "hash_ids": [46, 47]}` with
 * `timestamp` in milliseconds since the first request; other keys are ignored.
 * Source: https://github.com/kvcache-ai/Mooncake (README, "Open source trace").
 */
export const mooncakeFormat: TraceFormat = {
  name: "mooncake",
  title: "Mooncake JSONL trace",
  example: '{"timestamp": 0, "input_length": 6755, "output_length": 500, "hash_ids": [...]}',
  wallClock: () => false,
  hasModels: false,
  matches: (first) => {
    const text = first.trim();
    if (!text.startsWith("{")) return false;
    try {
      const row = JSON.parse(text) as Record<string, unknown>;
      return "timestamp" in row && "input_length" in row;
    } catch {
      return false;
    }
  },
  open: (context, sink) => ({
    line(text, number) {
      const trimmed = text.trim();
      if (trimmed === "") return;
      let row: Record<string, unknown> | undefined;
      try {
        row = JSON.parse(trimmed) as Record<string, unknown>;
      } catch {
        row = undefined;
      }
      const time = row?.timestamp;
      const input = row?.input_length;
      const output = row?.output_length;
      if (typeof time !== "number" || typeof input !== "number" || typeof output !== "number" || !(time >= 0) || !(input >= 0) || !(output >= 0)) {
        throw new PreviewError(
          `${context.source}:${number}: expected a JSON object with timestamp (ms), input_length and output_length of 0 or more such as {"timestamp": 0, "input_length": 655, "output_length": 52}, got ${shown(trimmed)}`,
        );
      }
      sink.request(context.startMs + time, input, output);
    },
    end() {},
  }),
};
