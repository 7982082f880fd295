import type { SimulatedMinute } from "../scaling/preview-rules";
import { AlarmSettings, AWS_ALARMS, ScalingModel } from "./autoscaling";
import { PreviewError } from "./errors";
import { RequestQueue } from "./request-queue";
import { applySchedule, compileSchedule, limitsAt } from "./schedules";
import type { PreviewTarget } from "./service-model";
import { MINUTE_MS, Trace } from "./trace";
import type { WaitStats } from "./wait-stats";

/** Options of one replay. */
export interface SimulationOptions {
  /** Tasks running (and ready) at minute 0. @default what the first minute needs, within the limits in force */
  readonly initialTasks?: number;
  /** The target tracking alarms. @default AWS_ALARMS (3 of 3 above, 15 of 15 below 90%) */
  readonly alarms?: AlarmSettings;
  /** Called with the minutes done and the total, once a simulated day and at the end. @default none */
  readonly onProgress?: (done: number, total: number) => void;
}

/** A change of the desired count. */
export interface ScalingEvent {
  /** The minute the new count takes effect. */
  readonly minute: number;
  readonly from: number;
  readonly to: number;
  /** The policies (or the scheduled action) that set it. */
  readonly cause: string;
}

/** Everything a replay produced, minute by minute. */
export interface SimulationResult {
  readonly startMs: number;
  readonly minutes: number;
  /** Requests arriving per minute. */
  readonly demand: Float64Array;
  /** Requests per minute the ready tasks could serve. */
  readonly capacity: Float64Array;
  /** Tasks serving. */
  readonly readyTasks: Int32Array;
  /** Tasks billed: serving or starting. */
  readonly runningTasks: Int32Array;
  /** The oracle's tasks: exactly what each minute's work needs. */
  readonly oracleTasks: Int32Array;
  /** Requests waiting at the end of each minute. */
  readonly waiting: Float64Array;
  readonly events: readonly ScalingEvent[];
  readonly waits: WaitStats;
  /** Requests still waiting when the trace ended (counted with the wait they had so far). */
  readonly unserved: number;
  /** Policies the preview left out, and why. */
  readonly notes: readonly string[];
}

/** Tasks launched together and the minute they start serving. */
interface Starting {
  count: number;
  readonly readyAt: number;
}

/**
 * Replays a trace against a service's autoscaling. Each minute, in this order: scheduled actions
 * due in the minute change the limits (and the desired count, at once); tasks whose start-up
 * has ended begin serving; the minute's requests arrive and the ready tasks serve the queue;
 * the policies read the minute's datapoints and may set a new desired count, which takes effect
 * at the next minute (new tasks launch then and serve `startupMinutes` later; removed tasks,
 * those still starting first, stop then).
 */
export function simulate(trace: Trace, target: PreviewTarget, options: SimulationOptions = {}): SimulationResult {
  const { model, scaling } = target;
  const minutes = trace.requests.length;
  const startMinute = Math.floor(trace.startMs / MINUTE_MS);
  if (model.unit === "tokens" && !trace.tokens) {
    throw new PreviewError(`${target.file}: services.${target.serviceName}.preview.tokensPerSecond needs a trace with token counts, and ${trace.source} has none; give requestsPerMinute instead`);
  }
  const work = model.unit === "tokens" ? trace.tokens! : trace.requests;
  const meanWorkPerRequest = meanRatio(work, trace.requests);

  const schedules = scaling.schedules.map((s) => compileSchedule(s, startMinute));
  let limits = limitsAt(schedules, startMinute, scaling.min, scaling.max);
  const scaler = new ScalingModel(target.rules, options.alarms ?? AWS_ALARMS);
  const queue = new RequestQueue();

  const result = {
    demand: Float64Array.from(trace.requests),
    capacity: new Float64Array(minutes),
    readyTasks: new Int32Array(minutes),
    runningTasks: new Int32Array(minutes),
    oracleTasks: new Int32Array(minutes),
    waiting: new Float64Array(minutes),
  };
  const events: ScalingEvent[] = [];

  const oracle = (w: number) => Math.max(0, Math.ceil(w / model.workPerTaskPerMinute - 1e-9));
  let ready = clampTo(options.initialTasks ?? oracle(work[0] ?? 0), limits);
  const starting: Starting[] = [];
  const total = () => ready + starting.reduce((n, s) => n + s.count, 0);
  const setDesired = (desired: number, minute: number, cause: string) => {
    const current = total();
    if (desired === current) return;
    events.push({ minute, from: current, to: desired, cause });
    if (desired > current) {
      starting.push({ count: desired - current, readyAt: minute + model.startupMinutes });
      return;
    }
    let remove = current - desired;
    while (remove > 0 && starting.length > 0) {
      const newest = starting[starting.length - 1];
      const taken = Math.min(remove, newest.count);
      newest.count -= taken;
      remove -= taken;
      if (newest.count === 0) starting.pop();
    }
    ready -= remove;
  };

  for (let t = 0; t < minutes; t++) {
    const epochMinute = startMinute + t;
    for (const schedule of schedules) {
      if (!schedule.firesAt(epochMinute)) continue;
      limits = applySchedule(limits, schedule);
      setDesired(clampTo(total(), limits), t, `schedule ${schedule.name}`);
    }
    while (starting.length > 0 && starting[0].readyAt <= t) ready += starting.shift()!.count;

    const capacityWork = ready * model.workPerTaskPerMinute;
    const service = queue.serveMinute(t, trace.requests[t], work[t], capacityWork);
    const workPerRequest = trace.requests[t] > 0 ? work[t] / trace.requests[t] : meanWorkPerRequest;
    const running = total();
    result.capacity[t] = workPerRequest > 0 ? capacityWork / workPerRequest : 0;
    result.readyTasks[t] = ready;
    result.runningTasks[t] = running;
    result.oracleTasks[t] = oracle(work[t]);
    result.waiting[t] = service.waiting;

    const sim: SimulatedMinute = {
      readyTasks: ready,
      desiredTasks: running,
      arrivals: trace.requests[t],
      served: service.served,
      workServed: service.workServed,
      workCapacity: capacityWork,
      waiting: service.waiting,
      meanWaitSeconds: service.meanWaitSeconds,
    };
    const decision = scaler.evaluate(t, epochMinute, sim, limits);
    if (decision && t + 1 < minutes) setDesired(decision.desired, t + 1, decision.by.join(", "));
    if (options.onProgress && ((t + 1) % 1440 === 0 || t + 1 === minutes)) options.onProgress(t + 1, minutes);
  }
  const unserved = queue.finish(minutes * 60);
  const notes = target.rules.flatMap((r) => (r.kind === "ignored" ? [`policy ${r.name} left out: ${r.reason}`] : []));
  return { startMs: startMinute * MINUTE_MS, minutes, ...result, events, waits: queue.waits, unserved, notes };
}

function clampTo(tasks: number, limits: { min: number; max: number }): number {
  return Math.min(limits.max, Math.max(limits.min, tasks));
}

/** Sum of a over sum of b (0 when b sums to 0). */
function meanRatio(a: Float64Array, b: Float64Array): number {
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    sa += a[i];
    sb += b[i];
  }
  return sb > 0 ? sa / sb : 0;
}
