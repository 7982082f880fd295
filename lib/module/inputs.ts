import { z } from "zod";
import { FARGATE_CPU_VALUES } from "../aws/fargate";
import { ENV_VAR_NAME, HOST_NAME, RESOURCE_NAME, SECRETS_MANAGER_ARN, SSM_PARAMETER_ARN, SUBNET_ID, VPC_ID } from "../aws/formats";
import { CpuPolicySchema, LatencyPolicySchema, MemoryPolicySchema, RequestsPolicySchema, ScalingSchema } from "../config/scaling-schema";
import { logRetentionDays, RoutingSchema, WebServiceSchema } from "../config/schema";
import { DEFAULT_LOG_RETENTION_DAYS } from "../config/security-defaults";
import { oneOf } from "../config/zod-helpers";
import { POLICY_KINDS } from "../scaling/policies";

/**
 * The inputs of the ai-ecs-service Terraform module, by variable name, in the order
 * `variables.tf` lists them. Where the config schema has the field, its schema is used
 * as it is (description, default, constraints); the rest is what a module needs in place
 * of the environment the config describes (cluster, network, listener).
 */

const ECS_CLUSTER_ARN = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster\/[A-Za-z0-9_-]{1,255}$/;
const LISTENER_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/app\/[A-Za-z0-9-]+\/[0-9a-f]+\/[0-9a-f]+$/;
const SECURITY_GROUP_ID = /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/;
/** An ALB path pattern: the characters ALB allows, with * and ? wildcards. */
const PATH_PATTERN = /^\/[A-Za-z0-9_.$\/~"'@:+&*?-]{0,127}$/;
const SECRET_REFERENCE = new RegExp(`${SECRETS_MANAGER_ARN.source}|${SSM_PARAMETER_ARN.source}`);

const web = WebServiceSchema.shape;
const int = () => z.number().int();

/**
 * The policy types the module offers: kinds whose fields are plain values a Terraform
 * variable can hold and whose code does not branch on them, so the kind's own code builds
 * the resource from `each.value`. Custom metrics and step scaling (lists of metric queries
 * and steps), queue backlog (workers) and predictive scaling (its metric picks the
 * resource's shape) need module support of their own. `name` is left out: one policy per type.
 */
const POLICY_SCHEMAS = [CpuPolicySchema, MemoryPolicySchema, RequestsPolicySchema, LatencyPolicySchema].map((schema) => schema.omit({ name: true }));
export const MODULE_POLICY_TYPES = POLICY_SCHEMAS.map((schema) => schema.shape.type.value);

const policyTypes = MODULE_POLICY_TYPES.map((type) => `"${type}" (${POLICY_KINDS[type].description})`).join(", ");
const policies = z
  .array(oneOf("type", POLICY_SCHEMAS as unknown as [(typeof POLICY_SCHEMAS)[number], ...(typeof POLICY_SCHEMAS)[number][]], MODULE_POLICY_TYPES))
  .min(1)
  .max(MODULE_POLICY_TYPES.length)
  .describe(`Scaling policies; AWS scales out if any policy asks and in only if all agree. Each has a type: ${policyTypes}; at most one of each type.`);

export const MODULE_INPUTS = {
  name: z
    .string()
    .regex(RESOURCE_NAME)
    .max(32)
    .describe("Service name: of the ECS service, task definition family and target group, and the prefix of the IAM roles and the log group (/ecs/<name>). Unique in the account and region."),
  image: web.image,
  cpu: web.cpu
    .refine((cpu) => FARGATE_CPU_VALUES.includes(cpu), { error: `must be a Fargate CPU size: ${FARGATE_CPU_VALUES.join(", ")}` })
    .meta({ enum: [...FARGATE_CPU_VALUES], description: web.cpu.description }),
  memory: web.memory.min(512).max(122880),
  cpu_architecture: web.cpuArchitecture,
  gpu_count: int()
    .min(0)
    .max(8)
    .default(0)
    .describe("GPUs per task. Above 0 the task runs on EC2: name a GPU capacity provider of the cluster in capacity_provider_strategy (Fargate has no GPUs)."),
  port: web.port,
  command: web.command,
  environment: web.environment,
  secrets: z.record(z.string().regex(ENV_VAR_NAME), z.string().regex(SECRET_REFERENCE)).default({}).describe(web.secrets.description ?? ""),
  health_check: web.healthCheck,
  stop_timeout_seconds: web.stopTimeoutSeconds,
  deregistration_delay_seconds: web.deregistrationDelaySeconds,
  health_check_grace_period_seconds: web.healthCheckGracePeriodSeconds.unwrap().default(240),
  log_retention_days: logRetentionDays.default(DEFAULT_LOG_RETENTION_DAYS).describe("Days CloudWatch keeps service logs."),

  cluster_arn: z.string().regex(ECS_CLUSTER_ARN).describe("ARN of the ECS cluster the service runs in."),
  vpc_id: z.string().regex(VPC_ID).describe("VPC of the subnets and the target group."),
  subnet_ids: z.array(z.string().regex(SUBNET_ID)).min(1).describe("Subnets of the tasks."),
  security_group_ids: z
    .array(z.string().regex(SECURITY_GROUP_ID))
    .min(1)
    .max(5)
    .describe("Security groups of the tasks; one of them must let the load balancer reach the container port."),
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

  listener_arn: z.string().regex(LISTENER_ARN).describe("ARN of the Application Load Balancer listener the service's rule is added to."),
  listener_rule_priority: RoutingSchema.shape.priority.unwrap().describe("Priority of the service's listener rule (lower wins); unique on the listener."),
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
} satisfies Record<string, z.ZodType>;

export type ModuleInputName = keyof typeof MODULE_INPUTS;
