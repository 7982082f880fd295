import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import type { ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import { HclExpression } from "../hcl/hcl-expression";

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

export interface LoadBalancedEcsServiceProps {
  /** ECS service name. */
  readonly name: string;
  /** ARN of the cluster the service runs in. */
  readonly clusterArn: string;
  /** ARN of the task definition revision to run. */
  readonly taskDefinitionArn: string;
  /** Tasks on the first apply; autoscaling owns the count afterwards. */
  readonly desiredCount: number;
  /**
   * Where the tasks run; an expression is a list of objects with `capacity_provider`,
   * `base` and `weight` that Terraform computes.
   */
  readonly capacityProviderStrategy: readonly CapacityProviderShare[] | HclExpression;
  /** Fargate platform version; an expression may be null (EC2 capacity). @default "LATEST" */
  readonly platformVersion?: string;
  /** Seconds after a task starts during which failed load balancer health checks are ignored. */
  readonly healthCheckGracePeriodSeconds: number;
  /** Target group the tasks register with. */
  readonly targetGroupArn: string;
  /** Container of the task that receives the load balancer's traffic. */
  readonly containerName: string;
  /** Port of that container. */
  readonly containerPort: number;
  /** Subnets of the tasks (awsvpc networking). */
  readonly subnetIds: string[];
  /** Security groups of the tasks. */
  readonly securityGroupIds: string[];
  /** Gives tasks public IPs (Fargate in public subnets only). */
  readonly assignPublicIp: boolean;
  /** Created after these (the listener rule, so the target group is attached; the cluster's capacity providers). @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * An ECS service behind a load balancer target group, with the house's deployment
 * settings: 100% healthy while 200% may run, the circuit breaker rolling a failed
 * deployment back, tags propagated from the service, and `desired_count` ignored after
 * the first apply because Application Auto Scaling owns it. A function, not a construct,
 * so the service keeps the logical id its caller gives it.
 */
export function loadBalancedEcsService(scope: Construct, id: string, props: LoadBalancedEcsServiceProps): EcsService {
  const strategy = props.capacityProviderStrategy;
  const service = new EcsService(scope, id, {
    name: props.name,
    cluster: props.clusterArn,
    taskDefinition: props.taskDefinitionArn,
    desiredCount: props.desiredCount,
    capacityProviderStrategy: HclExpression.isHclExpression(strategy) ? undefined : strategy.map((share) => ({ ...share })),
    platformVersion: props.platformVersion ?? "LATEST",
    healthCheckGracePeriodSeconds: props.healthCheckGracePeriodSeconds,
    ...SAFE_DEPLOYMENT_SETTINGS,
    lifecycle: { ignoreChanges: [...SAFE_DEPLOYMENT_SETTINGS.lifecycle.ignoreChanges] },
    loadBalancer: [{ targetGroupArn: props.targetGroupArn, containerName: props.containerName, containerPort: props.containerPort }],
    networkConfiguration: {
      subnets: props.subnetIds,
      securityGroups: props.securityGroupIds,
      assignPublicIp: props.assignPublicIp,
    },
    dependsOn: props.dependsOn,
  });
  if (HclExpression.isHclExpression(strategy)) {
    service.addOverride("dynamic.capacity_provider_strategy", {
      for_each: strategy.asString(),
      content: {
        capacity_provider: "${capacity_provider_strategy.value.capacity_provider}",
        base: "${capacity_provider_strategy.value.base}",
        weight: "${capacity_provider_strategy.value.weight}",
      },
    });
  }
  return service;
}
