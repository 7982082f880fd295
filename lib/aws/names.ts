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
  /** Log group the metrics sidecar writes embedded-metric-format events to. */
  metricsLogGroup: (c: NamingContext, service: string) => `/ecs/${c.project}/${c.environment}/${service}/metrics`,
  /** The environment's SNS topic for alarms, and its KMS key alias (`alias/<name>`). */
  alertTopic: (c: NamingContext) => `${c.project}-${c.environment}-alerts`,
  /** The environment's CloudWatch dashboard. */
  dashboard: (c: NamingContext) => `${c.project}-${c.environment}`,
  queue: (c: NamingContext, service: string) => `${c.project}-${c.environment}-${service}`,
  deadLetterQueue: (c: NamingContext, service: string) => `${c.project}-${c.environment}-${service}-dlq`,
  /** The prefix of every log group of the environment (what its key's policy admits). */
  logGroupPrefix: (c: NamingContext) => `/ecs/${c.project}/${c.environment}/`,
  /** Alias of the environment's KMS key (log groups, queues, alert topic). */
  keyAlias: (c: NamingContext) => `alias/ecs-ai-autoscaling/${c.project}/${c.environment}`,
  /** The web ACL the stack creates for the load balancer (WAF names: 1-128 of letters, digits, _ and -). */
  webAcl: (c: NamingContext) => `${c.project}-${c.environment}`,
  /**
   * The bucket the stack creates for the load balancer's access logs: globally unique through the
   * account id (a Terraform reference: 12 digits, so at most 16 + 16 + 10 + 12 + 1 = 55 of S3's 63 characters).
   */
  loadBalancerLogBucket: (c: NamingContext, accountId: string) => `${c.project}-${c.environment}-alb-logs-${accountId}`,
  /** The second target group blue/green, canary and linear deployments move traffic to. */
  alternateTargetGroup: (c: NamingContext, service: string) => `${c.project}-${c.environment}-${service}-g`,
  /** The role ECS assumes to move a service's traffic between its target groups during deployments. */
  deploymentRole: (c: NamingContext, service: string) => `${c.project}-${c.environment}-${service}-deploy`,
  /** The role ECS assumes to create and attach a service's managed EBS volumes (model cache). */
  volumeRole: (c: NamingContext, service: string) => `${c.project}-${c.environment}-${service}-volumes`,
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
  { what: "log group name", max: 512, perService: true, name: names.metricsLogGroup },
  { what: "SNS topic name", max: 256, perService: false, name: names.alertTopic },
  { what: "CloudWatch dashboard name", max: 255, perService: false, name: names.dashboard },
];

/** AWS names of a GPU service's capacity (compute: gpu), one set per service. */
export const gpuNames = {
  /** Capacity provider, launch template and Auto Scaling group. */
  capacity: (c: NamingContext, service: string) => `${c.project}-${c.environment}-${service}-gpu`,
  hostSecurityGroup: (c: NamingContext, service: string) => `${c.project}-${c.environment}-${service}-gpu-hosts`,
  /** Instance role and profile of an Auto Scaling group's instances. */
  instanceRole: (c: NamingContext, service: string) => `${c.project}-${c.environment}-${service}-gpu-instance`,
  /**
   * Instance role and profile of ECS Managed Instances: AWS's managed infrastructure policy
   * may pass only roles named `ecsInstanceRole*`.
   */
  managedInstanceRole: (c: NamingContext, service: string) => `ecsInstanceRole-${c.project}-${c.environment}-${service}`,
  /** The role ECS Managed Instances assumes to launch and terminate instances. */
  infrastructureRole: (c: NamingContext, service: string) => `${c.project}-${c.environment}-${service}-ecs-infra`,
};

/** AWS's length limits on the GPU names, checked for each `compute: gpu` service. */
export const GPU_NAME_LIMITS: ReadonlyArray<{
  readonly what: string;
  readonly max: number;
  readonly provisioning: "auto-scaling-group" | "managed-instances" | "both";
  readonly name: (c: NamingContext, service: string) => string;
}> = [
  { what: "ECS capacity provider name", max: 255, provisioning: "both", name: gpuNames.capacity },
  { what: "launch template name", max: 128, provisioning: "auto-scaling-group", name: gpuNames.capacity },
  { what: "IAM role name", max: 64, provisioning: "auto-scaling-group", name: gpuNames.instanceRole },
  { what: "IAM role name", max: 64, provisioning: "managed-instances", name: gpuNames.managedInstanceRole },
  { what: "IAM role name", max: 64, provisioning: "managed-instances", name: gpuNames.infrastructureRole },
];

/** AWS names of what the state stack creates for a state bucket. */
export const stateNames = {
  /** S3 server access logs of the state bucket go to a bucket of their own. */
  accessLogBucket: (bucket: string) => `${bucket}-logs`,
  /** Alias of the state bucket's KMS key (alias names take no dots; bucket names may have them). */
  keyAlias: (bucket: string) => `alias/ecs-ai-autoscaling/state/${bucket.replace(/\./g, "-")}`,
};

/** S3's limit on bucket names. Source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html */
export const S3_BUCKET_NAME_MAX = 63;
