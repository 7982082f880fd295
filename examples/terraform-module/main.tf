# Three AI services from the ai-ecs-service module, called the way a Terraform team calls a
# module: your provider, your state, your data sources; the module brings the service.
#
#   npm run module                            # writes dist/terraform-module/ai-ecs-service
#   terraform -chdir=examples/terraform-module init
#   terraform -chdir=examples/terraform-module plan
#
# The ids below are placeholders: point them at your VPC, cluster and load balancer.

terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }

  # backend "s3" { ... }   # your state
}

provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = {
      Team      = "ml-platform"
      ManagedBy = "terraform"
    }
  }
}

# What the services plug into: an existing cluster and the HTTPS listener of a shared ALB.
data "aws_ecs_cluster" "ml" {
  cluster_name = "ml-prod"
}

data "aws_lb" "shared" {
  name = "ml-prod-shared"
}

data "aws_lb_listener" "https" {
  load_balancer_arn = data.aws_lb.shared.arn
  port              = 443
}

locals {
  vpc_id          = "vpc-0123456789abcdef0"
  private_subnets = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  tasks_sg        = "sg-0123456789abcdef0" # lets the ALB reach the container ports
  # The environment's customer-managed key; its policy lets CloudWatch Logs use it.
  kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/0c9d8e7f-1a2b-4c3d-9e8f-0123456789ab"
}

# A chat model server on Fargate (one on-demand task, the rest mostly on Spot), in production:
# the image is pinned by digest and the tasks have no public IP.
module "chat" {
  source = "../../dist/terraform-module/ai-ecs-service"

  name       = "ml-prod-chat"
  production = true
  image      = "ghcr.io/acme/llm-server:1.4.2@sha256:2d52f496fdaf38ee038c64d79edb23c3b13c1f476d279eecdcbe17d6908c3564"
  cpu        = 4096
  memory     = 16384
  port       = 8080
  command    = ["--model", "meta-llama/Llama-3.1-8B-Instruct", "--max-batch-size", "16"]

  environment = {
    LOG_LEVEL = "info"
  }
  secrets = {
    HF_TOKEN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:hf-token-AbCdEf:token::"
  }
  health_check = {
    path             = "/health"
    interval_seconds = 10
  }
  container_health_check = {
    command = "curl -fsS http://localhost:8080/health || exit 1"
  }
  writable_paths     = ["/tmp", "/root/.cache/huggingface"]
  log_retention_days = 365 # production keeps logs at least a year (AIS-LOG-3)

  cluster_arn        = data.aws_ecs_cluster.ml.arn
  kms_key_arn        = local.kms_key_arn
  vpc_id             = local.vpc_id
  subnet_ids         = local.private_subnets
  security_group_ids = [local.tasks_sg]
  capacity_provider_strategy = [
    { capacity_provider = "FARGATE", base = 1, weight = 1 },
    { capacity_provider = "FARGATE_SPOT", weight = 3 },
  ]

  listener_arn           = data.aws_lb_listener.https.arn
  listener_rule_priority = 100
  path_patterns          = ["/chat", "/chat/*"]

  min_capacity = 2
  max_capacity = 12
  policies = [
    { type = "cpu", target = 65 },
    { type = "requests", target = 150, scale_in_cooldown_seconds = 600 },
  ]
  # The server's own metrics, published by the collector sidecar (pinned by digest in production): scale out before requests queue up.
  server_metrics = {
    server  = "vllm"
    sidecar = { image = "public.ecr.aws/aws-observability/aws-otel-collector:v0.45.1@sha256:2d52f496fdaf38ee038c64d79edb23c3b13c1f476d279eecdcbe17d6908c3564" }
  }
  server_policies = [{ metric = "waiting", target = 4 }]
  # Weekday business hours start with more tasks.
  schedules = [
    { name = "weekday-morning", schedule = "cron(0 7 ? * MON-FRI *)", timezone = "Europe/Dublin", min = 4 },
    { name = "weekday-evening", schedule = "cron(0 19 ? * MON-FRI *)", timezone = "Europe/Dublin", min = 2 },
  ]
}

# An image model on the cluster's GPU capacity provider (EC2 g5 instances), on its own host name.
module "vision" {
  source = "../../dist/terraform-module/ai-ecs-service"

  name               = "ml-prod-vision"
  image              = "ghcr.io/acme/vision-server:2.0.1"
  cpu                = 4096
  memory             = 15360
  gpu_count          = 1
  gpu_instance_types = ["g5.2xlarge", "g6.2xlarge"] # the capacity provider's; each must hold a task

  cluster_arn                = data.aws_ecs_cluster.ml.arn
  kms_key_arn                = local.kms_key_arn
  vpc_id                     = local.vpc_id
  subnet_ids                 = local.private_subnets
  security_group_ids         = [local.tasks_sg]
  capacity_provider_strategy = [{ capacity_provider = "gpu-g5" }]

  listener_arn           = data.aws_lb_listener.https.arn
  listener_rule_priority = 110
  host_headers           = ["vision.example.com"]

  min_capacity = 1
  max_capacity = 4
  policies = [
    { type = "memory", target = 80 },
  ]
  predictive_policy = { metric = "requests", target = 120, mode = "ForecastAndScale" }
}

# An embeddings worker on its own SQS queue: no load balancer, down to zero tasks when the queue is
# idle, back up when messages arrive.
module "embeddings" {
  source = "../../dist/terraform-module/ai-ecs-service"

  name   = "ml-prod-embeddings"
  kind   = "worker"
  image  = "ghcr.io/acme/embedding-worker:3.2.0"
  cpu    = 2048
  memory = 8192
  queue = {
    visibility_timeout_seconds = 600
  }

  cluster_arn        = data.aws_ecs_cluster.ml.arn
  kms_key_arn        = local.kms_key_arn
  vpc_id             = local.vpc_id
  subnet_ids         = local.private_subnets
  security_group_ids = [local.tasks_sg]

  min_capacity = 0
  max_capacity = 10
  policies = [
    { type = "queue", seconds_per_message = 2, acceptable_latency_seconds = 60, scale_to_zero_after_idle_minutes = 20 },
  ]
}

# Producers send jobs to the worker's queue.
resource "aws_iam_policy" "send_embedding_jobs" {
  name = "send-embedding-jobs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["sqs:SendMessage"]
        Resource = [module.embeddings.queue_arn]
      },
    ]
  })
}

# The task role has no permissions until you attach some: the chat server reads model weights.
resource "aws_iam_role_policy" "chat_reads_models" {
  name = "read-model-weights"
  role = module.chat.task_role_name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = ["arn:aws:s3:::acme-model-weights/*"]
      },
    ]
  })
}

output "chat_service_name" {
  value = module.chat.service_name
}

output "vision_log_group" {
  value = module.vision.log_group_name
}

output "embeddings_queue_url" {
  value = module.embeddings.queue_url
}
