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
/** Target group names: at most 32 characters. Source: https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html */
export const TARGET_GROUP_NAME_MAX = 32;
/** IAM role names: at most 64 characters. Source: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html */
export const IAM_ROLE_NAME_MAX = 64;

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
  { what: "target group name", max: TARGET_GROUP_NAME_MAX, perService: true, name: names.targetGroup, kinds: ["web"] },
  { what: "SQS queue name", max: 80, perService: true, name: names.deadLetterQueue, kinds: ["worker"] },
  { what: "IAM role name", max: IAM_ROLE_NAME_MAX, perService: true, name: names.executionRole },
  { what: "IAM role name", max: IAM_ROLE_NAME_MAX, perService: true, name: names.taskRole },
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

/**
 * Where AWS requires each kind of name to be unique: in the account (IAM is global), in a Region
 * of the account, in a VPC (security groups), or among one scalable target's scaling policies.
 * Sources: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html (IAM names
 * are unique in the account), https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html
 * (a group name is unique in its VPC), https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html
 * (a policy name is unique per scalable target; putting one with a taken name updates that policy),
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html (a dashboard
 * of a taken name is replaced; dashboards belong to the account, not a Region:
 * arn:aws:cloudwatch::<account>:dashboard/<name>), https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
 * (putting an alarm of a taken name updates it), https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html
 * (a taken topic name returns the existing topic), https://docs.aws.amazon.com/waf/latest/APIReference/API_CreateWebACL.html
 * (WAFDuplicateItemException: a regional web ACL name is taken in the Region),
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html (bucket names are unique
 * across all accounts of a partition), and each service's Create* API for the other regional names.
 */
export const NAME_SCOPES = {
  "ECS cluster": "region",
  "load balancer": "region",
  "target group": "region",
  "security group": "vpc",
  "IAM role": "account",
  "instance profile": "account",
  "task definition family": "region",
  "log group": "region",
  "SQS queue": "region",
  "ECS capacity provider": "region",
  "launch template": "region",
  "Auto Scaling group": "region",
  "CloudWatch alarm": "region",
  "CloudWatch dashboard": "account",
  "SNS topic": "region",
  "WAF web ACL": "region",
  /** S3 names are unique in the whole partition; the stack's own log bucket names hold the account id, so two environments meet in one account. */
  "S3 bucket": "account",
  "scaling policy": "scalable target",
} as const satisfies Record<string, "account" | "region" | "vpc" | "scalable target">;

export type NameKind = keyof typeof NAME_SCOPES;

/**
 * Prefixes AWS refuses at the start of a name.
 * Sources: https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html
 * (Name "must not begin with internal-"), https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html
 * (GroupName "Cannot start with sg-").
 */
export const RESERVED_NAME_PREFIXES: Partial<Record<NameKind, readonly string[]>> = {
  "load balancer": ["internal-"],
  "security group": ["sg-"],
};

/** AWS names of what the state stack creates for a state bucket. */
export const stateNames = {
  /** S3 server access logs of the state bucket go to a bucket of their own. */
  accessLogBucket: (bucket: string) => `${bucket}-logs`,
  /**
   * Alias of the state bucket's KMS key. Alias names take no dots, and bucket names have no `_`, so
   * `.` becomes `_`: one alias per bucket name (with `-`, x.state-a and x-state.a would share one).
   */
  keyAlias: (bucket: string) => `alias/ecs-ai-autoscaling/state/${bucket.replace(/\./g, "_")}`,
};

/** S3's limit on bucket names. Source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html */
export const S3_BUCKET_NAME_MAX = 63;

/**
 * Names that match the resource-name format but that a construct id cannot be: the constructs
 * library keeps a construct's children in a plain object, so an id that is a property of every
 * JavaScript object (`constructor`) is "already there" and the synth would fail with a stack trace.
 */
export const UNUSABLE_CONSTRUCT_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype).filter((name) => /^[a-z][a-z0-9-]*$/.test(name)));

/** The message for a name in {@link UNUSABLE_CONSTRUCT_NAMES}. */
export const UNUSABLE_CONSTRUCT_NAME_MESSAGE = "is a property of every JavaScript object, which the construct library cannot take as a construct id: choose another name";

/** The name of one of a service's own alarms: its scaling prefix and the alarm's kind (`acme-prod-chat-errors`). */
export function serviceAlarmName(namePrefix: string, kind: string): string {
  return `${namePrefix}-${kind}`;
}
