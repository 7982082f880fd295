import { TerraformLocal, TerraformStack, Testing } from "cdktf";
import { HclExpression } from "../../lib/hcl/hcl-expression";
import { ExecutionRole } from "../../lib/iam/execution-role";
import { ServiceRoute } from "../../lib/lb/service-route";
import { ServiceRuntime } from "../../lib/service/service-runtime";
import { bareSpec } from "./service/spec";
import { containerDefinitionJson, renderContainerDefinitions } from "../../lib/task/container-definition";
import { resourcesOf } from "../helpers";

/** Constructs and renderers given values Terraform computes at plan time (what the Terraform module passes them). */

const logs = { logGroup: "/ecs/chat", region: "eu-west-1", streamPrefix: "chat" };

function synth(build: (stack: TerraformStack) => void): any {
  const stack = new TerraformStack(Testing.app(), "test");
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

describe("container definitions with plan-time values", () => {
  test("an environment map expression becomes ECS's name/value list, built by a for expression", () => {
    const json = containerDefinitionJson({ name: "c", image: "i:1", logs, environment: HclExpression.of("var.environment") });
    expect((json.environment as HclExpression).text).toBe("[for name, value in var.environment : { name = name, value = value }]");
  });

  test("secrets from an expression use valueFrom", () => {
    const json = containerDefinitionJson({ name: "c", image: "i:1", logs, secrets: HclExpression.of("var.secrets") });
    expect((json.secrets as HclExpression).text).toBe("[for name, value in var.secrets : { name = name, valueFrom = value }]");
  });

  test("a GPU count expression asks for GPUs only when it is above 0", () => {
    const json = containerDefinitionJson({ name: "c", image: "i:1", logs, gpus: HclExpression.of("var.gpu_count") });
    expect((json.resourceRequirements as HclExpression).text).toBe('var.gpu_count > 0 ? [{ type = "GPU", value = tostring(var.gpu_count) }] : null');
  });

  test("expressions and tokens land in the rendered JSON as interpolations Terraform fills in", () => {
    const rendered = synth((stack) => {
      new TerraformLocal(stack, "definitions", renderContainerDefinitions([{ name: "c", image: "${var.image}", logs, command: HclExpression.of("var.command") }]));
    }).locals.definitions;
    expect(rendered).toContain('"image":"${var.image}"');
    expect(rendered).toContain('"command":${jsonencode(var.command)}');
  });
});

describe("execution role with plan-time secrets", () => {
  const json = synth((stack) => {
    new ExecutionRole(stack, "execution", { name: "chat-execution", region: "us-east-1", partition: "${data.aws_partition.current.partition}", secretArns: HclExpression.of("values(var.secrets)") });
  });

  test("the secrets policy exists only when there are secrets", () => {
    expect(resourcesOf(json, "aws_iam_role_policy")[0].count).toBe("${length(values(var.secrets)) > 0 ? 1 : 0}");
  });

  test("it reads the secrets' ARNs, a Secrets Manager JSON-key suffix dropped and a partial ARN completed with -?????? (terraform-checks.test.ts evaluates it)", () => {
    const policy = resourcesOf(json, "aws_iam_role_policy")[0].policy as string;
    const arn = 'join(":", slice(split(":", ref), 0, min(7, length(split(":", ref)))))';
    expect(policy).toContain('"Action":["secretsmanager:GetSecretValue","ssm:GetParameters"]');
    expect(policy).toContain(
      `"Resource":\${jsonencode(distinct([for ref in values(var.secrets) : can(regex(":secretsmanager:", ref)) && !can(regex("-[A-Za-z0-9]{6}$", ${arn})) ? "\${${arn}}-??????" : ${arn}]))}`,
    );
  });

  test("the managed policy ARN uses the given partition", () => {
    expect(resourcesOf(json, "aws_iam_role_policy_attachment")[0].policy_arn).toBe(
      "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
    );
  });
});

describe("route with plan-time hosts", () => {
  const json = synth((stack) => {
    new ServiceRoute(stack, "route", {
      targetGroupName: "chat",
      vpcId: "vpc-1",
      listenerArn: "${var.listener_arn}",
      service: {
        port: 8080,
        deregistrationDelaySeconds: 120,
        healthCheck: { path: "/health", matcher: "200", intervalSeconds: 15, timeoutSeconds: 5, healthyThreshold: 2, unhealthyThreshold: 3 },
      },
      priority: 100,
      hosts: HclExpression.of("var.host_headers"),
      paths: ["/chat", "/chat/*"],
    });
  });

  test("the path condition is static and the host condition a dynamic block present only with hosts", () => {
    const rule = resourcesOf(json, "aws_lb_listener_rule")[0];
    expect(rule.condition).toEqual([{ path_pattern: { values: ["/chat", "/chat/*"] } }]);
    expect(rule.dynamic.condition).toEqual({
      for_each: "${length(var.host_headers) > 0 ? [var.host_headers] : []}",
      content: { host_header: { values: "${condition.value}" } },
    });
  });
});

describe("ECS service with a plan-time capacity provider strategy", () => {
  test("the strategy becomes a dynamic block over the list", () => {
    const json = synth((stack) => {
      const base = bareSpec();
      new ServiceRuntime(stack, "service", {
        spec: { ...base, compute: (scope) => ({ ...base.compute(scope), serviceSettings: { platformVersion: "LATEST" }, strategyExpression: HclExpression.of("var.capacity_provider_strategy") }) },
      });
    });
    const service = resourcesOf(json, "aws_ecs_service")[0];
    expect(service).not.toHaveProperty("capacity_provider_strategy");
    expect(service.dynamic.capacity_provider_strategy.for_each).toBe("${var.capacity_provider_strategy}");
  });
});
