import { AWS_DYNAMICS, type ScalingDynamics } from "../../lib/preview/dynamics";
import type { TaskPhases } from "../../lib/preview/fleet";
import { previewTargetOf, type PreviewTarget, type TargetOverrides } from "../../lib/preview/service-model";
import { simulate, type SimulationOptions, type SimulationResult } from "../../lib/preview/simulate";
import { traceOf } from "../../lib/preview/trace";
import { configOf, type Input, withChat } from "../helpers";

/**
 * AWS's alarms without the delays this preview adds on top (metric delay 0, proportional scale-in):
 * the known answers of the policy logic itself. The dynamics tests use AWS_DYNAMICS.
 */
export const INSTANT: ScalingDynamics = { ...AWS_DYNAMICS, metricDelayMinutes: 0, scaleInStepPercent: 100 };

/**
 * A web service `chat` with these scaling and preview sections (capacity 200 requests/min, 4 min
 * start-up by default). Its tasks serve as soon as the start-up ends and stop at once, unless
 * `phases` says otherwise (the dynamics tests give the health check and draining).
 */
export function chatTarget(scaling: Input, preview: Input = {}, phases: Partial<TaskPhases> = {}, overrides: TargetOverrides = {}): PreviewTarget {
  const config = configOf(withChat({ scaling: { min: 1, max: 10, ...scaling }, preview: { requestsPerMinute: 200, startupSeconds: 240, ...preview } }));
  const target = previewTargetOf(config, "chat", overrides);
  return { ...target, phases: { ...target.phases, healthSeconds: 0, drainSeconds: 0, ...phases } };
}

/** Options of {@link replay}: the simulation's, a start time, and tasks serving at minute 0. */
export type ReplayOptions = SimulationOptions & { startMs?: number; initialTasks?: number };

/**
 * Replays per-minute request counts starting 2024-01-01 00:00 UTC (a Monday), or at `startMs`,
 * with INSTANT dynamics and `initialTasks` serving (default: the minimum) unless the options say otherwise.
 */
export function replay(requests: number[], target: PreviewTarget, options: ReplayOptions = {}): SimulationResult {
  const { startMs, initialTasks, ...rest } = options;
  return simulate(traceOf(requests, { startMs }), target, { dynamics: INSTANT, start: initialTasks ?? "min", ...rest });
}

/** Requests per minute: `[count, minutes]` pieces joined, e.g. steps([190, 10], [250, 4]). */
export function steps(...pieces: Array<[number, number]>): number[] {
  return pieces.flatMap(([count, minutes]) => Array<number>(minutes).fill(count));
}

/** The events as [minute, from, to, cause] rows. */
export function eventRows(result: SimulationResult): Array<[number, number, number, string]> {
  return result.events.map((e) => [e.minute, e.from, e.to, e.cause]);
}
