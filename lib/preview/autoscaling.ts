import type { ForecastRule, PreviewRule, SimulatedMinute, StepRule, TargetTrackingRule } from "../scaling/preview-rules";
import { stepFor } from "../scaling/step-scaling-policy";
import { AWS_DYNAMICS, PREDICTIVE, ScalingDynamics } from "./dynamics";

/**
 * Application Auto Scaling as AWS documents it, one minute at a time:
 * - metrics arrive late: minute t's datapoint acts at minute t + 1 + metricDelayMinutes, against
 *   the desired count of that moment (see {@link ScalingDynamics});
 * - target tracking: the high alarm goes off after `highDatapoints` datapoints above the target,
 *   the low alarm after `lowDatapoints` below `lowRatio` of it; while an alarm is on, the policy
 *   asks for ceil(current capacity x metric / target) every minute, a scale-in removing at most
 *   scaleInStepPercent of the capacity
 *   (https://docs.aws.amazon.com/autoscaling/application/userguide/target-tracking-scaling-policy-overview.html);
 * - missing datapoints (no request reached the load balancer, no task ran) are skipped, not
 *   zero: the alarm keeps its state and its count of breaching datapoints, and when every
 *   datapoint of its evaluation range is missing it has INSUFFICIENT_DATA and does nothing; target
 *   tracking never scales in on insufficient data
 *   (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html,
 *   https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-autoscaling-targettracking.html);
 * - cooldowns: during a policy's scale-out cooldown the capacity its scale-out added counts as
 *   already there (the next scale-out is computed from the capacity before it and happens only
 *   if larger); a scale-in cooldown blocks that policy's scale-ins, and any scale-out ends it
 *   (https://docs.aws.amazon.com/autoscaling/application/userguide/target-tracking-scaling-policy-overview.html#target-tracking-cooldown);
 * - several policies: scale out if any asks (the largest capacity wins), scale in only when every
 *   target tracking policy that may scale in asks to (again the largest capacity); step policies
 *   scale in on their own alarm
 *   (https://docs.aws.amazon.com/autoscaling/application/userguide/target-tracking-scaling-policy-overview.html#target-tracking-multiple-scaling-policies);
 * - step scaling: while its alarm is on (datapointsToAlarm of evaluationPeriods breaching), the
 *   step holding (aggregated metric - threshold) adjusts the capacity; percent changes round as
 *   AWS rounds them, with minAdjustmentMagnitude
 *   (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-step-scaling-policies.html);
 * - predictive scaling: an hourly capacity forecast, refreshed every 6 hours, is the hour's floor
 *   (see PREDICTIVE in dynamics.ts);
 * - the result is clamped to the current minimum (or the forecast floor) and maximum.
 */

/** A change of the desired count and what asked for it. */
export interface ScalingDecision {
  readonly desired: number;
  /** Names of the policies whose request set the new count (those asking for at least it). */
  readonly by: readonly string[];
}

interface Cooldowns {
  /** Seconds (from the trace start) until which scale-out cooldown lasts, and the capacity before the scale-out that began it. */
  outUntil: number;
  outBase: number;
  inUntil: number;
}

interface TrackingState extends Cooldowns {
  readonly rule: TargetTrackingRule;
  /** Datapoints in a row (missing ones skipped) above the target, and below lowRatio of it. */
  above: number;
  below: number;
  /** The newest datapoint that was not missing, and its minute. */
  newest: number | undefined;
  newestMinute: number;
}

interface StepState extends Cooldowns {
  readonly rule: StepRule;
  readonly periodMinutes: number;
  /** Datapoints of the current period (one per minute), and the alarm's last evaluationPeriods datapoints. */
  pending: number[];
  readonly datapoints: Array<number | undefined>;
}

interface ForecastState {
  readonly rule: ForecastRule;
  /** Load summed per wall-clock hour (epoch hour), with the minutes that had a value. */
  readonly hours: Map<number, { sum: number; minutes: number }>;
  /** Forecast capacity per epoch hour, from the latest refresh. */
  readonly forecast: Map<number, number>;
  lastRefresh: number;
}

type Request = { readonly name: string; readonly capacity: number };

/** The capacity a step adjustment leads to from `capacity`. */
export function adjustedCapacity(rule: Pick<StepRule, "adjustmentType" | "minAdjustmentMagnitude">, capacity: number, adjustment: number): number {
  switch (rule.adjustmentType) {
    case "ExactCapacity":
      return adjustment;
    case "ChangeInCapacity":
      return capacity + adjustment;
    case "PercentChangeInCapacity": {
      const raw = (capacity * adjustment) / 100;
      // AWS: above 1 rounds down, between 0 and 1 to 1, between -1 and 0 to -1, below -1 toward zero.
      let change = raw >= 1 ? Math.floor(raw) : raw > 0 ? 1 : raw > -1 && raw < 0 ? -1 : raw <= -1 ? Math.ceil(raw) : 0;
      if (rule.minAdjustmentMagnitude !== undefined && change !== 0 && Math.abs(change) < rule.minAdjustmentMagnitude) {
        change = Math.sign(change) * rule.minAdjustmentMagnitude;
      }
      return capacity + change;
    }
  }
}

function breaches(comparison: StepRule["comparison"], value: number, threshold: number): boolean {
  switch (comparison) {
    case "GreaterThanOrEqualToThreshold":
      return value >= threshold;
    case "GreaterThanThreshold":
      return value > threshold;
    case "LessThanThreshold":
      return value < threshold;
    case "LessThanOrEqualToThreshold":
      return value <= threshold;
  }
}

/** The scalable target and its policies; `evaluate` is called at the end of every simulated minute. */
export class ScalingModel {
  private readonly tracking: TrackingState[] = [];
  private readonly steps: StepState[] = [];
  private readonly forecasts: ForecastState[] = [];
  /** Minutes whose datapoints have not reached the alarms yet, oldest first. */
  private readonly delayed: SimulatedMinute[] = [];
  // Scratch of evaluate(), reused every minute.
  private readonly out: Request[] = [];
  private readonly trackingIn: Request[] = [];
  private readonly stepIn: Request[] = [];
  private readonly outBy = new Set<Cooldowns>();
  private readonly inBy = new Set<Cooldowns>();

  constructor(
    rules: readonly PreviewRule[],
    private readonly dynamics: ScalingDynamics = AWS_DYNAMICS,
  ) {
    const cooldowns = (): Cooldowns => ({ outUntil: -Infinity, outBase: 0, inUntil: -Infinity });
    for (const rule of rules) {
      if (rule.kind === "target-tracking") this.tracking.push({ rule, above: 0, below: 0, newest: undefined, newestMinute: -Infinity, ...cooldowns() });
      else if (rule.kind === "step") {
        this.steps.push({ rule, periodMinutes: Math.max(1, Math.round(rule.periodSeconds / 60)), pending: [], datapoints: [], ...cooldowns() });
      } else if (rule.kind === "forecast") this.forecasts.push({ rule, hours: new Map(), forecast: new Map(), lastRefresh: -Infinity });
    }
  }

  /** The predictive floor in force during the minute starting at `epochMinute` (0 without predictive policies). */
  floorAt(epochMinute: number): { capacity: number; name: string } | undefined {
    let best: { capacity: number; name: string } | undefined;
    for (const state of this.forecasts) {
      const hour = Math.floor((epochMinute + Math.ceil(state.rule.schedulingBufferSeconds / 60)) / 60);
      const capacity = state.forecast.get(hour);
      if (capacity !== undefined && (!best || capacity > best.capacity)) best = { capacity, name: state.rule.name };
    }
    return best;
  }

  /**
   * Takes minute `minute`'s datapoints (the minute starting at `epochMinute`, minutes since 1970)
   * and returns the desired count from the next minute on, or undefined when it stays. The
   * alarms see the datapoints of metricDelayMinutes earlier; the capacity they scale is `sim.desiredTasks`.
   */
  evaluate(minute: number, epochMinute: number, sim: SimulatedMinute, limits: { min: number; max: number }): ScalingDecision | undefined {
    const now = (minute + 1) * 60;
    const desired = sim.desiredTasks;
    this.recordForecastLoad(epochMinute, sim);
    this.delayed.push(sim);
    const seen = this.delayed.length > this.dynamics.metricDelayMinutes ? this.delayed.shift() : undefined;
    const seenMinute = minute - this.dynamics.metricDelayMinutes;
    const floor = this.floorAt(epochMinute + 1);
    const lowest = Math.max(limits.min, floor?.capacity ?? 0);

    const { out, trackingIn, stepIn, outBy, inBy } = this;
    out.length = 0;
    trackingIn.length = 0;
    stepIn.length = 0;
    outBy.clear();
    inBy.clear();
    let trackingVoters = 0;

    for (const state of this.tracking) {
      const { rule } = state;
      if (!rule.disableScaleIn) trackingVoters++;
      const value = seen ? rule.metric(seen) : undefined;
      if (value !== undefined) {
        state.above = value > rule.target ? state.above + 1 : 0;
        state.below = value < this.dynamics.lowRatio * rule.target ? state.below + 1 : 0;
        state.newest = value;
        state.newestMinute = seenMinute;
      }
      const newest = state.newest;
      if (newest === undefined) continue;
      if (this.alarmOn(state.above, state, this.dynamics.highDatapoints, seenMinute)) {
        const base = now < state.outUntil ? state.outBase : desired;
        const capacity = Math.ceil((base * newest) / rule.target - 1e-9);
        if (capacity > desired) {
          out.push({ name: rule.name, capacity });
          outBy.add(state);
        }
      } else if (!rule.disableScaleIn && now >= state.inUntil && this.alarmOn(state.below, state, this.dynamics.lowDatapoints, seenMinute)) {
        const proportional = Math.ceil((desired * newest) / rule.target - 1e-9);
        const step = Math.max(1, Math.floor((desired * this.dynamics.scaleInStepPercent) / 100));
        const capacity = Math.max(proportional, desired - step);
        if (capacity < desired) {
          trackingIn.push({ name: rule.name, capacity });
          inBy.add(state);
        }
      }
    }

    for (const state of this.steps) {
      const { rule } = state;
      const value = seen ? rule.metric(seen) : undefined;
      if (value !== undefined) state.pending.push(value);
      if (!seen || (epochMinute - this.dynamics.metricDelayMinutes + 1) % state.periodMinutes !== 0) continue;
      const datapoint = state.pending.length > 0 ? state.pending.reduce((a, b) => a + b, 0) / state.pending.length : undefined;
      state.pending = [];
      state.datapoints.push(datapoint);
      if (state.datapoints.length > rule.evaluationPeriods) state.datapoints.shift();
      const known = state.datapoints.filter((d): d is number => d !== undefined);
      if (known.filter((d) => breaches(rule.comparison, d, rule.threshold)).length < rule.datapointsToAlarm) continue;
      const aggregated = rule.metricAggregationType === "Minimum" ? Math.min(...known) : rule.metricAggregationType === "Maximum" ? Math.max(...known) : known.reduce((a, b) => a + b, 0) / known.length;
      const step = stepFor(rule.steps, aggregated - rule.threshold, rule.comparison.startsWith("Greater"));
      if (!step) continue;
      const outCapacity = adjustedCapacity(rule, now < state.outUntil ? state.outBase : desired, step.adjustment);
      const inCapacity = adjustedCapacity(rule, desired, step.adjustment);
      if (outCapacity > desired) {
        out.push({ name: rule.name, capacity: outCapacity });
        outBy.add(state);
      } else if (inCapacity < desired && now >= state.inUntil) {
        stepIn.push({ name: rule.name, capacity: inCapacity });
        inBy.add(state);
      }
    }

    if (floor && floor.capacity > desired) out.push({ name: floor.name, capacity: floor.capacity });

    const clamp = (capacity: number, least: number) => Math.min(limits.max, Math.max(least, capacity));
    if (out.length > 0) {
      const capacity = clamp(Math.max(...out.map((r) => r.capacity)), limits.min);
      if (capacity <= desired) return undefined;
      for (const state of outBy) {
        state.outBase = now < state.outUntil ? state.outBase : desired;
        state.outUntil = now + this.outCooldownOf(state);
      }
      for (const state of [...this.tracking, ...this.steps]) state.inUntil = -Infinity;
      return { desired: capacity, by: out.filter((r) => r.capacity >= capacity).map((r) => r.name) };
    }
    const candidates = [...stepIn];
    if (trackingVoters > 0 && trackingIn.length === trackingVoters) candidates.push(...trackingIn);
    else for (const state of this.tracking) inBy.delete(state);
    if (candidates.length === 0) return undefined;
    const largest = Math.max(...candidates.map((r) => r.capacity));
    const capacity = clamp(largest, lowest);
    if (capacity >= desired) return undefined;
    for (const state of inBy) state.inUntil = now + this.inCooldownOf(state);
    return { desired: capacity, by: candidates.filter((r) => r.capacity === largest).map((r) => r.name) };
  }

  /**
   * Whether an alarm of `datapoints` datapoints is in ALARM: its last `datapoints` datapoints that
   * were not missing all breach (`run` of them in a row do), and its evaluation range (the last
   * `datapoints` minutes) has at least one datapoint (otherwise INSUFFICIENT_DATA).
   */
  private alarmOn(run: number, state: TrackingState, datapoints: number, seenMinute: number): boolean {
    return run >= datapoints && state.newestMinute > seenMinute - datapoints;
  }

  private recordForecastLoad(epochMinute: number, sim: SimulatedMinute): void {
    for (const state of this.forecasts) {
      const load = state.rule.load(sim);
      const hour = Math.floor(epochMinute / 60);
      if (load !== undefined) {
        const entry = state.hours.get(hour) ?? { sum: 0, minutes: 0 };
        entry.sum += load;
        entry.minutes += 1;
        state.hours.set(hour, entry);
      }
      // Refresh every 6 hours on the hour, from complete hours only.
      const nextMinute = epochMinute + 1;
      if (nextMinute % 60 !== 0) continue;
      const nextHour = nextMinute / 60;
      if (nextHour % PREDICTIVE.refreshHours !== 0 || nextHour <= state.lastRefresh) continue;
      state.lastRefresh = nextHour;
      const history = [...state.hours.keys()].filter((h) => h < nextHour && h >= nextHour - PREDICTIVE.historyDays * 24);
      if (history.length < PREDICTIVE.minimumHistoryHours) continue;
      state.forecast.clear();
      for (let h = nextHour; h < nextHour + PREDICTIVE.forecastHours; h++) {
        let sum = 0;
        let days = 0;
        for (let k = 1; k <= PREDICTIVE.historyDays; k++) {
          const past = state.hours.get(h - 24 * k);
          if (h - 24 * k >= nextHour || !past || past.minutes === 0) continue;
          sum += past.sum / past.minutes;
          days++;
        }
        if (days > 0) state.forecast.set(h, Math.ceil(sum / days / state.rule.target - 1e-9));
      }
      for (const h of [...state.hours.keys()]) if (h < nextHour - PREDICTIVE.historyDays * 24) state.hours.delete(h);
    }
  }

  private outCooldownOf(state: Cooldowns): number {
    const rule = (state as TrackingState | StepState).rule;
    return rule.kind === "target-tracking" ? rule.scaleOutCooldownSeconds : rule.cooldownSeconds;
  }

  private inCooldownOf(state: Cooldowns): number {
    const rule = (state as TrackingState | StepState).rule;
    return rule.kind === "target-tracking" ? rule.scaleInCooldownSeconds : rule.cooldownSeconds;
  }
}
