import { PreviewError } from "../errors";
import { count, headerOf, shown, splitCsv } from "./csv";
import type { ColumnMapping, TimeUnit, TraceFormat } from "./format";
import { parseTimestamp } from "./timestamps";

/** Time units that count from the trace start (--start) rather than name a wall-clock time. */
const RELATIVE_UNITS: readonly TimeUnit[] = ["s", "ms"];

/**
 * Any CSV with a header, read through a column mapping (`--columns time=ts,input=prompt_tokens,
 * output=completion_tokens,model=model --time-unit s`): one request per row. Never chosen by
 * guessing: `--format csv` (or --columns) picks it.
 */
export const genericCsvFormat: TraceFormat = {
  name: "csv",
  title: "CSV with a column mapping (--columns)",
  example: "any header; --columns time=<column>[,input=<column>,output=<column>,model=<column>]",
  // Seconds and milliseconds count from --start; ISO and epoch times are wall-clock.
  wallClock: (context) => !RELATIVE_UNITS.includes(context.columns?.timeUnit ?? "iso"),
  hasModels: true,
  matches: () => false,
  open: (context, sink) => {
    const mapping = context.columns;
    if (!mapping) throw new PreviewError(`${context.source}: the csv format needs --columns time=<column>[,input=<column>,output=<column>,model=<column>]`);
    let at: { time: number; input: number; output: number; model: number } = { time: -1, input: -1, output: -1, model: -1 };
    return {
      line(text, number) {
        if (number === 1) {
          const header = headerOf(text);
          const find = (role: keyof ColumnMapping, name: string | undefined) => {
            if (name === undefined) return -1;
            const index = header.indexOf(name);
            if (index < 0) throw new PreviewError(`${context.source}: --columns ${role}=${name}: there is no column "${name}"; the header has ${header.map((h) => `"${h}"`).join(", ")}`);
            return index;
          };
          at = { time: find("time", mapping.time), input: find("input", mapping.input), output: find("output", mapping.output), model: find("model", mapping.model) };
          return;
        }
        if (text.trim() === "") return;
        const cells = splitCsv(text);
        const cell = cells[at.time] ?? "";
        let ms: number;
        switch (mapping.timeUnit) {
          case "iso":
            ms = parseTimestamp(cell);
            break;
          case "s":
            ms = context.startMs + count(cell) * 1000;
            break;
          case "ms":
            ms = context.startMs + count(cell);
            break;
          case "epoch-s":
            ms = count(cell) * 1000;
            break;
          case "epoch-ms":
            ms = count(cell);
            break;
        }
        const input = at.input >= 0 ? count(cells[at.input]) : undefined;
        const output = at.output >= 0 ? count(cells[at.output]) : undefined;
        if (Number.isNaN(ms) || Number.isNaN(input) || Number.isNaN(output)) {
          throw new PreviewError(
            `${context.source}:${number}: expected ${mapping.time} as ${mapping.timeUnit === "iso" ? "an ISO time such as 2024-05-10T00:00:00Z" : `a number of ${mapping.timeUnit}`}${mapping.input ? ` and token counts of 0 or more in ${[mapping.input, mapping.output].filter(Boolean).join(" and ")}` : ""}, got "${shown(text)}"`,
          );
        }
        const model = at.model >= 0 ? cells[at.model]?.trim() : undefined;
        if (input !== undefined && output !== undefined) sink.request(ms, input, output, model);
        else sink.request(ms, undefined, undefined, model);
      },
      end() {},
    };
  },
};
