import type { PreviewSignal } from "../config/preview-schema";
import type { ALARM_COMPARISONS, STEP_ADJUSTMENT_TYPES } from "../config/scaling-schema";
import type { StepAdjustment } from "./step-scaling-policy";

/**
 * What the scaling preview (lib/preview) and the policy kinds agree on: the simulated
 * minute a policy's metric is computed from, and the rules a policy adds to the preview's
 * model of Application Auto Scaling. Each kind in lib/scaling/policies/ turns its config
 * entry into rules here, beside the code that turns the same entry into Terraform.
 * Types and small values only: the synth path loads this file, never the preview engine.
 */

/** One minute of a service as the preview's service model leaves it. */
export interface SimulatedMinute {
  /** Tasks serving during the minute: healthy in the target group (averaged over the minute). */
  readonly readyTasks: number;
  /**
   * RUNNING tasks during the minute: loading the model, serving or draining. ECS service CPU and
   * memory utilization and Container Insights RunningTaskCount count these, not only the serving ones.
   */
  readonly runningTasks: number;
  /** The scalable target's desired count during the minute (ready tasks plus those starting). */
  readonly desiredTasks: number;
  /** Requests that arrived in the minute. */
  readonly arrivals: number;
  /** Requests a task took in the minute, from the queue or as they arrived. */
  readonly served: number;
  /** Work (requests, or tokens with a tokensPerSecond capacity) the ready tasks served in the minute. */
  readonly workServed: number;
  /** Work the ready tasks could have served in the minute. */
  readonly workCapacity: number;
  /** Requests waiting for a task at the end of the minute (a worker's visible messages). */
  readonly waiting: number;
  /** Mean wait in seconds of the requests served in the minute; 0 when none was served. */
  readonly meanWaitSeconds: number;
  /** Seconds a request takes once a task has taken it, this minute (the serving model's: constant, or an LLM's prefill and decode). */
  readonly responseSeconds: number;
  /** Seconds from a task taking a request to its first token (an LLM's prefill and first decode step; the response time otherwise). */
  readonly firstTokenSeconds: number;
}

/** The service assumptions metrics are computed with: the resolved `preview` section. */
export interface PreviewAssumptions {
  /** Seconds a request takes once a task has taken it. */
  readonly responseSeconds: number;
  /** CPU utilization (%) of a task at full capacity; CPU is proportional to load. */
  readonly cpuPercentAtCapacity: number;
  /** Memory utilization (%) of a task, constant. */
  readonly memoryPercent: number;
}

/**
 * A policy's metric as CloudWatch would publish it for a simulated minute; undefined when
 * there would be no datapoint (no task to average over, no request to time).
 */
export type SimulatedMetric = (minute: SimulatedMinute) => number | undefined;

/** What a policy kind needs to build its preview rules. */
export interface PreviewContext {
  /** The service's scaling minimum (a queue policy with 0 adds the scale-from/to-zero alarms). */
  readonly min: number;
  readonly assumptions: PreviewAssumptions;
  /** `preview.metrics`: what custom and step policies' metrics stand for, by policy name. */
  readonly signals: Readonly<Record<string, PreviewSignal>>;
  /** Where the service is, for messages: `config/prod.yaml: services.chat`. */
  readonly where: string;
}

/** Target tracking: alarm high after N datapoints above the target, low after M below 90% of it. */
export interface TargetTrackingRule {
  readonly kind: "target-tracking";
  readonly name: string;
  readonly target: number;
  readonly metric: SimulatedMetric;
  readonly scaleOutCooldownSeconds: number;
  readonly scaleInCooldownSeconds: number;
  readonly disableScaleIn: boolean;
}

/** Step scaling on an alarm: the adjustment of the step the metric falls in, while the alarm is in ALARM. */
export interface StepRule {
  readonly kind: "step";
  readonly name: string;
  readonly metric: SimulatedMetric;
  readonly comparison: (typeof ALARM_COMPARISONS)[number];
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  /** Breaching datapoints (of evaluationPeriods) that raise the alarm. */
  readonly datapointsToAlarm: number;
  readonly adjustmentType: (typeof STEP_ADJUSTMENT_TYPES)[number];
  /** With PercentChangeInCapacity: the least number of tasks to change. @default none */
  readonly minAdjustmentMagnitude?: number;
  readonly cooldownSeconds: number;
  readonly metricAggregationType: "Average" | "Minimum" | "Maximum";
  readonly steps: readonly StepAdjustment[];
}

/**
 * Predictive scaling that acts (ForecastAndScale): an hourly capacity forecast, ceil(forecast
 * load / target), refreshed every 6 hours from up to 14 days of the load metric, holds as the
 * hour's minimum from `schedulingBufferSeconds` before the hour; it never scales in (see
 * PREDICTIVE in lib/preview/dynamics.ts).
 */
export interface ForecastRule {
  readonly kind: "forecast";
  readonly name: string;
  readonly target: number;
  /** Total load of a minute in the metric's units summed over tasks (a per-task metric times the tasks). */
  readonly load: SimulatedMetric;
  readonly schedulingBufferSeconds: number;
}

/** A policy the preview leaves out, and why (printed with the results). */
export interface IgnoredRule {
  readonly kind: "ignored";
  readonly name: string;
  readonly reason: string;
}

export type PreviewRule = TargetTrackingRule | StepRule | ForecastRule | IgnoredRule;

/** A policy the preview cannot model as configured; the message says what to set. */
export class PreviewUnsupportedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PreviewUnsupportedError";
  }
}
