
/**
 * The house's deployment settings of every ECS service: 100% healthy while 200% may run,
 * the circuit breaker rolling a failed deployment back, tags propagated from the service,
 * `desired_count` ignored after the first apply because Application Auto Scaling owns it, and
 * `force_new_deployment`: ECS refuses a change to a service's capacity provider strategy without
 * a new deployment, and the AWS provider refuses to plan one ("force_new_deployment should be
 * true when capacity_provider_strategy is being updated"), so without it a changed base, weight
 * or a move between Fargate and GPU capacity would break every plan after the first apply. It
 * only acts when the service is updated anyway; it does not redeploy on every apply.
 */
export const SAFE_DEPLOYMENT_SETTINGS = {
  forceNewDeployment: true,
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
