
/**
 * The house's deployment settings of every ECS service: 100% healthy while 200% may run,
 * the circuit breaker rolling a failed deployment back, tags propagated from the service,
 * and `desired_count` ignored after the first apply because Application Auto Scaling owns it.
 */
export const SAFE_DEPLOYMENT_SETTINGS = {
  deploymentCircuitBreaker: { enable: true, rollback: true },
  deploymentMinimumHealthyPercent: 100,
  deploymentMaximumPercent: 200,
  propagateTags: "SERVICE",
  enableEcsManagedTags: true,
  lifecycle: { ignoreChanges: ["desired_count"] },
} as const;

/** One entry of a capacity provider strategy. */
export interface CapacityProviderShare {
  readonly capacityProvider: string;
  /** Tasks always placed on this provider first. */
  readonly base: number;
  /** Relative share of the tasks beyond the bases. */
  readonly weight: number;
}
