/**
 * AWS names of an environment's resources, derived from the config in this one place
 * so the constructs and the length checks can never disagree.
 */
export interface NamingContext {
  readonly project: string;
  readonly environment: string;
}

export const names = {
  cluster: (c: NamingContext) => `${c.project}-${c.environment}`,
  loadBalancer: (c: NamingContext) => `${c.project}-${c.environment}`,
  loadBalancerSecurityGroup: (c: NamingContext) => `${c.project}-${c.environment}-alb`,
  service: (_c: NamingContext, service: string) => service,
  serviceSecurityGroup: (c: NamingContext, service: string) => `${c.project}-${c.environment}-${service}`,
  targetGroup: (c: NamingContext, service: string) => `${c.project}-${c.environment}-${service}`,
  executionRole: (c: NamingContext, service: string) => `${c.project}-${c.environment}-${service}-execution`,
  taskRole: (c: NamingContext, service: string) => `${c.project}-${c.environment}-${service}-task`,
  taskFamily: (c: NamingContext, service: string) => `${c.project}-${c.environment}-${service}`,
  logGroup: (c: NamingContext, service: string) => `/ecs/${c.project}/${c.environment}/${service}`,
  queue: (c: NamingContext, service: string) => `${c.project}-${c.environment}-${service}`,
  deadLetterQueue: (c: NamingContext, service: string) => `${c.project}-${c.environment}-${service}-dlq`,
  /** Prefix of a service's scaling policies, alarms and scheduled actions. */
  scalingPrefix: (c: NamingContext, service: string) => `${c.project}-${c.environment}-${service}`,
};

/** AWS's length limits on the names above: what each name is, its limit, and how to compute it. */
export const NAME_LIMITS: ReadonlyArray<{
  readonly what: string;
  readonly max: number;
  readonly perService: boolean;
  /** Service kinds that have this resource. @default every kind */
  readonly kinds?: ReadonlyArray<"web" | "worker">;
  readonly name: (c: NamingContext, service: string) => string;
}> = [
  { what: "ECS cluster name", max: 255, perService: false, name: names.cluster },
  { what: "load balancer name", max: 32, perService: false, name: names.loadBalancer },
  { what: "ECS service name", max: 255, perService: true, name: names.service },
  { what: "target group name", max: 32, perService: true, name: names.targetGroup, kinds: ["web"] },
  { what: "SQS queue name", max: 80, perService: true, name: names.deadLetterQueue, kinds: ["worker"] },
  { what: "IAM role name", max: 64, perService: true, name: names.executionRole },
  { what: "IAM role name", max: 64, perService: true, name: names.taskRole },
  { what: "task definition family", max: 255, perService: true, name: names.taskFamily },
  { what: "security group name", max: 255, perService: true, name: names.serviceSecurityGroup },
];
