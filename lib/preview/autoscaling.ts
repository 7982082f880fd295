import type { ForecastRule, PreviewRule, SimulatedMinute, StepRule, TargetTrackingRule } from "../scaling/preview-rules";
import { stepFor } from "../scaling/step-scaling-policy";

/**
 * Application Auto Scaling as AWS documents it, one minute at a time:
 * - target tracking: the high alarm goes off after `highDatapoints` one-minute datapoints above
 *   the target, the low alarm after `lowDatapoints` below `lowRatio` of it; while an alarm is
 *   on, the policy asks for ceil(current capacity x metric / target) every minute
 *   (https://docs.aws.amazon.com/autoscaling/application/userguide/target-tracking-scaling-policy-overview.html);
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
 * - the result is clamped to the current minimum and maximum.
 * A missing datapoint (no task, no request) breaches neither alarm.
 */
export interface AlarmSettings {
  /** One-minute datapoints above the target that raise a target tracking policy's high alarm. @default 3 */
  readonly highDatapoints: number;
  /** One-minute datapoints below lowRatio x target that raise its low alarm. @default 15 */
  readonly lowDatapoints: number;
  /** Share of the target below which a datapoint counts toward the low alarm. @default 0.9 */
  readonly lowRatio: number;
}

export const AWS_ALARMS: AlarmSettings = { highDatapoints: 3, lowDatapoints: 15, lowRatio: 0.9 };

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
  above: number;
  below: number;
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

  constructor(
    rules: readonly PreviewRule[],
    private readonly alarms: AlarmSettings = AWS_ALARMS,
  ) {
    const cooldowns = (): Cooldowns => ({ outUntil: -Infinity, outBase: 0, inUntil: -Infinity });
    for (const rule of rules) {
      if (rule.kind === "target-tracking") this.tracking.push({ rule, above: 0, below: 0, ...cooldowns() });
      else if (rule.kind === "step") {
        this.steps.push({ rule, periodMinutes: Math.max(1, Math.round(rule.periodSeconds / 60)), pending: [], datapoints: [], ...cooldowns() });
      } else if (rule.kind === "forecast") this.forecasts.push({ rule, hours: new Map() });
    }
  }

  /**
   * Takes minute `minute`'s datapoints (the minute starting at `epochMinute`, minutes since 1970)
   * and returns the desired count from the next minute on, or undefined when it stays.
   */
  evaluate(minute: number, epochMinute: number, sim: SimulatedMinute, limits: { min: number; max: number }): ScalingDecision | undefined {
    const now = (minute + 1) * 60;
    const desired = sim.desiredTasks;
    const out: Request[] = [];
    const trackingIn: Request[] = [];
    let trackingVoters = 0;
    const stepIn: Request[] = [];
    const outBy = new Set<Cooldowns>();
    const inBy = new Set<Cooldowns>();

    for (const state of this.tracking) {
      const { rule } = state;
      const value = rule.metric(sim);
      state.above = value !== undefined && value > rule.target ? state.above + 1 : 0;
      state.below = value !== undefined && value < this.alarms.lowRatio * rule.target ? state.below + 1 : 0;
      if (!rule.disableScaleIn) trackingVoters++;
      if (value === undefined) continue;
      if (state.above >= this.alarms.highDatapoints) {
        const base = now < state.outUntil ? state.outBase : desired;
        const capacity = Math.ceil((base * value) / rule.target - 1e-9);
        if (capacity > desired) {
          out.push({ name: rule.name, capacity });
          outBy.add(state);
        }
      } else if (state.below >= this.alarms.lowDatapoints && !rule.disableScaleIn && now >= state.inUntil) {
        const capacity = Math.ceil((desired * value) / rule.target - 1e-9);
        if (capacity < desired) {
          trackingIn.push({ name: rule.name, capacity });
          inBy.add(state);
        }
      }
    }

    for (const state of this.steps) {
      const { rule } = state;
      const value = rule.metric(sim);
      if (value !== undefined) state.pending.push(value);
      if ((epochMinute + 1) % state.periodMinutes !== 0) continue;
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

    for (const state of this.forecasts) {
      const { rule } = state;
      const load = rule.load(sim);
      if (load !== undefined) {
        const hour = Math.floor(epochMinute / 60);
        const entry = state.hours.get(hour) ?? { sum: 0, minutes: 0 };
        entry.sum += load;
        entry.minutes += 1;
        state.hours.set(hour, entry);
      }
      const launchFor = epochMinute + 1 + Math.ceil(rule.schedulingBufferSeconds / 60);
      const dayBefore = state.hours.get(Math.floor(launchFor / 60) - 24);
      if (dayBefore && dayBefore.minutes > 0) {
        const capacity = Math.ceil(dayBefore.sum / dayBefore.minutes / rule.target - 1e-9);
        if (capacity > desired) out.push({ name: rule.name, capacity });
      }
    }

    const clamp = (capacity: number) => Math.min(limits.max, Math.max(limits.min, capacity));
    if (out.length > 0) {
      const capacity = clamp(Math.max(...out.map((r) => r.capacity)));
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
    const capacity = clamp(largest);
    if (capacity >= desired) return undefined;
    for (const state of inBy) state.inUntil = now + this.inCooldownOf(state);
    return { desired: capacity, by: candidates.filter((r) => r.capacity === largest).map((r) => r.name) };
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
