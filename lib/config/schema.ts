import { z } from "zod";
import {
  ACM_CERTIFICATE_ARN,
  DYNAMODB_TABLE,
  ENV_VAR_NAME,
  HOST_NAME,
  HTTP_MATCHER,
  HTTP_PATH,
  IMAGE_SHAPE,
  isHostName,
  isHttpMatcher,
  isImageReference,
  isPathPrefix,
  MAX_HEALTH_CHECK_PATH_LENGTH,
  PATH_PREFIX_SHAPE,
  RESOURCE_NAME,
  S3_BUCKET,
  SECRETS_MANAGER_ARN,
  SSM_PARAMETER_ARN,
  SUBNET_ID,
  VPC_ID,
  isCidr,
} from "../aws/formats";
import { isIamResource } from "../aws/arns";
import { LOG_RETENTION_DAYS } from "../aws/cloudwatch";
import { EFS_ACCESS_POINT_ARN, EFS_FILE_SYSTEM_ARN, GP3_BASELINE_IOPS, SNAPSHOT_ID } from "../aws/storage";
import { ALB_SSL_POLICIES, LISTENER_RULE_PRIORITY } from "../aws/load-balancer";
import { ALARM_NAME_MAX, DEPLOYMENT_LIMITS, isTenth } from "../aws/deployments";
import { AWS_REGION_NAMES, isAwsRegion } from "../aws/regions";
import { UNUSABLE_CONSTRUCT_NAME_MESSAGE, UNUSABLE_CONSTRUCT_NAMES } from "../aws/names";
import { closest } from "./suggest";
import type { ConfigProblem } from "./problems";
import { RULE_IDS } from "../security/rule-ids";
import { ComputeSchema } from "./compute";
import type { ResolvedCompute } from "../capacity/kinds/compute";
import { type PreviewConfig, PreviewSchema } from "./preview-schema";
import { ScalingSchema, type ScalingConfig } from "./scaling-schema";
import { DEFAULT_LOG_RETENTION_DAYS, PRODUCTION_LOG_RETENTION_MIN_DAYS } from "./security-defaults";
import { AccessLogsSchema, KmsKeyArnSchema, WebAclSchema } from "./security-schema";
import { AlarmsSchema, ObservabilitySchema, ServerMetricsSchema } from "./observability-schema";
import type { ResolvedAlarms, ResolvedServerMetrics } from "./resolve-observability";
import { format, int, oneOf, pattern, strict } from "./zod-helpers";

/**
 * The one schema every `config/<env>.yaml` is checked against. Field descriptions
 * here are what editors show (through `config/schema.json`) and what the config reference
 * (docs/reference/config.md) is generated from; defaults are filled here and nowhere else.
 */

export const logRetentionDays = z
  .number({ error: "must be a number" })
  .meta({ enum: [...LOG_RETENTION_DAYS] })
  .refine((v) => (LOG_RETENTION_DAYS as readonly number[]).includes(v), {
    error: `must be one of the retention periods CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(", ")}`,
  });

/** An AWS Region of the list in lib/aws/regions.ts; a near miss is named in the message. */
const region = () =>
  z
    .string({ error: 'must be a string (an AWS Region such as "us-east-1")' })
    .meta({ enum: [...AWS_REGION_NAMES] })
    .superRefine((value, context) => {
      if (isAwsRegion(value)) return;
      const near = closest(value.slice(0, 64), AWS_REGION_NAMES);
      context.addIssue({ code: "custom", input: value, message: `is not an AWS Region${near ? ` (did you mean ${near}?)` : ""}; Regions: ${AWS_REGION_NAMES.join(", ")}` });
    });

export const RoutingSchema = strict({
  pathPrefix: format(isPathPrefix, PATH_PREFIX_SHAPE, 'a path such as "/chat" (no wildcards, no "//"; "/" catches everything)')
    .optional()
    .describe('Route requests whose path is this prefix or below it ("/v1/chat/" is "/v1/chat"). Default: not used.'),
  host: format(isHostName, HOST_NAME, 'a host name such as "chat.example.com" or "*.example.com"')
    .optional()
    .describe("Route requests with this Host header. Default: not used."),
  priority: int(
    "Listener rule priority (lower wins). Default: derived from the service's own route and name, more specific routes first, so adding or removing another service never renumbers it (see docs/routing.md).",
  )
    .min(LISTENER_RULE_PRIORITY.min, { error: `must be ${LISTENER_RULE_PRIORITY.min} or more` })
    .max(LISTENER_RULE_PRIORITY.max, { error: `must be at most ${LISTENER_RULE_PRIORITY.max} (the ALB limit)` })
    .optional(),
}).describe("How the shared load balancer sends requests to this service: pathPrefix, host, or both.");

export const HealthCheckSchema = strict({
  path: pattern(HTTP_PATH, `an HTTP path such as "/health" of at most ${MAX_HEALTH_CHECK_PATH_LENGTH} characters`)
    .max(MAX_HEALTH_CHECK_PATH_LENGTH, { error: `must be at most ${MAX_HEALTH_CHECK_PATH_LENGTH} characters (the target group limit)` })
    .default("/health")
    .describe("Path the load balancer probes."),
  matcher: format(isHttpMatcher, HTTP_MATCHER, 'HTTP codes between 200 and 499 such as "200", "200-299" or "200,204" (what an Application Load Balancer accepts)').default("200").describe("Status codes that mean healthy."),
  intervalSeconds: int("Seconds between probes.").min(5, { error: "must be at least 5" }).max(300, { error: "must be at most 300" }).default(15),
  timeoutSeconds: int("Seconds before a probe counts as failed.").min(2, { error: "must be at least 2" }).max(120, { error: "must be at most 120" }).default(5),
  healthyThreshold: int("Consecutive successes before a target is healthy.").min(2, { error: "must be at least 2" }).max(10, { error: "must be at most 10" }).default(2),
  unhealthyThreshold: int("Consecutive failures before a target is unhealthy.").min(2, { error: "must be at least 2" }).max(10, { error: "must be at most 10" }).default(3),
}).describe("The target group's health check.");

export const ContainerHealthCheckSchema = strict({
  command: z
    .string()
    .min(1, { error: "must not be empty" })
    .describe('Shell command run inside the container (CMD-SHELL), e.g. "curl -fsS http://localhost:8080/health || exit 1".'),
  intervalSeconds: int("Seconds between checks.").min(5, { error: "must be at least 5" }).max(300, { error: "must be at most 300" }).default(30),
  timeoutSeconds: int("Seconds before a check counts as failed.").min(2, { error: "must be at least 2" }).max(60, { error: "must be at most 60" }).default(5),
  retries: int("Failures before the container is unhealthy.").min(1, { error: "must be at least 1" }).max(10, { error: "must be at most 10" }).default(3),
  startPeriodSeconds: int("Grace period for model loading before failures count. Default: the service's startupSeconds, at most 300 (the ECS limit).").min(0, { error: "must be 0 or more" }).max(300, { error: "must be at most 300 (the ECS limit)" }).optional(),
}).describe("Container health check run by the ECS agent. Default: none (the load balancer's check decides).");

export const PolicyStatementSchema = strict({
  actions: z.array(z.string().regex(/^(\*|[a-z0-9-]+:[A-Za-z0-9*]+)$/, { error: 'must be an IAM action such as "s3:GetObject"' })).min(1, { error: "must list at least one action" }).describe("IAM actions."),
  resources: z
    .array(z.string().refine(isIamResource, { error: 'must be "*" or an ARN: arn:<partition>:<service>:<region>:<account>:<resource> (wildcards * and ? allowed in each part)' }))
    .min(1, { error: "must list at least one resource" })
    .describe("Resource ARNs."),
}).describe("An Allow statement on the task role.");

export const FilesystemSchema = strict({
  readOnlyRoot: z.boolean().default(true).describe("Run the container with a read-only root filesystem (rule AIS-ECS-2)."),
  writablePaths: z
    .array(z.string().regex(/^\/[A-Za-z0-9._/-]*$/, { error: 'must be an absolute path such as "/tmp"' }))
    .max(10, { error: "must list at most 10 paths" })
    .default(["/tmp"])
    .describe("Directories that stay writable: task-scoped scratch volumes mounted there (model caches, /tmp)."),
  reason: z.string().optional().describe("Why the root filesystem must be writable; required when readOnlyRoot is false, printed by the synth."),
}).describe("The container's filesystem.");

export const DEPLOYMENT_STRATEGIES = ["rolling", "blue-green", "canary", "linear"] as const;

const percent = (description: string, limits: { min: number; max: number }) =>
  z
    .number({ error: "must be a number" })
    .min(limits.min, { error: `must be at least ${limits.min}` })
    .max(limits.max, { error: `must be at most ${limits.max}` })
    .refine(isTenth, { error: "must be a multiple of 0.1 (ECS takes percentages in tenths)" })
    .describe(description);

const minutes = (description: string) =>
  int(description).min(DEPLOYMENT_LIMITS.bakeMinutes.min, { error: "must be 0 or more" }).max(DEPLOYMENT_LIMITS.bakeMinutes.max, { error: "must be at most 1440 (a day, the ECS limit)" });

export const DeploymentSchema = strict({
  strategy: z
    .enum(DEPLOYMENT_STRATEGIES, { error: `must be one of: ${DEPLOYMENT_STRATEGIES.join(", ")}` })
    .optional()
    .describe("rolling replaces tasks in place; blue-green starts a full new set and moves all traffic at once; canary moves canaryPercent first; linear moves linearStepPercent per step (the last three through a second target group: web services only). Default: blue-green for GPU web services, whose tasks take minutes to become healthy; rolling otherwise."),
  bakeMinutes: minutes("Minutes the old set stays ready after all traffic moved, for an instant rollback (blue-green, canary, linear).").default(15),
  canaryPercent: percent("Share of traffic (%) the new set takes first (canary). Default: 10.", DEPLOYMENT_LIMITS.canaryPercent).optional(),
  linearStepPercent: percent("Share of traffic (%) moved per step (linear). Default: 20.", DEPLOYMENT_LIMITS.linearStepPercent).optional(),
  stepMinutes: minutes("Minutes between the canary and the rest of the traffic, or between linear steps. Default: 10 (canary), 6 (linear).").optional(),
  alarms: z
    .array(z.string().min(1, { error: "must not be empty" }).max(ALARM_NAME_MAX, { error: `must be at most ${ALARM_NAME_MAX} characters (a CloudWatch alarm name)` }))
    .max(10, { error: "must list at most 10 alarms (this project's cap, besides the service's own: AWS names none)" })
    .default([])
    .describe("Names of other CloudWatch alarms that roll a deployment back; the service's own error, unhealthy-target and latency alarms do when it has them."),
}).describe("How a new task definition is rolled out, with rollback on the circuit breaker and on alarms. Default: see strategy.");

export const ModelCacheSchema = strict({
  path: z
    .string()
    .max(256, { error: "must be at most 256 characters" })
    .regex(/^\/[A-Za-z0-9._/-]*$/, { error: 'must be an absolute path such as "/models"' })
    .default("/models")
    .describe("Where the cache is mounted in the container (writable, also with a read-only root filesystem)."),
  ebs: strict({
    sizeGiB: int("Size of each task's volume (GiB); at least the snapshot's size.").min(1, { error: "must be at least 1" }).max(16384, { error: "must be at most 16384 (the gp3 limit)" }),
    snapshotId: pattern(SNAPSHOT_ID, 'an EBS snapshot id such as "snap-0123456789abcdef0"').optional().describe("A snapshot that already holds the model weights, so a task skips the download. Default: an empty volume."),
    iops: int("gp3 IOPS.").min(GP3_BASELINE_IOPS, { error: `must be at least ${GP3_BASELINE_IOPS} (the gp3 baseline)` }).max(16000, { error: "must be at most 16000 (the gp3 limit)" }).optional(),
    throughputMiBps: int("gp3 throughput (MiB/s).").min(125, { error: "must be at least 125 (the gp3 baseline)" }).max(1000, { error: "must be at most 1000 (the gp3 limit)" }).optional(),
    initializationRateMiBps: int("How fast a volume from a snapshot is filled (MiB/s), so the first reads of the weights are not slow. Default: EBS's lazy loading.")
      .min(100, { error: "must be at least 100" })
      .max(300, { error: "must be at most 300" })
      .optional(),
  })
    .optional()
    .describe("A new encrypted gp3 volume for each task (ECS-managed EBS), optionally from a snapshot with the weights."),
  efs: strict({
    fileSystemArn: pattern(EFS_FILE_SYSTEM_ARN, "an EFS file system ARN (arn:aws:elasticfilesystem:<region>:<account>:file-system/fs-...)").describe("The file system the service's tasks share."),
    accessPointArn: pattern(EFS_ACCESS_POINT_ARN, "an EFS access point ARN (arn:aws:elasticfilesystem:<region>:<account>:access-point/fsap-...)").optional().describe("Access point the tasks mount through (its root directory and POSIX user). Default: the file system's root."),
  })
    .optional()
    .describe("An EFS file system shared by all the service's tasks (one download serves every task), mounted with TLS and IAM."),
}).describe("A model cache volume: a managed EBS volume per task (optionally from a snapshot of the weights) or a shared EFS file system. Give ebs or efs.");

/** Fields every service kind has: the container, its task, and its scaling. */
const containerFields = {
  image: format(isImageReference, IMAGE_SHAPE, 'a container image of at most 255 characters such as "public.ecr.aws/org/model:1.2" or one pinned with "@sha256:<digest>"').describe("Container image, with a tag or a digest."),
  cpu: int("Task CPU units (1024 = 1 vCPU): a valid Fargate size on Fargate; on GPU instances, at most what the smallest instance type offers."),
  memory: int("Task memory in MiB: valid for the cpu on Fargate (see the Fargate task sizes); on GPU instances, at most what the smallest instance type offers after the ECS agent's reservation."),
  cpuArchitecture: z.enum(["X86_64", "ARM64"], { error: "must be X86_64 or ARM64" }).default("X86_64").describe("CPU architecture of the task; the image must be built for it."),
  command: z.array(z.string()).optional().describe("Overrides the image's command; passed on as written, a shell's ${VAR} included. Default: the image's own."),
  environment: z
    .record(pattern(ENV_VAR_NAME, "an environment variable name (letters, digits, _)"), z.string({ error: "must be a string (quote numbers and booleans)" }))
    .default({})
    .describe("Plain environment variables; values are passed on as written, ${VAR} included."),
  secrets: z
    .record(
      pattern(ENV_VAR_NAME, "an environment variable name (letters, digits, _)"),
      z.string().refine((v) => SECRETS_MANAGER_ARN.test(v) || SSM_PARAMETER_ARN.test(v), {
        error: "must be a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>) or an SSM parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>)",
      }),
    )
    .default({})
    .describe(
      "Environment variables filled from Secrets Manager or SSM Parameter Store; the execution role may read exactly these. A Secrets Manager ARN may be complete (ending in -XXXXXX) or partial; for a partial one the role reads <arn>-??????, the complete ARN IAM matches.",
    ),
  containerHealthCheck: ContainerHealthCheckSchema.optional(),
  filesystem: FilesystemSchema.prefault({}),
  startupSeconds: int(
    "Seconds from a task's launch until it serves: image pull plus model load. One number drives the load balancer's health check grace period, the container health check's start period, GPU instances' warm-up in managed scaling and the scaling preview (each can still be set on its own).",
  )
    .min(0, { error: "must be 0 or more" })
    .max(7200, { error: "must be at most 7200" })
    .default(240),
  ephemeralStorageGiB: int("Fargate task storage (GiB) for the image and model files; Fargate gives 20 GiB without it. Fargate only. Default: Fargate's 20 GiB.")
    .min(21, { error: "must be at least 21 (Fargate gives 20 GiB without it)" })
    .max(200, { error: "must be at most 200 (the Fargate limit)" })
    .optional(),
  sharedMemoryMiB: int("Size of /dev/shm (MiB) for the model server: tensor-parallel servers (gpusPerTask above 1) exchange tensors through it (NCCL). EC2 and GPU tasks only; Fargate has no shared-memory setting. Default: Docker's 64 MiB.")
    .min(1, { error: "must be at least 1" })
    .optional(),
  modelCache: ModelCacheSchema.optional(),
  deployment: DeploymentSchema.prefault({}),
  stopTimeoutSeconds: int("Seconds between SIGTERM and SIGKILL, to finish in-flight work (Fargate allows up to 120).").min(2, { error: "must be at least 2" }).max(120, { error: "must be at most 120 (the Fargate limit)" }).default(120),
  logRetentionDays: logRetentionDays.optional().describe("Overrides the environment's logRetentionDays for this service."),
  compute: ComputeSchema.prefault({}),
  taskPolicy: z.array(PolicyStatementSchema).default([]).describe("Permissions of the task role (what the container's code may call). Default: none."),
  scaling: ScalingSchema,
  metrics: ServerMetricsSchema.optional(),
  alarms: AlarmsSchema.prefault({}),
  preview: PreviewSchema.optional(),
};

export const WebServiceSchema = strict({
  kind: z.literal("web").default("web").describe("web: a model server behind the shared load balancer."),
  ...containerFields,
  port: int("Port the container listens on.").min(1, { error: "must be 1 or more" }).max(65535, { error: "must be at most 65535" }).default(8080),
  healthCheck: HealthCheckSchema.prefault({}),
  routing: RoutingSchema,
  deregistrationDelaySeconds: int("Seconds the load balancer keeps draining a stopping task's open requests.").min(0, { error: "must be 0 or more" }).max(3600, { error: "must be at most 3600" }).default(120),
  healthCheckGracePeriodSeconds: int("Seconds after a task starts during which failed load balancer health checks are ignored (model loading). Default: the service's startupSeconds.").min(0, { error: "must be 0 or more" }).max(2147483647, { error: "must be at most 2147483647" }).optional(),
}).describe("A model server behind the shared load balancer.");

export const QueueSchema = strict({
  visibilityTimeoutSeconds: int("Seconds a received message stays hidden from other workers; at least the queue policy's secondsPerMessage, so a message being processed is not handed out twice, and a stopped task's message returns after it.")
    .min(0, { error: "must be 0 or more" })
    .max(43200, { error: "must be at most 43200 (12 hours, the SQS limit)" })
    .default(300),
  maxReceiveCount: int("Receives before a message moves to the dead-letter queue.").min(1, { error: "must be at least 1" }).max(1000, { error: "must be at most 1000" }).default(5),
  messageRetentionSeconds: int("Seconds SQS keeps an unprocessed message.").min(60, { error: "must be at least 60" }).max(1209600, { error: "must be at most 1209600 (14 days, the SQS limit)" }).default(345600),
  receiveWaitTimeSeconds: int("Long-polling wait of receives.").min(0, { error: "must be 0 or more" }).max(20, { error: "must be at most 20" }).default(20),
  urlVariable: pattern(ENV_VAR_NAME, "an environment variable name (letters, digits, _)").default("QUEUE_URL").describe("Environment variable that carries the queue URL into the container."),
}).describe("The worker's SQS queue and its dead-letter queue.");

export const WorkerServiceSchema = strict({
  kind: z.literal("worker").describe("worker: reads jobs from its own SQS queue; no load balancer."),
  ...containerFields,
  queue: QueueSchema.prefault({}),
}).describe("An asynchronous worker (batch scoring, embeddings, transcription) fed by an SQS queue.");

export const ServiceSchema = oneOf("kind", [WebServiceSchema, WorkerServiceSchema], ["web", "worker"]);

export const NetworkSchema = oneOf(
  "mode",
  [
    strict({
      mode: z.literal("default-vpc").describe("The account's default VPC and its subnets; tasks get public IPs to pull images."),
    }),
    strict({
      mode: z.literal("existing").describe("A VPC you already have; tasks run in private subnets without public IPs."),
      vpcId: pattern(VPC_ID, 'a VPC id such as "vpc-0123456789abcdef0"').describe("The VPC."),
      publicSubnetIds: z.array(pattern(SUBNET_ID, 'a subnet id such as "subnet-0123456789abcdef0"')).min(2, { error: "must list at least 2 subnets in different availability zones (an ALB needs two)" }).describe("Subnets for an internet-facing load balancer."),
      privateSubnetIds: z.array(pattern(SUBNET_ID, 'a subnet id such as "subnet-0123456789abcdef0"')).min(1, { error: "must list at least 1 subnet" }).describe("Subnets for tasks (and an internal load balancer); they need a NAT gateway or VPC endpoints to pull images."),
    }),
  ],
  ["default-vpc", "existing"],
).describe("Where the load balancer and tasks run.");

export const LoadBalancerSchema = strict({
  internal: z.boolean().default(false).describe("An internal load balancer in the private subnets instead of an internet-facing one."),
  allowedCidrs: z
    .array(z.string().refine(isCidr, { error: 'must be a CIDR block such as "10.0.0.0/8" or "0.0.0.0/0" (address bits past the prefix must be zero)' }))
    .min(1, { error: "must list at least one CIDR block" })
    .default(["0.0.0.0/0"])
    .describe("Networks allowed to reach the listener ports."),
  certificateArn: pattern(ACM_CERTIFICATE_ARN, "an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)")
    .optional()
    .describe("Adds an HTTPS listener on 443 and redirects port 80 to it. Default: HTTP on 80 only."),
  sslPolicy: z
    .string({ error: "must be a string (an ELBSecurityPolicy-* name)" })
    .meta({ enum: [...ALB_SSL_POLICIES] })
    .superRefine((value, context) => {
      if ((ALB_SSL_POLICIES as readonly string[]).includes(value)) return;
      const near = closest(value.slice(0, 64), ALB_SSL_POLICIES);
      context.addIssue({ code: "custom", input: value, message: `is not a security policy of Application Load Balancers${near ? ` (did you mean ${near}?)` : ""}; policies: ${ALB_SSL_POLICIES.join(", ")}` });
    })
    .default("ELBSecurityPolicy-TLS13-1-2-2021-06")
    .describe("TLS policy of the HTTPS listener."),
  idleTimeoutSeconds: int("Idle connection timeout; long enough for streamed generations.").min(1, { error: "must be at least 1" }).max(4000, { error: "must be at most 4000" }).default(300),
  deletionProtection: z
    .boolean()
    .optional()
    .describe("Refuse to delete the load balancer until this is turned off (rule AIS-ALB-5 requires it in production). Default: true in production, false elsewhere."),
  accessLogs: AccessLogsSchema.optional(),
  webAcl: WebAclSchema.optional(),
}).describe("The environment's shared Application Load Balancer.");

export const StateSchema = strict({
  bucket: pattern(S3_BUCKET, "an S3 bucket name (3-63 characters: lower-case letters, digits, dots, hyphens)").describe("S3 bucket holding the Terraform state (created by the `state` stack)."),
  region: region().optional().describe("Region of the bucket. Default: the environment's region."),
  dynamodbTable: pattern(DYNAMODB_TABLE, "a DynamoDB table name (3-255 characters: letters, digits, _ . -)").optional().describe("Legacy DynamoDB lock table (created by the `state` stack). Default: none; S3 native locking is used."),
  encryption: z
    .enum(["kms", "s3"], { error: "must be kms or s3" })
    .default("kms")
    .describe("kms: a customer-managed KMS key the state stack creates (SSE-KMS with a bucket key), so a key policy limits who can decrypt the state; s3: S3-managed keys (rule AIS-S3-6 warns)."),
  accessLogBucket: pattern(S3_BUCKET, "an S3 bucket name (3-63 characters: lower-case letters, digits, dots, hyphens)")
    .optional()
    .describe("Bucket the state stack creates for the state bucket's S3 server access logs. Default: <bucket>-logs."),
}).describe("Remote state for this environment. Environments that share a bucket must agree on its region, encryption and access log bucket.");

export const SuppressionSchema = strict({
  rule: z.enum(RULE_IDS, { error: `must be a rule id: ${RULE_IDS.join(", ")}` }).describe("Rule id, e.g. AIS-IMG-1."),
  reason: z
    .string({ error: "must be a string" })
    .refine((r) => r.trim().length >= 10, { error: "must say why, in at least 10 characters" })
    .describe("Why the rule does not apply here; the synth prints it."),
}).describe("Switches one security rule off for this environment.");

export const PolicySchema = strict({
  suppressions: z.array(SuppressionSchema).default([]).describe("Security rules switched off in this environment, each with its reason."),
}).describe("The security rules checked on every synth (docs/reference/security-rules.md lists them).");

export const EnvironmentSchema = strict({
  project: pattern(RESOURCE_NAME, "lower-case letters, digits and hyphens, starting with a letter").max(16, { error: "must be at most 16 characters (it prefixes load balancer and target group names, which AWS limits to 32)" }).describe("Project name: prefixes resource names and sets the Project tag."),
  region: region().describe("AWS region of the environment."),
  production: z.boolean().default(false).describe("Marks a production environment (stricter security rules; accountId required)."),
  accountId: z
    .string({
      error: (issue) =>
        typeof issue.input === "number"
          ? 'must be quoted, e.g. "012345678901": YAML reads unquoted digits as a number and drops leading zeros'
          : "must be a string of 12 digits (an AWS account id)",
    })
    .regex(/^\d{12}$/, { error: "must be 12 digits (an AWS account id)" })
    .optional()
    .describe("The AWS account the environment deploys to; the provider refuses credentials of any other account (allowed_account_ids). Required when production is true. Default: any account."),
  assumeRoleArn: z
    .string({ error: "must be a string (an IAM role ARN)" })
    .optional()
    .describe("An IAM role the provider assumes before it plans and applies, for pipelines that deploy across accounts; in the environment's partition and, with accountId, in that account. Default: the credentials Terraform runs with."),
  tags: z.record(z.string(), z.string()).default({}).describe("Extra tags on every resource, besides Project, Environment and ManagedBy."),
  state: StateSchema,
  network: NetworkSchema,
  loadBalancer: LoadBalancerSchema.prefault({}),
  logRetentionDays: logRetentionDays
    .optional()
    .describe(`Days CloudWatch keeps service logs (they hold prompts and outputs). Default: ${PRODUCTION_LOG_RETENTION_MIN_DAYS} in production, where less is refused; ${DEFAULT_LOG_RETENTION_DAYS} elsewhere.`),
  kmsKeyArn: KmsKeyArnSchema.optional(),
  policy: PolicySchema.prefault({}),
  observability: ObservabilitySchema.prefault({}),
  services: z
    .record(
      pattern(RESOURCE_NAME, "a service name: lower-case letters, digits and hyphens, starting with a letter").refine((name) => !UNUSABLE_CONSTRUCT_NAMES.has(name), {
        error: UNUSABLE_CONSTRUCT_NAME_MESSAGE,
      }),
      ServiceSchema,
    )
    .refine((services) => Object.keys(services).length > 0, { error: "must define at least one service" })
    .describe("The environment's services, keyed by name."),
});

export type EnvironmentInput = z.input<typeof EnvironmentSchema>;
export type ParsedEnvironment = z.output<typeof EnvironmentSchema>;
export type RoutingConfig = z.output<typeof RoutingSchema>;
export type ParsedWebService = z.output<typeof WebServiceSchema>;
export type ParsedWorkerService = z.output<typeof WorkerServiceSchema>;
export type ParsedService = ParsedWebService | ParsedWorkerService;
export type QueueConfig = z.output<typeof QueueSchema>;
export type ContainerHealthCheckConfig = z.output<typeof ContainerHealthCheckSchema>;

/** A service's deployment, resolved. */
export interface DeploymentConfig {
  readonly strategy: (typeof DEPLOYMENT_STRATEGIES)[number];
  /** Minutes the old set stays ready after all traffic moved (not used by rolling). */
  readonly bakeMinutes: number;
  /** Canary settings, for strategy canary only. */
  readonly canary: { readonly percent: number; readonly stepMinutes: number } | undefined;
  /** Linear settings, for strategy linear only. */
  readonly linear: { readonly stepPercent: number; readonly stepMinutes: number } | undefined;
  /** CloudWatch alarms whose ALARM state rolls the deployment back. */
  readonly alarms: readonly string[];
}
export type ModelCacheConfig = z.output<typeof ModelCacheSchema>;
export type { ScalingConfig, ScalingPolicyConfig } from "./scaling-schema";
export type { PreviewConfig } from "./preview-schema";
export type NetworkConfig = z.output<typeof NetworkSchema>;
export type ParsedLoadBalancer = z.output<typeof LoadBalancerSchema>;

/** Access logs with `enabled` resolved (lib/config/resolve.ts). */
export interface AccessLogsConfig {
  readonly enabled: boolean;
  /** The bucket the stack creates. @default <project>-<environment>-alb-logs-<account id> */
  readonly bucket?: string;
  /** An existing bucket instead. @default none: the stack creates one */
  readonly existingBucket?: string;
  /** @default none */
  readonly prefix?: string;
}

/** A web ACL: an existing one, or one the stack creates with its rate limit resolved. */
export type WebAclConfig =
  | { readonly kind: "existing"; readonly arn: string }
  | { readonly kind: "managed"; readonly rateLimit: number; readonly rateLimitWindowSeconds: number };

/** The loadBalancer section with deletion protection, access logs and web ACL resolved. */
export type LoadBalancerConfig = Omit<ParsedLoadBalancer, "deletionProtection" | "accessLogs" | "webAcl"> & {
  readonly deletionProtection: boolean;
  readonly accessLogs: AccessLogsConfig;
  /** @default none: no web ACL */
  readonly webAcl?: WebAclConfig;
};

/**
 * What a service of any kind has once every default is resolved (lib/config/resolve.ts): the
 * log retention (the environment's unless the service sets it), its compute kind, its policies
 * named, its preview assumptions. Nothing downstream falls back to a default of its own.
 */
interface ResolvedServiceFields {
  readonly logRetentionDays: number;
  readonly compute: ResolvedCompute;
  readonly scaling: ScalingConfig;
  /** The preview's assumptions, its start-up the service's startupSeconds unless the section sets it. */
  readonly preview: Omit<PreviewConfig, "startupSeconds"> & { readonly startupSeconds: number };
  /** The container health check, its start period from startupSeconds (at most 300) unless set. */
  readonly containerHealthCheck: (Omit<ContainerHealthCheckConfig, "startPeriodSeconds"> & { readonly startPeriodSeconds: number }) | undefined;
  /** How new task definitions roll out: strategy chosen, its settings and rollback alarms filled. */
  readonly deployment: DeploymentConfig;
  /** The server's metrics endpoint and collector, preset and config merged. @default none: no metrics sidecar */
  readonly metrics?: ResolvedServerMetrics;
  readonly alarms: ResolvedAlarms;
}

/** A web service with its listener rule priority resolved. */
export type WebServiceConfig = Omit<ParsedWebService, "routing" | "healthCheckGracePeriodSeconds" | keyof ResolvedServiceFields> &
  ResolvedServiceFields & {
    readonly routing: RoutingConfig & { readonly priority: number };
    /** The service's startupSeconds unless set. */
    readonly healthCheckGracePeriodSeconds: number;
  };
export type WorkerServiceConfig = Omit<ParsedWorkerService, keyof ResolvedServiceFields> & ResolvedServiceFields;
export type ServiceConfig = WebServiceConfig | WorkerServiceConfig;

/** The state section with the bucket's region (the environment's unless given) and access log bucket resolved. */
export type StateConfig = Omit<z.output<typeof StateSchema>, "region" | "accessLogBucket"> & {
  readonly region: string;
  /** The field the bucket's region comes from: `state.region`, or the environment's `region` by default. */
  readonly regionSource: "state.region" | "region";
  readonly accessLogBucket: string;
};

/** A validated environment with every default resolved: the parsed file plus what its location says. */
export interface EnvironmentConfig extends Omit<ParsedEnvironment, "services" | "state" | "loadBalancer" | "logRetentionDays"> {
  /**
   * Problems that do not stop a synth, placed on their line: what AWS accepts but the config should
   * not do (a bucket name with dots, no way to scale in, a policy on a metric nothing publishes
   * outside production). The one warning channel: the synth prints each as `warning: <problem>`.
   */
  readonly warnings: readonly ConfigProblem[];
  readonly loadBalancer: LoadBalancerConfig;
  /** Days CloudWatch keeps logs: the file's, else 365 in production and 30 elsewhere. */
  readonly logRetentionDays: number;
  /** The services, keyed by name, with every default resolved. */
  readonly services: Readonly<Record<string, ServiceConfig>>;
  readonly state: StateConfig;
  /** Environment name: the config file's name without `.yaml`; also the stack id. */
  readonly environment: string;
  /** Path of the config file, as given to the loader (used in messages). */
  readonly file: string;
  /**
   * The line of each field the file sets, by path (`services.chat.image`), so that later
   * findings (security rules) can point at the YAML. Empty for a config not read from a file.
   */
  readonly lines: Readonly<Record<string, number>>;
}
