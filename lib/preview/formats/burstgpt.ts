import { PreviewError } from "../errors";
import { count, headerOf, shown, splitCsv } from "./csv";
import type { TraceFormat } from "./format";

/** Columns BurstGPT rows must have. */
export const BURSTGPT_COLUMNS = ["Timestamp", "Model", "Request tokens", "Response tokens"] as const;

/**
 * BurstGPT (HPMLL/BurstGPT, GPT-3.5 and GPT-4 traffic on Azure OpenAI):
 * `Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type`, one request per row,
 * `Timestamp` in seconds since the trace start. Failed requests have 0 response tokens; they are
 * kept (they reached the service) and counted in the trace notes.
 * Source: https://github.com/HPMLL/BurstGPT (README).
 */
export const burstGptFormat: TraceFormat = {
  name: "burstgpt",
  title: "BurstGPT CSV trace",
  example: "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type",
  wallClock: () => false,
  hasModels: true,
  matches: (first) => {
    const header = headerOf(first);
    return BURSTGPT_COLUMNS.every((c) => header.includes(c));
  },
  open: (context, sink) => {
    let columns: number[] = [];
    return {
      line(text, number) {
        if (number === 1) {
          const header = headerOf(text);
          columns = BURSTGPT_COLUMNS.map((c) => header.indexOf(c));
          return;
        }
        if (text.trim() === "") return;
        const cells = splitCsv(text);
        const [timeAt, modelAt, inputAt, outputAt] = columns;
        const seconds = count(cells[timeAt]);
        const input = count(cells[inputAt]);
        const output = count(cells[outputAt]);
        const model = cells[modelAt]?.trim() ?? "";
        if (Number.isNaN(seconds) || Number.isNaN(input) || Number.isNaN(output) || model === "") {
          throw new PreviewError(
            `${context.source}:${number}: expected a Timestamp (seconds), a Model and Request tokens and Response tokens of 0 or more, such as "5,ChatGPT,472,18,490,Conversation log", got "${shown(text)}"`,
          );
        }
        sink.request(context.startMs + seconds * 1000, input, output, model);
      },
      end() {},
    };
  },
};
