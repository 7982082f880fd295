import type { ScalingConfig } from "../config/scaling-schema";
import type { TokenMix } from "./llm-server";
import { hourlyCost } from "./pricing";
import { type PreviewTarget, withScaling } from "./service-model";
import { capacityPerTask, minuteLatency, simulate, traceMix, type SimulationOptions } from "./simulate";
import type { Trace } from "./trace";

/**
 * What meeting the objective costs at best, to hold a policy's cost against:
 * - the reference: the cheapest task count per minute that meets the objectives, knowing the whole
 *   trace in advance, with the start-up time, the minimum and the maximum (dynamic programming over
 *   ready tasks and, when the objective lets requests wait a minute or more, the queue's backlog);
 * - the best static count: the fewest tasks that, never scaling, meet the objectives on the trace.
 */

/** The reference schedule and what it costs. */
export interface ReferenceResult {
  /** Ready tasks each minute. */
  readonly readyTasks: Int32Array;
  /** Task-minutes billed: ready tasks, plus start-up before each added task, plus draining after each removed one. */
  readonly taskMinutes: number;
  readonly cost: number;
  readonly peakTasks: number;
  /** Minutes whose load no task count within the maximum serves within the objectives. */
  readonly infeasibleMinutes: number;
}

/** The best static task count. */
export interface StaticResult {
  /** Tasks; undefined when even the maximum misses the objectives. */
  readonly tasks?: number;
  readonly cost?: number;
}

/** Backlog levels the reference tracks: the most the maximum clears within the wait allowance, in this many steps. */
const BACKLOG_LEVELS = 48;

/** The mix of minute i. */
function mixAt(trace: Trace, i: number, overall: TokenMix): TokenMix {
  const requests = trace.requests[i];
  if (!trace.inputTokens || !trace.outputTokens || requests <= 0) return overall;
  return { input: trace.inputTokens[i] / requests, output: trace.outputTokens[i] / requests };
}

/**
 * Requests a minute one task takes while every request of the minute meets the objectives without
 * waiting: LLM objectives bound the concurrency (TPOT grows with it; TTFT and end-to-end latency at
 * the objective's percentile of the trace's lengths), others the task's capacity.
 */
export function objectiveRate(target: PreviewTarget, trace: Trace, mix: TokenMix): number {
  const capacity = capacityPerTask(target, mix);
  if (target.serving.kind !== "llm") return capacity;
  const input = trace.lengths?.input;
  const output = trace.lengths?.output;
  const meets = (perMinute: number) => {
    const m = minuteLatency(target, mix, perMinute);
    for (const o of target.objectives) {
      const share = o.percentile / 100;
      if (o.metric === "tpot" && m.tpotSeconds > o.seconds) return false;
      if (o.metric === "ttft") {
        const relative = input && input.count > 0 ? input.quantile(share) / input.mean : 1;
        if (relative * m.prefillSeconds + m.stepSeconds > o.seconds) return false;
      }
      if (o.metric === "e2e") {
        const relative = output && output.count > 0 ? output.quantile(share) / output.mean : 1;
        if (m.prefillSeconds + m.stepSeconds + relative * m.meanOutput * m.tpotSeconds > o.seconds) return false;
      }
    }
    return true;
  };
  if (meets(capacity)) return capacity;
  if (!meets(1e-6)) return 0;
  let low = 0;
  let high = capacity;
  for (let i = 0; i < 40; i++) {
    const mid = (low + high) / 2;
    if (meets(mid)) low = mid;
    else high = mid;
  }
  return low;
}

/**
 * Seconds a request of a minute may wait for a task and still meet every objective at its
 * percentile, with tasks serving `perMinute` requests each: a wait bound as it is; a TTFT or
 * end-to-end bound less the time the request needs once taken (prefill and step, plus its output
 * for end to end). 0 when no objective bounds waiting (a TPOT objective alone).
 */
export function waitAllowance(target: PreviewTarget, trace: Trace, mix: TokenMix, perMinute: number): number {
  const m = minuteLatency(target, mix, perMinute);
  const input = trace.lengths?.input;
  const output = trace.lengths?.output;
  let allowance = Infinity;
  for (const o of target.objectives) {
    const share = o.percentile / 100;
    if (o.metric === "wait") allowance = Math.min(allowance, o.seconds);
    else if (o.metric === "ttft") {
      const relative = input && input.count > 0 ? input.quantile(share) / input.mean : 1;
      allowance = Math.min(allowance, o.seconds - relative * m.prefillSeconds - m.stepSeconds);
    } else if (o.metric === "e2e") {
      const relative = output && output.count > 0 ? output.quantile(share) / output.mean : 1;
      const own = target.serving.kind === "llm" ? m.prefillSeconds + m.stepSeconds + relative * m.meanOutput * m.tpotSeconds : m.responseSeconds;
      allowance = Math.min(allowance, o.seconds - own);
    }
  }
  return Number.isFinite(allowance) ? Math.max(0, allowance) : 0;
}

/**
 * The cheapest schedule of ready tasks that meets the objectives, by dynamic programming over
 * minutes. State: ready tasks r (min..max) and the backlog (rounded to BACKLOG_LEVELS steps of the
 * most the maximum clears within the wait the objectives allow), which must stay within what r
 * tasks clear within that allowance (see waitAllowance). Each task serves at most the rate at which
 * the objectives hold (see objectiveRate). Moving from r' to r tasks costs r task-minutes, plus the
 * start-up minutes of each added task (it launched that long before), plus the draining minutes of
 * each removed one.
 *
 * A percentile objective lets (100 - percentile)% of the requests miss: the reference may leave
 * requests beyond the allowance unserved in time, at a price of lambda each, and lambda is searched
 * (Lagrangian relaxation) for the cheapest schedule whose misses stay within that share.
 */
export function referenceSchedule(trace: Trace, target: PreviewTarget): ReferenceResult {
  const minutes = trace.requests.length;
  const min = Math.max(target.scaling.min, 0);
  const max = target.scaling.max;
  const R = max - min + 1;
  const startMinutes = Math.ceil((target.phases.pullSeconds + target.phases.loadSeconds + target.phases.healthSeconds + (target.instances?.launchSeconds ?? 0)) / 60);
  const drainMinutes = target.phases.drainSeconds / 60;
  const overall = traceMix(trace, target);
  const rate = new Float64Array(minutes);
  const allowance = new Float64Array(minutes);
  let largestBacklog = 0;
  let total = 0;
  let smallest = Infinity;
  for (let i = 0; i < minutes; i++) {
    const mix = mixAt(trace, i, overall);
    rate[i] = objectiveRate(target, trace, mix);
    allowance[i] = waitAllowance(target, trace, mix, rate[i]);
    largestBacklog = Math.max(largestBacklog, (max * rate[i] * allowance[i]) / 60);
    total += trace.requests[i];
    if (trace.requests[i] > 0) smallest = Math.min(smallest, trace.requests[i]);
  }
  const queued = largestBacklog > 0;
  const Q = queued ? BACKLOG_LEVELS + 1 : 1;
  const unit = largestBacklog / BACKLOG_LEVELS;
  const size = R * Q;

  /** One pass at a price `lambda` per request of a short minute (Infinity: no minute may be short). */
  const pass = (lambda: number, withPath: boolean) => {
    let value = new Float64Array(size).fill(Infinity);
    let next = new Float64Array(size);
    let missed = new Float64Array(size);
    let nextMissed = new Float64Array(size);
    const back = withPath && minutes * size <= 40_000_000 && size <= 65535 ? new Uint16Array(minutes * size) : undefined;
    const bestIn = new Float64Array(size);
    const bestFrom = new Int32Array(size);
    let infeasible = 0;
    // Backlog levels above top are unreachable this minute (every state there costs Infinity): skipped.
    let top = 0;
    // Minute 0 starts with any count, already serving.
    for (let r = 0; r < R; r++) {
      value[r * Q] = 0;
      missed[r * Q] = 0;
    }
    for (let t = 0; t < minutes; t++) {
      const arrivals = trace.requests[t];
      const perTask = rate[t];
      const wait = allowance[t];
      // bestIn[r*Q+q]: the cheapest way into r tasks this minute from (r', q) last minute, and its r'.
      for (let q = 0; q <= top; q++) {
        let up = Infinity;
        let upFrom = -1;
        for (let r = 0; r < R; r++) {
          if (r > 0) {
            const prev = value[(r - 1) * Q + q] - startMinutes * (r - 1);
            if (prev < up) {
              up = prev;
              upFrom = r - 1;
            }
          }
          bestIn[r * Q + q] = up + startMinutes * r;
          bestFrom[r * Q + q] = upFrom;
        }
        let down = Infinity;
        let downFrom = -1;
        for (let r = R - 1; r >= 0; r--) {
          const v = value[r * Q + q] + drainMinutes * r;
          if (v < down) {
            down = v;
            downFrom = r;
          }
          const candidate = down - drainMinutes * r;
          if (candidate < bestIn[r * Q + q]) {
            bestIn[r * Q + q] = candidate;
            bestFrom[r * Q + q] = downFrom;
          }
        }
      }
      next.fill(Infinity);
      let any = false;
      let nextTop = 0;
      for (let r = 0; r < R; r++) {
        const tasks = min + r;
        const served = tasks * perTask;
        const clearable = (served * wait) / 60;
        for (let q = 0; q <= top; q++) {
          const cost = bestIn[r * Q + q];
          if (cost === Infinity) continue;
          // Requests beyond what waits within the allowance miss (at lambda each, when allowed).
          let backlog = Math.max(0, q * unit + arrivals - served);
          let short = 0;
          if (backlog > clearable + 1e-9) {
            if (lambda === Infinity) continue;
            short = backlog - clearable;
            backlog = clearable;
          }
          const nq = queued && unit > 0 ? Math.min(Q - 1, Math.round(backlog / unit)) : 0;
          const index = r * Q + nq;
          const from = bestFrom[r * Q + q] * Q + q;
          const total = cost + tasks + (short > 0 ? lambda * short : 0);
          if (total < next[index]) {
            next[index] = total;
            nextMissed[index] = missed[from] + short;
            if (back) back[t * size + index] = from;
            any = true;
            if (nq > nextTop) nextTop = nq;
          }
        }
      }
      if (!any) {
        // No count within the maximum meets this minute: run the maximum and carry on.
        infeasible++;
        let cheapest = Infinity;
        let from = 0;
        for (let k = 0; k < size; k++) {
          if (value[k] < cheapest) {
            cheapest = value[k];
            from = k;
          }
        }
        const index = (R - 1) * Q;
        next[index] = cheapest + max + startMinutes * Math.max(0, R - 1 - Math.floor(from / Q));
        nextMissed[index] = missed[from] + arrivals;
        if (back) back[t * size + index] = from;
      }
      top = nextTop;
      [value, next] = [next, value];
      [missed, nextMissed] = [nextMissed, missed];
    }
    let end = 0;
    for (let k = 1; k < size; k++) if (value[k] < value[end]) end = k;
    const readyTasks = new Int32Array(minutes);
    let peakTasks = 0;
    if (back) {
      let state = end;
      for (let t = minutes - 1; t >= 0; t--) {
        readyTasks[t] = min + Math.floor(state / Q);
        peakTasks = Math.max(peakTasks, readyTasks[t]);
        state = back[t * size + state];
      }
    }
    return { value: value[end], missed: missed[end], readyTasks, peakTasks, infeasible, withPath: back !== undefined };
  };

  // The share of requests the objectives let miss (the strictest percentile).
  const budget = total * Math.min(...target.objectives.map((o) => (100 - o.percentile) / 100));
  let chosen: ReturnType<typeof pass> | undefined;
  if (budget > 0 && Number.isFinite(smallest)) {
    // Cheapest lambda whose short minutes stay within the budget, searched on a log scale.
    let low = 0;
    let high = ((max + startMinutes + drainMinutes) * 2) / smallest;
    const strict = pass(high, false);
    if (strict.missed <= budget + 1e-9) {
      for (let i = 0; i < 24; i++) {
        const mid = low === 0 ? high / 1024 : Math.sqrt(low * high);
        const trial = pass(mid, false);
        if (trial.missed <= budget + 1e-9) high = mid;
        else low = mid;
        if (high / Math.max(low, 1e-12) < 1.01) break;
      }
      chosen = pass(high, true);
      chosen = { ...chosen, value: chosen.value - high * chosen.missed };
    }
  }
  // No share may miss, or even the priciest misses exceed it: no minute short.
  chosen ??= pass(Infinity, true);
  const { readyTasks, peakTasks, infeasible } = chosen;
  const taskMinutes = chosen.value;
  let cost = 0;
  if (chosen.withPath) {
    // Priced minute by minute (a Fargate capacity strategy is not linear), with start-up and draining spread evenly.
    const extra = (taskMinutes - readyTasks.reduce((a, b) => a + b, 0)) / Math.max(1, minutes);
    for (let t = 0; t < minutes; t++) cost += costPerMinute(target, readyTasks[t] + extra);
  } else cost = costPerMinute(target, taskMinutes / Math.max(1, minutes)) * minutes;
  return { readyTasks, taskMinutes, cost, peakTasks, infeasibleMinutes: infeasible };
}

/** Dollars a minute for `tasks` tasks: whole instances for GPU compute (no spare ones), Fargate by the capacity strategy. */
function costPerMinute(target: PreviewTarget, tasks: number): number {
  return hourlyCost(target.pricing, tasks) / 60;
}

/**
 * The fewest tasks that meet the objectives on the trace without scaling (binary search over
 * min..max, each candidate replayed with its count fixed).
 */
export function bestStaticCount(trace: Trace, target: PreviewTarget, options: SimulationOptions = {}): StaticResult {
  const fixed = (n: number) => {
    const scaling: ScalingConfig = { ...target.scaling, min: n, max: n, policies: [], schedules: [] };
    return simulate(trace, withScaling(target, scaling), { ...options, start: n, distributions: false });
  };
  const meets = (n: number) => fixed(n).objectives.every((o) => o.met);
  let low = Math.max(1, target.scaling.min);
  let high = target.scaling.max;
  if (!meets(high)) return {};
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (meets(mid)) high = mid;
    else low = mid + 1;
  }
  const run = fixed(low);
  let cost = 0;
  for (let t = 0; t < run.minutes; t++) cost += minuteCost(target, run.billedTasks[t], run.instances[t]) / 60;
  return { tasks: low, cost };
}

/** Dollars an hour of a minute's fleet: its instances for GPU compute, its billed tasks on Fargate. */
export function minuteCost(target: PreviewTarget, billedTasks: number, instances: number): number {
  if (target.pricing.kind === "gpu") return hourlyCost(target.pricing, instances * target.pricing.tasksPerInstance);
  return hourlyCost(target.pricing, billedTasks);
}

/** Share of the maximum's capacity a fitted trace's busiest minute needs. */
export const FIT_SHARE = 0.7;

/**
 * The factor that scales a trace to a service: its busiest minute then needs FIT_SHARE of what the
 * service's maximum serves within the objectives (the matrix compares services this way; `--scale fit`).
 */
export function fitFactor(trace: Trace, target: PreviewTarget): number {
  let peak = 0;
  for (const r of trace.requests) peak = Math.max(peak, r);
  const perTask = objectiveRate(target, trace, traceMix(trace, target));
  if (peak <= 0 || perTask <= 0) return 1;
  // Three significant digits: the factor is shown and used as shown.
  return Number(((FIT_SHARE * target.scaling.max * perTask) / peak).toPrecision(3));
}
