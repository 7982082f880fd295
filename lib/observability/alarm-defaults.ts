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
 * definition serves errors or answers too slowly. Not the unhealthy-target alarm: new targets of
 * a model server fail the load balancer's checks while the model loads (the grace period does not
 * hide them from UnHealthyHostCount), so it would roll back healthy deployments; tasks that never
 * pass are the deployment circuit breaker's. Not running at the scaling maximum either: it says
 * nothing about the new revision.
 */
export const ROLLBACK_ALARM_KINDS = ["errors", "latency"] as const;
