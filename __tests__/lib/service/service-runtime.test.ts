import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { DefaultTokenResolver, StringConcat, Testing, TerraformStack, Tokenization } from "cdktf";
import { ServiceRuntime } from "../../../lib/service/service-runtime";
import type { ServiceSpec } from "../../../lib/service/service-spec";
import { bareSpec } from "./spec";

/** ServiceRuntime in a bare stack, as aws-cdk's tests build constructs: only the spec, no config. */
function build(spec: ServiceSpec = bareSpec()): { runtime: ServiceRuntime; json: any; synthesized: string } {
  const stack = new TerraformStack(Testing.app(), "test");
  const runtime = new ServiceRuntime(stack, "chat", { spec });
  const synthesized = Testing.synth(stack);
  return { runtime, json: JSON.parse(synthesized), synthesized };
}

const only = (json: any, type: string) => {
  const values = Object.values(json.resource[type] ?? {});
  expect(values).toHaveLength(1);
  return values[0] as any;
};

describe("ServiceRuntime from a ServiceSpec", () => {
  const { runtime, json, synthesized } = build();
  const containers = JSON.parse(only(json, "aws_ecs_task_definition").container_definitions);

  test("exposes what callers need and wraps the ECS service", () => {
    expect(runtime.node.defaultChild).toBe(runtime.service);
    const resolve = (value: string) => Tokenization.resolve(value, { scope: runtime, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
    expect(resolve(runtime.serviceName)).toBe(`\${aws_ecs_service.${runtime.service.friendlyUniqueId}.name}`);
    expect(resolve(runtime.logGroupName)).toBe(`\${aws_cloudwatch_log_group.${runtime.logGroup.resource.friendlyUniqueId}.name}`);
  });

  test("the task definition: family, size, the container named after the service, logs to its group", () => {
    expect(synthesized).toHaveResourceWithProperties(EcsTaskDefinition, { family: "chat", cpu: "1024", memory: "2048", requires_compatibilities: ["FARGATE"], network_mode: "awsvpc" });
    expect(containers).toEqual([
      expect.objectContaining({
        name: "chat",
        image: "ghcr.io/acme/chat:1.0",
        essential: true,
        stopTimeout: 120,
        logConfiguration: expect.objectContaining({ options: expect.objectContaining({ "awslogs-group": expect.stringContaining("aws_cloudwatch_log_group"), "awslogs-stream-prefix": "chat" }) }),
      }),
    ]);
  });

  test("a read-only root with one scratch volume per writable path", () => {
    expect(containers[0].readonlyRootFilesystem).toBe(true);
    expect(containers[0].mountPoints).toEqual([{ sourceVolume: "scratch-0", containerPath: "/tmp", readOnly: false }]);
    expect(only(json, "aws_ecs_task_definition").volume).toEqual([{ name: "scratch-0" }]);
  });

  test("the ECS service: desired count from the minimum, safe deployments, the given security groups, no own group", () => {
    expect(synthesized).toHaveResourceWithProperties(EcsService, {
      name: "chat",
      desired_count: 1,
      force_new_deployment: true,
      deployment_circuit_breaker: { enable: true, rollback: true },
      network_configuration: { subnets: ["subnet-0123456789abcdef0"], security_groups: ["sg-0123456789abcdef0"], assign_public_ip: false },
    });
    expect(runtime.securityGroup).toBeUndefined();
    expect(json.resource.aws_security_group).toBeUndefined();
  });

  test("the scalable target spans min to max", () => {
    expect(only(json, "aws_appautoscaling_target")).toMatchObject({ min_capacity: 1, max_capacity: 4, resource_id: expect.stringMatching(/^service\/acme\//) });
  });

  test("its own security group when the spec asks for one, egress only", () => {
    const spec = bareSpec({ network: { subnetIds: ["subnet-0123456789abcdef0"], ownSecurityGroup: { name: "acme-chat", description: "Service chat", vpcId: "vpc-0123456789abcdef0" } } });
    const { runtime: withGroup, synthesized: out, json: withJson } = build(spec);
    expect(withGroup.securityGroup).toBeDefined();
    expect(out).toHaveResourceWithProperties(SecurityGroup, { name: "acme-chat", vpc_id: "vpc-0123456789abcdef0" });
    expect(only(withJson, "aws_vpc_security_group_egress_rule")).toMatchObject({ ip_protocol: "-1", cidr_ipv4: "0.0.0.0/0" });
    expect(only(withJson, "aws_ecs_service").network_configuration.security_groups).toEqual([expect.stringContaining("aws_security_group")]);
  });

  test("a container health check and secrets reach the container definition; the execution role may read the secrets", () => {
    const secret = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:token-AbCdEf";
    const base = bareSpec();
    const spec = bareSpec({
      roles: { ...base.roles, secretArns: [secret] },
      task: {
        ...base.task,
        container: {
          ...base.task.container,
          secrets: { TOKEN: secret },
          healthCheck: { shellCommand: "curl -fsS localhost:8080/health", intervalSeconds: 30, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 120 },
        },
      },
    });
    const { json: out } = build(spec);
    const [container] = JSON.parse(only(out, "aws_ecs_task_definition").container_definitions);
    expect(container.healthCheck).toEqual({ command: ["CMD-SHELL", "curl -fsS localhost:8080/health"], interval: 30, timeout: 5, retries: 3, startPeriod: 120 });
    expect(container.secrets).toEqual([{ name: "TOKEN", valueFrom: secret }]);
    const policy = JSON.parse(Object.values<any>(out.resource.aws_iam_role_policy).find((p) => p.name === "read-task-secrets").policy);
    expect(policy.Statement).toEqual([expect.objectContaining({ Action: "secretsmanager:GetSecretValue", Resource: [secret] })]);
  });

  test("policies are added by the spec's scaling hook, on the service's scalable target", () => {
    const seen: string[] = [];
    const base = bareSpec();
    build(bareSpec({ scaling: { ...base.scaling, addPolicies: (context) => void seen.push(`${context.namePrefix}:${context.min}`) } }));
    expect(seen).toEqual(["chat:1"]);
  });
});
