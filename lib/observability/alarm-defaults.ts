/**
 * Default thresholds of the service alarms (docs/metrics.md lists them). Kept apart from the zod
 * schema so the constructs and the docs can read them without loading the validator.
 */
export const ALARM_DEFAULTS = {
  /** Latency objective (s) when the service's preview section gives none. */
  latencySeconds: 10,
  /** 5xx share (%) of target responses. */
  errorRatePercent: 5,
  /** Unhealthy targets. */
  unhealthyTargets: 1,
  /** Minutes a latency, error or health condition holds before the alarm fires. */
  evaluationMinutes: 5,
  /** Minutes at the scaling maximum. */
  atMaxMinutes: 15,
  /** Oldest message age (s) when the worker has no queue policy. */
  oldestMessageSeconds: 600,
} as const;

/**
 * The alarm kinds of a web service that roll its deployments back: they fire when the new task
 * definition serves errors, fails its health checks or answers too slowly. Running at the scaling
 * maximum is not one: it says nothing about the new revision.
 */
export const ROLLBACK_ALARM_KINDS = ["errors", "unhealthy", "latency"] as const;
