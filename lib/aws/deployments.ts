/**
 * Limits of ECS-native deployments (deployment controller ECS).
 * Sources: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html
 * (bakeTimeInMinutes 0-1440), https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CanaryConfiguration.html
 * (canaryPercent multiples of 0.1 from 0.1 to 100.0; canaryBakeTimeInMinutes 0-1440),
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LinearConfiguration.html
 * (stepPercent multiples of 0.1 from 3.0 to 100.0; stepBakeTimeInMinutes 0-1440),
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-blue-green.html
 * (blue/green, canary and linear shift traffic through a load balancer's second target group).
 */
export const DEPLOYMENT_LIMITS = {
  bakeMinutes: { min: 0, max: 1440 },
  canaryPercent: { min: 0.1, max: 100 },
  linearStepPercent: { min: 3, max: 100 },
  stepMinutes: { min: 0, max: 1440 },
} as const;

/** The ECS strategy of each config strategy. */
export const ECS_DEPLOYMENT_STRATEGIES = { rolling: "ROLLING", "blue-green": "BLUE_GREEN", canary: "CANARY", linear: "LINEAR" } as const;

/**
 * The AWS managed policy of the ECS infrastructure role that moves traffic between a
 * service's target groups during blue/green, canary and linear deployments.
 * Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AmazonECSInfrastructureRolePolicyForLoadBalancers.html
 */
export const ECS_LOAD_BALANCERS_INFRASTRUCTURE_POLICY = "service-role/AmazonECSInfrastructureRolePolicyForLoadBalancers";

/** CloudWatch alarm names: 1-255 characters. Source: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html */
export const ALARM_NAME_MAX = 255;

/** True for a percentage that is a multiple of 0.1 (as ECS requires), within float error. */
export function isTenth(value: number): boolean {
  return Math.abs(value * 10 - Math.round(value * 10)) < 1e-9;
}
