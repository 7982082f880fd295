/**
 * Application Load Balancer facts the config is checked against: listener rule priorities,
 * path-pattern lengths and the target group health check's timing rule.
 */

/**
 * Listener rule priorities: 1-50000, unique on a listener, lower evaluated first.
 * Source: https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateRule.html (Priority)
 */
export const LISTENER_RULE_PRIORITY = { min: 1, max: 50000 } as const;

/**
 * Longest value of a path-pattern condition (a routing prefix P becomes "P" and "P/*", so P
 * itself may have at most 126 characters).
 * Source: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html#path-conditions
 */
export const PATH_PATTERN_MAX_LENGTH = 128;

/**
 * Longest value of a host-header condition.
 * Source: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html#host-conditions
 */
export const HOST_MAX_LENGTH = 128;

/** Longest routing path prefix: its "P/*" pattern must fit {@link PATH_PATTERN_MAX_LENGTH}. */
export const PATH_PREFIX_MAX_LENGTH = PATH_PATTERN_MAX_LENGTH - 2;

/**
 * A target group's health check timeout must be smaller than its interval (CreateTargetGroup
 * fails with "Health check timeout must be smaller than the interval").
 * Source: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
 */
export function healthCheckTimingProblem(check: { readonly intervalSeconds: number; readonly timeoutSeconds: number }): string | undefined {
  if (check.timeoutSeconds < check.intervalSeconds) return undefined;
  return `must be smaller than intervalSeconds (${check.intervalSeconds}): AWS rejects a target group health check whose timeout is not below its interval`;
}
