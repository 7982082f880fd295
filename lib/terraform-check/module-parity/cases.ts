import type { ModuleCase, ModuleInputValues } from "./module-case";

/**
 * The parity table of the ai-ecs-service module: for each row, `terraform test` (with
 * `mock_provider "aws"`) must accept or reject the inputs as the row says, and the config
 * validation must agree about the same values (see config-verdict.ts). Adding a case is
 * adding a row.
 */

/** Valid inputs every case starts from: one Fargate model server behind an existing listener. */
export const BASE_INPUTS: ModuleInputValues = {
  name: "ml-chat",
  image: "ghcr.io/acme/llm-server:1.4.2",
  cpu: 1024,
  memory: 2048,
  cluster_arn: "arn:aws:ecs:eu-west-1:123456789012:cluster/ml",
  vpc_id: "vpc-0123456789abcdef0",
  subnet_ids: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
  security_group_ids: ["sg-0123456789abcdef0"],
  listener_arn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shared/0123456789abcdef/0123456789abcdef",
  listener_rule_priority: 100,
  min_capacity: 1,
  max_capacity: 4,
  policies: [{ type: "cpu", target: 60 }],
};

const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:hf-token-AbCdEf";
const GPU_CAPACITY = [{ capacity_provider: "gpu-g5" }];

export const MODULE_CASES: readonly ModuleCase[] = [
  { name: "the base inputs", inputs: {} },
  { name: "a larger Fargate size", inputs: { cpu: 2048, memory: 8192 } },
  { name: "a CPU size Fargate does not offer", inputs: { cpu: 3000 }, rejectedBy: "var.cpu" },
  { name: "memory that is not a Fargate size for the CPU", inputs: { cpu: 1024, memory: 512 }, rejectedBy: "aws_ecs_task_definition.task_definition" },
  { name: "memory above the largest task", inputs: { memory: 131072 }, rejectedBy: "var.memory" },
  { name: "ARM64 tasks", inputs: { cpu_architecture: "ARM64" } },
  { name: "an architecture ECS does not know", inputs: { cpu_architecture: "arm64" }, rejectedBy: "var.cpu_architecture" },
  { name: "an image without a tag or digest pattern", inputs: { image: "ghcr.io/acme/LLM Server" }, rejectedBy: "var.image" },
  { name: "port 0", inputs: { port: 0 }, rejectedBy: "var.port" },
  { name: "an environment variable name with a hyphen", inputs: { environment: { "LOG-LEVEL": "info" } }, rejectedBy: "var.environment" },
  { name: "a secret from Secrets Manager", inputs: { secrets: { HF_TOKEN: SECRET } } },
  { name: "a secret that is not an ARN", inputs: { secrets: { HF_TOKEN: "hf-token" } }, rejectedBy: "var.secrets" },
  {
    name: "a secret in another region",
    inputs: { secrets: { HF_TOKEN: SECRET.replace("eu-west-1", "us-east-1") } },
    knownGap: "the config requires secrets in the environment's region; the module does not compare the ARN's region with the provider's",
  },
  { name: "a health check every 4 seconds", inputs: { health_check: { interval_seconds: 4 } }, rejectedBy: "var.health_check" },
  { name: "a health check matcher that is not HTTP codes", inputs: { health_check: { matcher: "ok" } }, rejectedBy: "var.health_check" },
  { name: "a stop timeout above Fargate's 120 seconds", inputs: { stop_timeout_seconds: 121 }, rejectedBy: "var.stop_timeout_seconds" },
  { name: "a deregistration delay above an hour", inputs: { deregistration_delay_seconds: 3601 }, rejectedBy: "var.deregistration_delay_seconds" },
  { name: "a log retention CloudWatch does not offer", inputs: { log_retention_days: 10 }, rejectedBy: "var.log_retention_days" },
  { name: "listener rule priority 0", inputs: { listener_rule_priority: 0 }, rejectedBy: "var.listener_rule_priority" },
  { name: "listener rule priority above 50000", inputs: { listener_rule_priority: 50001 }, rejectedBy: "var.listener_rule_priority" },
  { name: "min_capacity above max_capacity", inputs: { min_capacity: 5, max_capacity: 2 }, rejectedBy: "aws_appautoscaling_target.autoscaling_target" },
  { name: "max_capacity 0", inputs: { max_capacity: 0 }, rejectedBy: "var.max_capacity" },
  {
    name: "a web service scaled to zero",
    inputs: { min_capacity: 0 },
    knownGap: "the config rejects min 0 without a queue policy (no metric brings a web service back from zero tasks); the module accepts it",
  },
  { name: "CPU and request count policies together", inputs: { policies: [{ type: "cpu", target: 60 }, { type: "requests", target: 150, scale_in_cooldown_seconds: 600 }] } },
  { name: "two policies of one type", inputs: { policies: [{ type: "cpu", target: 60 }, { type: "cpu", target: 70 }] }, rejectedBy: "var.policies" },
  { name: "a CPU target above 100%", inputs: { policies: [{ type: "cpu", target: 101 }] }, rejectedBy: "var.policies" },
  { name: "no policies", inputs: { policies: [] }, rejectedBy: "var.policies" },
  { name: "a cluster ARN that names a service", inputs: { cluster_arn: "arn:aws:ecs:eu-west-1:123456789012:service/ml/chat" }, rejectedBy: "var.cluster_arn" },
  { name: "no subnets", inputs: { subnet_ids: [] }, rejectedBy: "var.subnet_ids" },
  {
    name: "six security groups",
    inputs: { security_group_ids: ["sg-00000001", "sg-00000002", "sg-00000003", "sg-00000004", "sg-00000005", "sg-00000006"] },
    rejectedBy: "var.security_group_ids",
  },
  {
    name: "a listener of a network load balancer",
    inputs: { listener_arn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/net/shared/0123456789abcdef/0123456789abcdef" },
    rejectedBy: "var.listener_arn",
  },
  { name: "a capacity provider weight above 1000", inputs: { capacity_provider_strategy: [{ capacity_provider: "FARGATE", weight: 1001 }] }, rejectedBy: "var.capacity_provider_strategy" },
  {
    name: "more than five path patterns and host headers together",
    inputs: { path_patterns: ["/a", "/b", "/c"], host_headers: ["a.example.com", "b.example.com", "c.example.com"] },
    rejectedBy: "aws_lb_listener_rule.route_rule",
    noConfigCounterpart: "a config route is one path prefix and one host, which never reach the listener rule's five values",
  },
  { name: "a GPU task on a GPU capacity provider", inputs: { gpu_count: 1, cpu: 4096, memory: 15360, capacity_provider_strategy: GPU_CAPACITY } },
  {
    name: "a GPU task on Fargate",
    inputs: { gpu_count: 1 },
    rejectedBy: "aws_ecs_service.service",
    noConfigCounterpart: "the config's GPU compute always runs on its own EC2 capacity provider",
  },
  {
    name: "a GPU task with a public IP",
    inputs: { gpu_count: 1, capacity_provider_strategy: GPU_CAPACITY, assign_public_ip: true },
    rejectedBy: "aws_ecs_service.service",
    noConfigCounterpart: "the config's GPU compute never assigns public IPs",
  },
];
