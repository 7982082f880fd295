import { z } from "zod";
import { FARGATE_CPU_VALUES } from "../aws/fargate";
import { ENV_VAR_NAME, HOST_NAME, RESOURCE_NAME, SECRETS_MANAGER_ARN, SSM_PARAMETER_ARN, SUBNET_ID, VPC_ID } from "../aws/formats";
import { EC2_TASK_CPU_MAX_UNITS, EC2_TASK_CPU_MIN_UNITS, EC2_TASK_MEMORY_MIN_MIB, GPU_INSTANCE_TYPES, taskMemoryAvailableMiB } from "../aws/gpu-instances";
import { GpuComputeSchema } from "../config/compute";
import { ScalingSchema } from "../config/scaling-schema";
import { ContainerHealthCheckSchema, EnvironmentSchema, FilesystemSchema, logRetentionDays, RoutingSchema, WebServiceSchema, WorkerServiceSchema } from "../config/schema";
import { DEFAULT_LOG_RETENTION_DAYS, PRODUCTION_LOG_RETENTION_MIN_DAYS } from "../config/security-defaults";
import { KmsKeyArnSchema } from "../config/security-schema";
import { ObservabilitySchema, ServerMetricsSchema } from "../config/observability-schema";
import { oneOf } from "../config/zod-helpers";
import { POLICY_DEFINITIONS, POLICY_TYPES, type PolicyType } from "../scaling/policies/definitions";
import { POLICY_KINDS } from "../scaling/policies";
import { MODULE_POLICY_RULES } from "./policy-rules";
import { jsonSchemaOf } from "./terraform-schema";

/**
 * The inputs of the ai-ecs-service Terraform module, by variable name, in the order
 * `variables.tf` lists them. Where the config schema has the field, its schema is used
 * as it is (description, default, constraints); the rest is what a module needs in place
 * of the environment the config describes (cluster, network, listener, the GPU capacity).
 */

const ECS_CLUSTER_ARN = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster\/[A-Za-z0-9_-]{1,255}$/;
const LISTENER_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/app\/[A-Za-z0-9-]+\/[0-9a-f]+\/[0-9a-f]+$/;
const SECURITY_GROUP_ID = /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/;
/** An ALB path pattern: the characters ALB allows, with * and ? wildcards. */
const PATH_PATTERN = /^\/[A-Za-z0-9_.$\/~"'@:+&*?-]{0,127}$/;
const SECRET_REFERENCE = new RegExp(`${SECRETS_MANAGER_ARN.source}|${SSM_PARAMETER_ARN.source}`);

const web = WebServiceSchema.shape;
const int = () => z.number().int();

/** The service kinds: a model server behind a listener, or a worker on its own SQS queue. */
export const SERVICE_KINDS = [WebServiceSchema.shape.kind.unwrap().value, WorkerServiceSchema.shape.kind.value] as const;

/**
 * Policy kinds the module takes in a variable of their own rather than in `policies`:
 * Terraform types one list's objects alike, and predictive's and server's `metric` (a name)
 * cannot share an attribute with custom's `metric` (an object). The config allows one
 * predictive policy per service, which a single object expresses; server policies are a list.
 */
const OWN_VARIABLE: readonly PolicyType[] = ["predictive", "server"];

/** Policy kinds the module does not offer, each with its reason (lib/module/policy-rules.ts). */
export const NOT_OFFERED_POLICY_TYPES: readonly PolicyType[] = POLICY_TYPES.filter((type) => MODULE_POLICY_RULES[type].notOffered);

/** The policy kinds of `var.policies`: every scaling policy kind of the project the module offers but those with a variable of their own. */
export const MODULE_POLICY_TYPES = POLICY_TYPES.filter((type) => !OWN_VARIABLE.includes(type) && !NOT_OFFERED_POLICY_TYPES.includes(type));

/** The most policies a service may have (scaling.policies), predictive_policy included. */
export const MAX_POLICIES = jsonSchemaOf(ScalingSchema.shape.policies).maxItems!;

const POLICY_SCHEMAS = MODULE_POLICY_TYPES.map((type) => POLICY_DEFINITIONS[type].schema);
const policyTypes = MODULE_POLICY_TYPES.map((type) => `"${type}" (${POLICY_KINDS[type].description})`).join(", ");
const policies = z
  .array(oneOf("type", POLICY_SCHEMAS as unknown as [(typeof POLICY_SCHEMAS)[number], ...(typeof POLICY_SCHEMAS)[number][]], MODULE_POLICY_TYPES))
  .max(MAX_POLICIES)
  .describe(
    `Scaling policies, as a service's scaling.policies in the config (fields in snake_case); AWS scales out if any policy asks and in only if all agree. Each has a type: ${policyTypes}. A policy's name is its type unless it sets name; names are unique. Together with predictive_policy, 1 to 20 policies.`,
  );

/** The largest memory (MiB) any GPU instance type offers a task. */
const GPU_TASK_MEMORY_MAX = Math.max(...Object.values(GPU_INSTANCE_TYPES).map(taskMemoryAvailableMiB));
const GPU_MAX = Math.max(...Object.values(GPU_INSTANCE_TYPES).map((type) => type.gpus));

export const MODULE_INPUTS = {
  name: z
    .string()
    .regex(RESOURCE_NAME)
    .max(32)
    .describe("Service name: of the ECS service, task definition family, target group (web) or SQS queue (worker), and the prefix of the IAM roles and the log group (/ecs/<name>). Unique in the account and region."),
  kind: z
    .enum(SERVICE_KINDS)
    .default("web")
    .describe('"web": a model server behind the given ALB listener. "worker": reads jobs from its own SQS queue and dead-letter queue (output queue_url); no load balancer.'),
  production: EnvironmentSchema.shape.production.describe(
    "Marks a production service, as an environment's production in the config: the image must be pinned by digest (security rule AIS-IMG-1) and tasks get no public IP (AIS-NET-1), checked when Terraform plans.",
  ),
  image: web.image,
  cpu: int()
    .min(EC2_TASK_CPU_MIN_UNITS)
    .max(EC2_TASK_CPU_MAX_UNITS)
    .describe(`Task CPU units (1024 = 1 vCPU): a Fargate size (${FARGATE_CPU_VALUES.join(", ")}) when gpu_count is 0; with GPUs, from ${EC2_TASK_CPU_MIN_UNITS} to what the smallest of gpu_instance_types offers.`),
  memory: int()
    .min(EC2_TASK_MEMORY_MIN_MIB)
    .max(GPU_TASK_MEMORY_MAX)
    .describe("Task memory in MiB: a Fargate size for the cpu when gpu_count is 0 (see local.fargate_memory_by_cpu); with GPUs, at most what the smallest of gpu_instance_types offers tasks."),
  cpu_architecture: web.cpuArchitecture,
  gpu_count: int()
    .min(0)
    .max(GPU_MAX)
    .default(0)
    .describe("GPUs per task. Above 0 the task runs on EC2: name a GPU capacity provider of the cluster in capacity_provider_strategy (Fargate has no GPUs) and list its instance types in gpu_instance_types."),
  gpu_instance_types: z
    .array(GpuComputeSchema.shape.instanceTypes.element)
    .default([])
    .describe("With gpu_count above 0: the GPU instance types of the capacity provider; every one must hold a task (GPUs, CPU, memory), as compute.instanceTypes in the config."),
  port: web.port,
  command: web.command,
  environment: web.environment,
  secrets: z.record(z.string().regex(ENV_VAR_NAME), z.string().regex(SECRET_REFERENCE)).default({}).describe(web.secrets.description ?? ""),
  container_health_check: ContainerHealthCheckSchema.optional(),
  writable_paths: FilesystemSchema.shape.writablePaths.describe(
    "Directories that stay writable (task-scoped scratch volumes, e.g. model caches and /tmp); the rest of the container's root filesystem is read-only.",
  ),
  health_check: web.healthCheck,
  stop_timeout_seconds: web.stopTimeoutSeconds,
  deregistration_delay_seconds: web.deregistrationDelaySeconds,
  health_check_grace_period_seconds: web.healthCheckGracePeriodSeconds.unwrap().default(240),
  log_retention_days: logRetentionDays
    .optional()
    .describe(
      `Days CloudWatch keeps service logs (they hold prompts and outputs), as an environment's logRetentionDays. Default: ${PRODUCTION_LOG_RETENTION_MIN_DAYS} with production, where less is refused (AIS-LOG-3); ${DEFAULT_LOG_RETENTION_DAYS} otherwise.`,
    ),
  queue: WorkerServiceSchema.shape.queue.describe("The worker's SQS queue and its dead-letter queue (kind worker)."),

  cluster_arn: z.string().regex(ECS_CLUSTER_ARN).describe("ARN of the ECS cluster the service runs in."),
  kms_key_arn: KmsKeyArnSchema.describe(
    "A customer-managed KMS key for the service's log group and (kind worker) its SQS queues, as an environment's kmsKeyArn (security rules AIS-LOG-2, AIS-SQS-1); its policy must let CloudWatch Logs (logs.<region>.amazonaws.com) use it. The task role may decrypt the queue's messages with it through SQS only.",
  ),
  vpc_id: z.string().regex(VPC_ID).describe("VPC of the subnets and the target group."),
  subnet_ids: z.array(z.string().regex(SUBNET_ID)).min(1).describe("Subnets of the tasks."),
  security_group_ids: z
    .array(z.string().regex(SECURITY_GROUP_ID))
    .min(1)
    .max(5)
    .describe("Security groups of the tasks; for a web service one of them must let the load balancer reach the container port."),
  assign_public_ip: z.boolean().default(false).describe("Gives Fargate tasks public IPs (public subnets without a NAT gateway); EC2 (GPU) tasks cannot have them."),
  capacity_provider_strategy: z
    .array(
      z.object({
        capacityProvider: z.string().min(1).describe("FARGATE, FARGATE_SPOT or an EC2 capacity provider of the cluster."),
        base: int().min(0).max(100000).default(0).describe("Tasks always placed on this provider first."),
        weight: int().min(0).max(1000).default(1).describe("Relative share of the tasks beyond the bases."),
      }),
    )
    .min(1)
    .default([{ capacityProvider: "FARGATE", base: 0, weight: 1 }])
    .describe("Where the tasks run: capacity providers of the cluster with base and weight."),

  listener_arn: z.string().regex(LISTENER_ARN).optional().describe("ARN of the Application Load Balancer listener the service's rule is added to (kind web: required)."),
  listener_rule_priority: RoutingSchema.shape.priority.describe("Priority of the service's listener rule (lower wins); unique on the listener (kind web: required)."),
  path_patterns: z
    .array(z.string().regex(PATH_PATTERN))
    .min(1)
    .max(5)
    .default(["/*"])
    .describe('Path patterns the listener rule matches, e.g. ["/chat", "/chat/*"].'),
  host_headers: z.array(z.string().regex(HOST_NAME)).max(4).default([]).describe("Host names the listener rule matches as well. Default: any host."),

  min_capacity: ScalingSchema.shape.min,
  max_capacity: ScalingSchema.shape.max,
  policies,
  predictive_policy: POLICY_DEFINITIONS.predictive.schema
    .omit({ type: true })
    .optional()
    .describe("A predictive scaling policy, as a config policy of type predictive (fields in snake_case); its name is \"predictive\" unless it sets one."),
  server_policies: z
    .array(POLICY_DEFINITIONS.server.schema.omit({ type: true }))
    .max(MAX_POLICIES)
    .default([])
    .describe(
      `Scaling policies on the model server's own metrics, as config policies of type server (fields in snake_case): ${POLICY_KINDS.server.description}, published by the metrics sidecar (needs server_metrics). A policy's name is "server" unless it sets one; names are unique.`,
    ),
  server_metrics: ServerMetricsSchema.extend({ namespace: ObservabilitySchema.shape.namespace })
    .optional()
    .describe(
      "The model server's Prometheus endpoint, as a service's metrics in the config (with the environment's observability.namespace): a collector sidecar (the ADOT collector) scrapes it and publishes its queue, batch, KV cache and token metrics to CloudWatch through its own log group (embedded metric format), for server_policies. Default: none.",
    ),
  schedules: ScalingSchema.shape.schedules.describe("Scheduled actions, as a service's scaling.schedules in the config: changes of min_capacity and/or max_capacity at given times."),
} satisfies Record<string, z.ZodType>;

export type ModuleInputName = keyof typeof MODULE_INPUTS;
