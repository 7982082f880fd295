import { previewTargetOf, PreviewTarget } from "../../lib/preview/service-model";
import { simulate, SimulationOptions, SimulationResult } from "../../lib/preview/simulate";
import { traceOf } from "../../lib/preview/trace";
import { configOf, Input, withChat } from "../helpers";

/** A web service `chat` with these scaling and preview sections (capacity 200 requests/min, 4 min start-up by default). */
export function chatTarget(scaling: Input, preview: Input = {}): PreviewTarget {
  const config = configOf(withChat({ scaling: { min: 1, max: 10, ...scaling }, preview: { requestsPerMinute: 200, startupSeconds: 240, ...preview } }));
  return previewTargetOf(config, "chat");
}

/** Requests per minute: `[count, minutes]` pieces joined, e.g. steps([190, 10], [250, 4]). */
export function steps(...pieces: Array<[number, number]>): number[] {
  return pieces.flatMap(([count, minutes]) => Array<number>(minutes).fill(count));
}

/** Replays per-minute request counts starting 2024-01-01 00:00 UTC (a Monday), or at `startMs`. */
export function replay(requests: number[], target: PreviewTarget, options: SimulationOptions & { startMs?: number } = {}): SimulationResult {
  return simulate(traceOf(requests, { startMs: options.startMs }), target, options);
}

/** The events as [minute, from, to, cause] rows. */
export function eventRows(result: SimulationResult): Array<[number, number, number, string]> {
  return result.events.map((e) => [e.minute, e.from, e.to, e.cause]);
}
