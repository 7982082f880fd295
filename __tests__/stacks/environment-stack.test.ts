import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsSubnets } from "@cdktf/provider-aws/lib/data-aws-subnets";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { baseInput, configOf, EXISTING_NETWORK, merge, oneResource, resourcesOf, synthEnvironment, TerraformJson, withChat } from "../helpers";

const CERTIFICATE = "arn:aws:acm:eu-west-1:123456789012:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";

/** A reference to a resource attribute in the synthesized JSON: `${aws_lb.x.arn}`. */
function ref(json: TerraformJson, type: string, attribute: string): string {
  const names = Object.keys(json.resource[type] ?? json.data?.[type] ?? {});
  if (names.length !== 1) throw new Error(`expected one ${type}, found ${names.length}`);
  const prefix = json.resource[type] ? "" : "data.";
  return `\${${prefix}${type}.${names[0]}.${attribute}}`;
}

function containerOf(json: TerraformJson): Record<string, any> {
  return JSON.parse(resourcesOf(json, "aws_ecs_task_definition")[0].container_definitions)[0];
}

describe("default-vpc environment with one service", () => {
  const synthesized = synthEnvironment(
    configOf(
      withChat(
        {
          environment: { MODEL_ID: "meta-llama/Llama-3.1-8B-Instruct", LOG_LEVEL: "info" },
          secrets: {
            HF_TOKEN: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:hf-token-AbCdEf:token::",
            API_KEYS: "arn:aws:ssm:eu-west-1:123456789012:parameter/acme/api-keys",
          },
          containerHealthCheck: { command: "curl -fsS http://localhost:8080/health || exit 1" },
          compute: { type: "fargate", onDemandBase: 1, onDemandWeight: 1, spotWeight: 3 },
          scaling: {
            min: 2,
            max: 12,
            policies: [
              { type: "cpu", target: 65 },
              { type: "memory", target: 80, disableScaleIn: true },
              { type: "requests", target: 150, scaleInCooldownSeconds: 600, scaleOutCooldownSeconds: 30 },
            ],
          },
        },
        { tags: { CostCenter: "ml" } },
      ),
    ),
  );
  const json = JSON.parse(synthesized) as TerraformJson;

  test("AWS provider with the region and default tags", () => {
    expect(synthesized).toHaveProviderWithProperties(AwsProvider, {
      region: "eu-west-1",
      default_tags: [{ tags: { CostCenter: "ml", Project: "acme", Environment: "test", ManagedBy: "ecs-ai-autoscaling" } }],
    });
  });

  test("S3 backend with key per environment, encryption with the state stack's KMS key and lock file", () => {
    expect(json.terraform.backend).toEqual({
      s3: {
        bucket: "acme-terraform-state",
        key: "ecs-ai-autoscaling/test/terraform.tfstate",
        region: "eu-west-1",
        encrypt: true,
        kms_key_id: "alias/ecs-ai-autoscaling/state/acme-terraform-state",
        use_lockfile: true,
      },
    });
  });

  test("requires Terraform 1.10, the first with the S3 backend's use_lockfile", () => {
    expect(json.terraform.required_version).toBe(">= 1.10");
  });

  test("with S3-managed state encryption the backend names no KMS key", () => {
    const plain = JSON.parse(synthEnvironment(configOf(merge(withChat({}), { state: { encryption: "s3" } }))));
    expect(plain.terraform.backend.s3).not.toHaveProperty("kms_key_id");
  });

  test("default VPC and its default subnets are looked up at plan time", () => {
    expect(synthesized).toHaveDataSourceWithProperties(DataAwsVpc, { default: true });
    expect(synthesized).toHaveDataSourceWithProperties(DataAwsSubnets, {
      filter: [
        { name: "vpc-id", values: [ref(json, "aws_vpc", "id")] },
        { name: "default-for-az", values: ["true"] },
      ],
    });
  });

  test("tasks get public IPs in the default VPC's subnets", () => {
    expect(oneResource(json, "aws_ecs_service").network_configuration).toEqual({
      assign_public_ip: true,
      subnets: ref(json, "aws_subnets", "ids"),
      security_groups: [expect.stringMatching(/^\$\{aws_security_group\.chat_runtime_security-group_[0-9A-F]+\.id\}$/)],
    });
  });

  test("cluster with Container Insights and the Fargate capacity providers", () => {
    expect(synthesized).toHaveResourceWithProperties(EcsCluster, {
      name: "acme-test",
      setting: [{ name: "containerInsights", value: "enabled" }],
    });
    expect(synthesized).toHaveResourceWithProperties(EcsClusterCapacityProviders, {
      cluster_name: ref(json, "aws_ecs_cluster", "name"),
      capacity_providers: ["FARGATE", "FARGATE_SPOT"],
    });
  });

  test("log group with the default 30-day retention", () => {
    expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/ecs/acme/test/chat", retention_in_days: 30 });
  });

  test("execution role has the managed policy and reads exactly the listed secrets", () => {
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
    });
    const policy = JSON.parse(oneResource(json, "aws_iam_role_policy", { name: "read-task-secrets" }).policy);
    expect(policy.Statement).toEqual([
      { Effect: "Allow", Sid: "ReadSecrets", Action: "secretsmanager:GetSecretValue", Resource: ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:hf-token-AbCdEf"] },
      { Effect: "Allow", Sid: "ReadParameters", Action: "ssm:GetParameters", Resource: ["arn:aws:ssm:eu-west-1:123456789012:parameter/acme/api-keys"] },
    ]);
  });

  test("a partial Secrets Manager ARN (no -XXXXXX) is read through the pattern of its complete ARN, which IAM matches", () => {
    const partial = JSON.parse(
      synthEnvironment(
        configOf(
          withChat({
            secrets: { HF_TOKEN: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/hf-token", OPENAI_KEY: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/openai-AbCdEf:api_key::" },
          }),
        ),
      ),
    ) as TerraformJson;
    const policy = JSON.parse(oneResource(partial, "aws_iam_role_policy", { name: "read-task-secrets" }).policy);
    expect(policy.Statement[0].Resource).toEqual(["arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/hf-token-??????", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/openai-AbCdEf"]);
    // The container is given the reference as written; ECS resolves a partial ARN itself.
    const [container] = JSON.parse(oneResource(partial, "aws_ecs_task_definition").container_definitions);
    expect(container.secrets).toContainEqual({ name: "HF_TOKEN", valueFrom: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/hf-token" });
  });

  test("task role is separate and has no permissions", () => {
    const roles = resourcesOf(json, "aws_iam_role").map((r) => r.name).sort();
    expect(roles).toEqual(["acme-test-chat-execution", "acme-test-chat-task"]);
    expect(resourcesOf(json, "aws_iam_role_policy").map((p) => p.name)).toEqual(["read-task-secrets"]);
    expect(JSON.parse(oneResource(json, "aws_iam_role", { name: "acme-test-chat-task" }).assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
  });

  test("Fargate task definition with cpu, memory, architecture and both roles", () => {
    expect(synthesized).toHaveResourceWithProperties(EcsTaskDefinition, {
      family: "acme-test-chat",
      requires_compatibilities: ["FARGATE"],
      network_mode: "awsvpc",
      cpu: "1024",
      memory: "2048",
      runtime_platform: { operating_system_family: "LINUX", cpu_architecture: "X86_64" },
      execution_role_arn: `\${aws_iam_role.${Object.keys(json.resource.aws_iam_role).find((k) => k.includes("execution"))}.arn}`,
      task_role_arn: `\${aws_iam_role.${Object.keys(json.resource.aws_iam_role).find((k) => k.includes("task-role"))}.arn}`,
    });
  });

  test("container definition: image, port, environment, secrets, health check, logs, stop timeout", () => {
    expect(containerOf(json)).toEqual({
      name: "chat",
      image: "ghcr.io/acme/llm-server:1.4.2",
      essential: true,
      portMappings: [{ containerPort: 8080, protocol: "tcp", name: "http", appProtocol: "http" }],
      environment: [
        { name: "LOG_LEVEL", value: "info" },
        { name: "MODEL_ID", value: "meta-llama/Llama-3.1-8B-Instruct" },
      ],
      secrets: [
        { name: "API_KEYS", valueFrom: "arn:aws:ssm:eu-west-1:123456789012:parameter/acme/api-keys" },
        { name: "HF_TOKEN", valueFrom: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:hf-token-AbCdEf:token::" },
      ],
      healthCheck: { command: ["CMD-SHELL", "curl -fsS http://localhost:8080/health || exit 1"], interval: 30, timeout: 5, retries: 3, startPeriod: 240 },
      logConfiguration: {
        logDriver: "awslogs",
        options: { "awslogs-group": ref(json, "aws_cloudwatch_log_group", "name"), "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "chat", mode: "non-blocking" },
      },
      stopTimeout: 120,
      readonlyRootFilesystem: true,
      mountPoints: [{ sourceVolume: "scratch-0", containerPath: "/tmp", readOnly: false }],
      volumesFrom: [],
    });
  });

  test("a task-scoped scratch volume backs each writable path", () => {
    expect(oneResource(json, "aws_ecs_task_definition").volume).toEqual([{ name: "scratch-0" }]);
  });

  test("ECS service: desired count = min, Fargate/Spot strategy, grace period, safe deployments", () => {
    expect(synthesized).toHaveResourceWithProperties(EcsService, {
      name: "chat",
      cluster: ref(json, "aws_ecs_cluster", "arn"),
      task_definition: ref(json, "aws_ecs_task_definition", "arn"),
      desired_count: 2,
      capacity_provider_strategy: [
        { capacity_provider: "FARGATE", base: 1, weight: 1 },
        { capacity_provider: "FARGATE_SPOT", base: 0, weight: 3 },
      ],
      health_check_grace_period_seconds: 240,
      deployment_circuit_breaker: { enable: true, rollback: true },
      deployment_minimum_healthy_percent: 100,
      deployment_maximum_percent: 200,
      load_balancer: [{ target_group_arn: ref(json, "aws_lb_target_group", "arn"), container_name: "chat", container_port: 8080 }],
    });
  });

  test("a changed capacity provider strategy can be planned and applied: force_new_deployment is on", () => {
    expect(oneResource(json, "aws_ecs_service").force_new_deployment).toBe(true);
  });

  test("autoscaling owns desired_count after the first apply", () => {
    expect(oneResource(json, "aws_ecs_service").lifecycle).toEqual({ ignore_changes: ["desired_count"] });
  });

  test("the service depends on its listener rule and the cluster's capacity providers", () => {
    const rule = Object.keys(json.resource.aws_lb_listener_rule)[0];
    const providers = Object.keys(json.resource.aws_ecs_cluster_capacity_providers)[0];
    expect(oneResource(json, "aws_ecs_service").depends_on).toEqual([
      `aws_lb_listener_rule.${rule}`,
      `aws_ecs_cluster_capacity_providers.${providers}`,
    ]);
  });

  test("scalable target on the service's desired count with min and max", () => {
    expect(synthesized).toHaveResourceWithProperties(AppautoscalingTarget, {
      service_namespace: "ecs",
      scalable_dimension: "ecs:service:DesiredCount",
      resource_id: `service/${ref(json, "aws_ecs_cluster", "name")}/${ref(json, "aws_ecs_service", "name")}`,
      min_capacity: 2,
      max_capacity: 12,
    });
  });

  test("CPU policy tracks ECSServiceAverageCPUUtilization", () => {
    expect(synthesized).toHaveResourceWithProperties(AppautoscalingPolicy, {
      policy_type: "TargetTrackingScaling",
      resource_id: ref(json, "aws_appautoscaling_target", "resource_id"),
      target_tracking_scaling_policy_configuration: {
        target_value: 65,
        scale_in_cooldown: 300,
        scale_out_cooldown: 60,
        disable_scale_in: false,
        predefined_metric_specification: { predefined_metric_type: "ECSServiceAverageCPUUtilization" },
      },
    });
  });

  test("memory policy tracks ECSServiceAverageMemoryUtilization with scale-in disabled", () => {
    expect(synthesized).toHaveResourceWithProperties(AppautoscalingPolicy, {
      target_tracking_scaling_policy_configuration: {
        target_value: 80,
        scale_in_cooldown: 300,
        scale_out_cooldown: 60,
        disable_scale_in: true,
        predefined_metric_specification: { predefined_metric_type: "ECSServiceAverageMemoryUtilization" },
      },
    });
  });

  test("requests policy tracks ALBRequestCountPerTarget labelled by load balancer and target group", () => {
    expect(synthesized).toHaveResourceWithProperties(AppautoscalingPolicy, {
      name: "acme-test-chat-requests",
      target_tracking_scaling_policy_configuration: {
        target_value: 150,
        scale_in_cooldown: 600,
        scale_out_cooldown: 30,
        disable_scale_in: false,
        predefined_metric_specification: {
          predefined_metric_type: "ALBRequestCountPerTarget",
          resource_label: `${ref(json, "aws_lb", "arn_suffix")}/${ref(json, "aws_lb_target_group", "arn_suffix")}`,
        },
      },
    });
  });

  test("one policy per configured policy", () => {
    expect(resourcesOf(json, "aws_appautoscaling_policy")).toHaveLength(3);
  });

  test("internet-facing load balancer that drops invalid headers", () => {
    expect(synthesized).toHaveResourceWithProperties(Lb, {
      name: "acme-test",
      load_balancer_type: "application",
      internal: false,
      subnets: ref(json, "aws_subnets", "ids"),
      drop_invalid_header_fields: true,
      idle_timeout: 300,
    });
  });

  test("HTTP listener on 80 answers 404 for unrouted requests", () => {
    expect(resourcesOf(json, "aws_lb_listener")).toHaveLength(1);
    expect(synthesized).toHaveResourceWithProperties(LbListener, {
      port: 80,
      protocol: "HTTP",
      default_action: [
        {
          type: "fixed-response",
          fixed_response: { status_code: "404", content_type: "application/json", message_body: '{"error":"no service routes this request"}' },
        },
      ],
    });
  });

  test("target group with IP targets, health check and deregistration delay", () => {
    expect(synthesized).toHaveResourceWithProperties(LbTargetGroup, {
      name: "acme-test-chat",
      target_type: "ip",
      port: 8080,
      protocol: "HTTP",
      deregistration_delay: "120",
      health_check: { enabled: true, path: "/health", matcher: "200", protocol: "HTTP", port: "traffic-port", interval: 15, timeout: 5, healthy_threshold: 2, unhealthy_threshold: 3 },
    });
  });

  test("listener rule routes the path prefix to the target group", () => {
    expect(synthesized).toHaveResourceWithProperties(LbListenerRule, {
      listener_arn: ref(json, "aws_lb_listener", "arn"),
      priority: 46108,
      action: [{ type: "forward", target_group_arn: ref(json, "aws_lb_target_group", "arn") }],
      condition: [{ path_pattern: { values: ["/chat", "/chat/*"] } }],
    });
  });

  test("load balancer security group admits port 80 from the allowed CIDRs only", () => {
    const lbGroup = Object.keys(json.resource.aws_security_group).find((k) => k.startsWith("load-balancer"));
    const cidrRules = resourcesOf(json, "aws_vpc_security_group_ingress_rule").filter((r) => r.cidr_ipv4 || r.cidr_ipv6);
    expect(cidrRules).toEqual([
      expect.objectContaining({ security_group_id: `\${aws_security_group.${lbGroup}.id}`, from_port: 80, to_port: 80, ip_protocol: "tcp", cidr_ipv4: "0.0.0.0/0" }),
    ]);
  });

  test("service security group admits the container port from the load balancer's group only", () => {
    const groups = Object.keys(json.resource.aws_security_group);
    const lbGroup = groups.find((k) => k.startsWith("load-balancer"));
    const serviceGroup = groups.find((k) => k.startsWith("chat"));
    expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      security_group_id: `\${aws_security_group.${serviceGroup}.id}`,
      referenced_security_group_id: `\${aws_security_group.${lbGroup}.id}`,
      from_port: 8080,
      to_port: 8080,
      ip_protocol: "tcp",
    });
    const intoService = resourcesOf(json, "aws_vpc_security_group_ingress_rule").filter((r) => r.security_group_id === `\${aws_security_group.${serviceGroup}.id}`);
    expect(intoService).toHaveLength(1);
  });

  test("outputs: service URL, cluster name, service name, log group, alarms, dashboard, and the load balancer's DNS name and zone id (for alias records)", () => {
    expect(json.output).toEqual({
      cloudwatch_dashboard_url: {
        description: "CloudWatch dashboard of the environment",
        value: "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/acme-test",
      },
      chat_alarm_arns: {
        description: "Alarms of chat (for deployment rollbacks)",
        value: ["latency", "errors", "unhealthy", "at-max"].map((kind) => {
          const id = Object.keys(json.resource.aws_cloudwatch_metric_alarm).find((key) => json.resource.aws_cloudwatch_metric_alarm[key].alarm_name === `acme-test-chat-${kind}`);
          return `\${aws_cloudwatch_metric_alarm.${id}.arn}`;
        }),
      },
      cluster_name: { description: "ECS cluster name", value: ref(json, "aws_ecs_cluster", "name") },
      load_balancer_dns_name: { description: "DNS name of the shared load balancer", value: ref(json, "aws_lb", "dns_name") },
      load_balancer_zone_id: { description: "Route 53 hosted zone id of the shared load balancer, for alias records", value: ref(json, "aws_lb", "zone_id") },
      chat_url: { description: "URL of service chat", value: `http://${ref(json, "aws_lb", "dns_name")}/chat` },
      chat_service_name: { description: "ECS service name of chat", value: ref(json, "aws_ecs_service", "name") },
      chat_log_group: { description: "Log group of chat", value: ref(json, "aws_cloudwatch_log_group", "name") },
    });
  });
});

describe("existing-network environment with HTTPS and several services", () => {
  const config = configOf(
    merge(baseInput(), {
      production: true,
      accountId: "123456789012",
      network: EXISTING_NETWORK,
      logRetentionDays: 400,
      loadBalancer: { certificateArn: CERTIFICATE, allowedCidrs: ["10.0.0.0/8", "2001:db8::/32"], webAcl: {} },
      state: { dynamodbTable: "acme-terraform-locks", region: "eu-central-1" },
      services: {
        chat: { routing: { host: "chat.acme.example", pathPrefix: undefined }, logRetentionDays: 731 },
        embed: {
          image: "ghcr.io/acme/embedder:0.9.0",
          cpu: 2048,
          memory: 4096,
          port: 9000,
          cpuArchitecture: "ARM64",
          routing: { pathPrefix: "/embed" },
          deregistrationDelaySeconds: 30,
          healthCheck: { path: "/ready", matcher: "200-299" },
          taskPolicy: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::acme-models/*"] }],
          scaling: { min: 1, max: 3, policies: [{ type: "cpu", target: 50 }] },
        },
      },
    }),
  );
  const synthesized = synthEnvironment(config);
  const json = JSON.parse(synthesized) as TerraformJson;

  test("no network data sources; tasks in the private subnets without public IPs", () => {
    // The only data sources: the account and partition (key policy, log bucket), no VPC or subnet lookups.
    expect(Object.keys(json.data ?? {}).sort()).toEqual(["aws_caller_identity", "aws_partition"]);
    for (const service of resourcesOf(json, "aws_ecs_service")) {
      expect(service.network_configuration.assign_public_ip).toBe(false);
      expect(service.network_configuration.subnets).toEqual(EXISTING_NETWORK.privateSubnetIds);
    }
  });

  test("load balancer in the public subnets, with deletion protection in production", () => {
    expect(synthesized).toHaveResourceWithProperties(Lb, { subnets: EXISTING_NETWORK.publicSubnetIds, internal: false, enable_deletion_protection: true });
  });

  test("security groups and target groups live in the given VPC", () => {
    for (const group of resourcesOf(json, "aws_security_group")) expect(group.vpc_id).toBe(EXISTING_NETWORK.vpcId);
    for (const group of resourcesOf(json, "aws_lb_target_group")) expect(group.vpc_id).toBe(EXISTING_NETWORK.vpcId);
  });

  test("backend uses the state region and the DynamoDB lock table", () => {
    expect(json.terraform.backend.s3).toEqual({
      bucket: "acme-terraform-state",
      key: "ecs-ai-autoscaling/test/terraform.tfstate",
      region: "eu-central-1",
      encrypt: true,
      kms_key_id: "alias/ecs-ai-autoscaling/state/acme-terraform-state",
      dynamodb_table: "acme-terraform-locks",
      use_lockfile: true,
    });
  });

  test("HTTPS listener on 443 with the certificate, port 80 redirects to it", () => {
    expect(synthesized).toHaveResourceWithProperties(LbListener, {
      port: 443,
      protocol: "HTTPS",
      certificate_arn: CERTIFICATE,
      ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    });
    expect(synthesized).toHaveResourceWithProperties(LbListener, {
      port: 80,
      protocol: "HTTP",
      default_action: [{ type: "redirect", redirect: { port: "443", protocol: "HTTPS", status_code: "HTTP_301" } }],
    });
  });

  test("listener rules attach to the HTTPS listener", () => {
    const https = Object.entries(json.resource.aws_lb_listener).find(([, l]) => l.port === 443)![0];
    for (const rule of resourcesOf(json, "aws_lb_listener_rule")) expect(rule.listener_arn).toBe(`\${aws_lb_listener.${https}.arn}`);
  });

  test("listener ports 80 and 443 are open to each allowed CIDR, IPv4 and IPv6", () => {
    const cidrRules = resourcesOf(json, "aws_vpc_security_group_ingress_rule")
      .filter((r) => r.cidr_ipv4 || r.cidr_ipv6)
      .map((r) => `${r.from_port}:${r.cidr_ipv4 ?? r.cidr_ipv6}`)
      .sort();
    expect(cidrRules).toEqual(["443:10.0.0.0/8", "443:2001:db8::/32", "80:10.0.0.0/8", "80:2001:db8::/32"]);
  });

  test("host-header routing, and a URL on the host name", () => {
    expect(synthesized).toHaveResourceWithProperties(LbListenerRule, { condition: [{ host_header: { values: ["chat.acme.example"] } }] });
    expect(json.output.chat_url.value).toBe("https://chat.acme.example/");
    expect(json.output.embed_url.value).toBe(`https://${ref(json, "aws_lb", "dns_name")}/embed`);
  });

  test("host routes come before path routes in default priorities", () => {
    const priorities = Object.fromEntries(resourcesOf(json, "aws_lb_listener_rule").map((r) => [JSON.stringify(r.condition[0]), r.priority]));
    expect(priorities).toEqual({ '{"host_header":{"values":["chat.acme.example"]}}': 15108, '{"path_pattern":{"values":["/embed","/embed/*"]}}': 46687 });
  });

  test("per-service log retention overrides the environment's", () => {
    expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/ecs/acme/test/chat", retention_in_days: 731 });
    expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/ecs/acme/test/embed", retention_in_days: 400 });
  });

  test("per-service health check, deregistration delay and port", () => {
    expect(synthesized).toHaveResourceWithProperties(LbTargetGroup, {
      name: "acme-test-embed",
      port: 9000,
      deregistration_delay: "30",
      health_check: expect.objectContaining({ path: "/ready", matcher: "200-299" }),
    });
  });

  test("ARM64 task architecture from config", () => {
    expect(synthesized).toHaveResourceWithProperties(EcsTaskDefinition, { family: "acme-test-embed", runtime_platform: { cpu_architecture: "ARM64", operating_system_family: "LINUX" } });
  });

  test("task role gets exactly the configured permissions", () => {
    const policy = JSON.parse(oneResource(json, "aws_iam_role_policy", { name: "task-permissions" }).policy);
    expect(policy).toEqual({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::acme-models/*"] }] });
  });

  test("services without secrets get no secret policy", () => {
    expect(resourcesOf(json, "aws_iam_role_policy").map((p) => p.name)).toEqual(["task-permissions"]);
  });

  test("each service has its own scalable target", () => {
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name: "acme-test-embed-task" });
    expect(resourcesOf(json, "aws_appautoscaling_target").map((t) => [t.min_capacity, t.max_capacity])).toEqual([
      [1, 4],
      [1, 3],
    ]);
  });
});

describe("internal load balancer", () => {
  test("sits in the private subnets", () => {
    const json = JSON.parse(synthEnvironment(configOf(merge(baseInput(), { network: EXISTING_NETWORK, loadBalancer: { internal: true } })))) as TerraformJson;
    expect(oneResource(json, "aws_lb")).toMatchObject({ internal: true, subnets: EXISTING_NETWORK.privateSubnetIds });
  });
});
