import { PreviewError } from "../errors";
import { count, headerOf, shown, splitCsv } from "./csv";
import type { TraceFormat } from "./format";
import { parseTimestamp } from "./timestamps";

/** The header of the Azure LLM inference traces (Azure/AzurePublicDataset, 2023 and 2024). */
export const AZURE_HEADER = ["TIMESTAMP", "ContextTokens", "GeneratedTokens"] as const;

/**
 * The Azure LLM inference traces, one request per row: `TIMESTAMP,ContextTokens,GeneratedTokens`.
 * 2023 (Splitwise) writes `2023-11-16 18:15:46.6805900`, 2024 (DynamoLLM) `2024-05-10
 * 00:00:00.009930+00:00`; both are wall-clock, UTC unless an offset says otherwise.
 * Sources: https://github.com/Azure/AzurePublicDataset (AzureLLMInferenceDataset2023.md, AzureLLMInferenceDataset2024.md).
 */
export const azureFormat: TraceFormat = {
  name: "azure-llm",
  title: "Azure LLM inference trace (2023, 2024)",
  example: AZURE_HEADER.join(","),
  wallClock: () => true,
  hasModels: false,
  matches: (first) => headerOf(first).join(",") === AZURE_HEADER.join(","),
  open: (context, sink) => ({
    line(text, number) {
      if (number === 1 || text.trim() === "") return;
      const cells = splitCsv(text);
      const ms = parseTimestamp(cells[0] ?? "");
      const input = count(cells[1]);
      const output = count(cells[2]);
      if (cells.length !== 3 || Number.isNaN(ms) || Number.isNaN(input) || Number.isNaN(output)) {
        throw new PreviewError(
          `${context.source}:${number}: expected TIMESTAMP,ContextTokens,GeneratedTokens such as "2023-11-16 18:15:46.6805900,374,44" or "2024-05-10 00:00:00.009930+00:00,374,44", got "${shown(text)}"`,
        );
      }
      sink.request(ms, input, output);
    },
    end() {},
  }),
};
