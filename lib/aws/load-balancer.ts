/**
 * Application Load Balancer facts the config is checked against: listener rule priorities,
 * path-pattern lengths, the target group health check's timing rule, security policies and how
 * many rules one load balancer takes.
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

/**
 * Security policies an HTTPS listener of an Application Load Balancer takes.
 * Source: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html,
 * as the AWS CDK lists them (aws-cdk-lib/aws-elasticloadbalancingv2/lib/shared/enums.ts, SslPolicy,
 * with the 2025-09 post-quantum policies). A policy AWS adds later goes here.
 */
export const ALB_SSL_POLICIES = [
  "ELBSecurityPolicy-TLS13-1-2-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
  "ELBSecurityPolicy-2016-08",
  "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
  "ELBSecurityPolicy-TLS13-1-0-2021-06",
  "ELBSecurityPolicy-TLS13-1-1-2021-06",
  "ELBSecurityPolicy-TLS13-1-3-2021-06",
  "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-0-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-1-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-0-FIPS-PQ-2025-09",
  "ELBSecurityPolicy-FS-1-2-Res-2020-10",
  "ELBSecurityPolicy-FS-1-2-Res-2019-08",
  "ELBSecurityPolicy-FS-1-2-2019-08",
  "ELBSecurityPolicy-FS-1-1-2019-08",
  "ELBSecurityPolicy-FS-2018-06",
  "ELBSecurityPolicy-TLS-1-2-2017-01",
  "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
  "ELBSecurityPolicy-TLS-1-1-2017-01",
  "ELBSecurityPolicy-TLS-1-0-2015-04",
] as const;

/**
 * Rules an Application Load Balancer takes, not counting the listeners' default rules; each web
 * service adds one.
 * Source: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html
 * ("Rules per Application Load Balancer (excluding default rules): 100").
 */
export const MAX_RULES_PER_LOAD_BALANCER = 100;

/**
 * Target groups one Application Load Balancer takes: each web service has one, and a second with
 * a blue/green, canary or linear deployment. Same source ("Target groups per Application Load
 * Balancer: 100", not adjustable).
 */
export const MAX_TARGET_GROUPS_PER_LOAD_BALANCER = 100;
