import { FARGATE_CPU_VALUES } from "../../lib/aws/fargate";
import { MODULE_INPUTS, MODULE_POLICY_TYPES } from "../../lib/module/inputs";
import { synthesizeModule } from "../../lib/module/module-files";
import { POLICY_KINDS } from "../../lib/scaling/policies";

/** The ai-ecs-service module as Terraform JSON. */

const json = synthesizeModule().toTerraform() as Record<string, any>;
const resource = (type: string, name: string) => {
  const found = json.resource[type]?.[name];
  if (!found) throw new Error(`no ${type}.${name}; have ${Object.keys(json.resource[type] ?? {}).join(", ")}`);
  return found;
};
const conditions = (body: any): string[] => (body.validation ?? body.lifecycle?.precondition ?? []).map((c: any) => c.condition);

describe("module shape", () => {
  test("no backend and no provider block", () => {
    expect(json.terraform.backend).toBeUndefined();
    expect(json.provider).toBeUndefined();
  });

  test("the AWS provider is constrained to major version 6, not pinned", () => {
    expect(json.terraform.required_providers).toEqual({ aws: { source: "hashicorp/aws", version: ">= 6.0, < 7.0" } });
    expect(json.terraform.required_version).toBe(">= 1.3");
  });

  test("variables are the module inputs, by name, each with a description and a type", () => {
    expect(Object.keys(json.variable)).toEqual(Object.keys(MODULE_INPUTS));
    for (const [name, variable] of Object.entries<any>(json.variable)) {
      expect([name, typeof variable.description, typeof variable.type]).toEqual([name, "string", "string"]);
    }
  });

  test("required inputs have no default; inputs with a default are not nullable", () => {
    const required = Object.entries<any>(json.variable).filter(([, v]) => !("default" in v)).map(([name]) => name);
    expect(required).toEqual(["name", "image", "cpu", "memory", "cluster_arn", "vpc_id", "subnet_ids", "security_group_ids", "listener_arn", "listener_rule_priority", "min_capacity", "max_capacity", "policies"]);
    expect(json.variable.port).toMatchObject({ default: 8080, nullable: false });
    expect(json.variable.command).toEqual(expect.objectContaining({ default: null }));
    expect(json.variable.command).not.toHaveProperty("nullable");
  });

  test("resources, data sources, outputs and locals have readable names, not cdktf hashes", () => {
    const names = ["resource", "data", "output", "locals", "variable"].flatMap((section) =>
      section === "locals" || section === "output" || section === "variable"
        ? Object.keys(json[section] ?? {})
        : Object.values<Record<string, unknown>>(json[section] ?? {}).flatMap((byName) => Object.keys(byName)),
    );
    expect(names.filter((name) => /_[0-9A-F]{8}$|-/.test(name))).toEqual([]);
    expect(Object.keys(json.resource.aws_appautoscaling_policy)).toEqual(MODULE_POLICY_TYPES.map((type) => `autoscaling_policy_${type}`));
  });

  test("outputs for what callers wire up next", () => {
    expect(Object.keys(json.output)).toEqual([
      "service_name",
      "service_arn",
      "task_definition_arn",
      "target_group_arn",
      "target_group_arn_suffix",
      "listener_rule_arn",
      "log_group_name",
      "execution_role_arn",
      "task_role_arn",
      "task_role_name",
      "autoscaling_resource_id",
      "scaling_policy_arns",
    ]);
    expect(json.output.task_role_name.value).toBe("${aws_iam_role.task_role.name}");
  });
});

describe("validation", () => {
  test("cpu is a Fargate CPU size", () => {
    expect(conditions(json.variable.cpu)).toEqual([`contains([${FARGATE_CPU_VALUES.join(", ")}], var.cpu)`].map((c) => `\${${c}}`));
  });

  test("the port is a whole number from 1 to 65535", () => {
    expect(conditions(json.variable.port)).toEqual(["${floor(var.port) == var.port && var.port >= 1 && var.port <= 65535}"]);
  });

  test("policy types are scaling policy kinds of the project, each type at most once", () => {
    expect(MODULE_POLICY_TYPES.filter((type) => !(type in POLICY_KINDS))).toEqual([]);
    const policies = conditions(json.variable.policies);
    expect(policies).toContain(`\${alltrue([for item in var.policies : contains([${MODULE_POLICY_TYPES.map((k) => `"${k}"`).join(", ")}], item.type)])}`);
    expect(policies).toContain("${length(distinct([for policy in var.policies : policy.type])) == length(var.policies)}");
  });

  test("every validation condition refers to its own variable only (Terraform < 1.9)", () => {
    for (const [name, variable] of Object.entries<any>(json.variable)) {
      for (const condition of conditions(variable)) {
        expect([name, [...new Set([...condition.matchAll(/var\.([a-z_]+)/g)].map((m) => m[1]))]]).toEqual([name, [name]]);
      }
    }
  });

  test("min_capacity <= max_capacity is checked before the scalable target is created", () => {
    expect(conditions(resource("aws_appautoscaling_target", "autoscaling_target"))).toEqual(["${var.min_capacity <= var.max_capacity}"]);
  });

  test("memory must be a Fargate size for the cpu unless the task has GPUs", () => {
    expect(conditions(resource("aws_ecs_task_definition", "task_definition"))).toEqual([
      "${var.gpu_count > 0 || contains(lookup(local.fargate_memory_by_cpu, tostring(var.cpu), []), var.memory)}",
    ]);
    expect(json.locals.fargate_memory_by_cpu["512"]).toBe("${range(1024, 4096 + 1, 1024)}");
  });

  test("GPU tasks must name EC2 capacity and have no public IP", () => {
    expect(conditions(resource("aws_ecs_service", "service"))).toEqual([
      '${!(var.gpu_count > 0) || alltrue([for share in var.capacity_provider_strategy : !contains(["FARGATE", "FARGATE_SPOT"], share.capacity_provider)])}',
      "${!(var.gpu_count > 0 && var.assign_public_ip)}",
    ]);
  });
});

describe("resources", () => {
  test("the container definition is rendered by the project's renderer, filled by the variables", () => {
    const definitions = resource("aws_ecs_task_definition", "task_definition").container_definitions as string;
    expect(definitions).toContain('"image":"${var.image}"');
    expect(definitions).toContain('"containerPort":${var.port}');
    expect(definitions).toContain('"environment":${jsonencode([for name, value in var.environment : { name = name, value = value }])}');
    expect(definitions).toContain('"resourceRequirements":${jsonencode(var.gpu_count > 0 ? [{ type = "GPU", value = tostring(var.gpu_count) }] : null)}');
  });

  test("GPU tasks are EC2 tasks without a Fargate platform version", () => {
    expect(resource("aws_ecs_task_definition", "task_definition").requires_compatibilities).toBe('${var.gpu_count > 0 ? ["EC2"] : ["FARGATE"]}');
    expect(resource("aws_ecs_service", "service").platform_version).toBe('${var.gpu_count > 0 ? null : "LATEST"}');
    // A changed capacity_provider_strategy variable must not break the next plan.
    expect(resource("aws_ecs_service", "service").force_new_deployment).toBe(true);
  });

  test("the listener rule forwards the given paths, and hosts when there are any, to the service's target group", () => {
    const rule = resource("aws_lb_listener_rule", "route_rule");
    expect(rule).toMatchObject({ listener_arn: "${var.listener_arn}", priority: "${var.listener_rule_priority}" });
    expect(rule.action).toEqual([{ type: "forward", target_group_arn: "${aws_lb_target_group.route_target_group.arn}" }]);
    expect(rule.condition).toEqual([{ path_pattern: { values: "${var.path_patterns}" } }]);
    expect(rule.dynamic.condition.for_each).toBe("${length(var.host_headers) > 0 ? [var.host_headers] : []}");
  });

  test("the service registers with the target group after the rule exists and leaves desired_count to autoscaling", () => {
    const service = resource("aws_ecs_service", "service");
    expect(service.load_balancer).toEqual([{ target_group_arn: "${aws_lb_target_group.route_target_group.arn}", container_name: "${var.name}", container_port: "${var.port}" }]);
    expect(service.depends_on).toEqual(["aws_lb_listener_rule.route_rule"]);
    expect(service.lifecycle.ignore_changes).toEqual(["desired_count"]);
    expect(service.dynamic.capacity_provider_strategy.for_each).toBe("${var.capacity_provider_strategy}");
  });

  test("the scalable target names the cluster from its ARN", () => {
    expect(resource("aws_appautoscaling_target", "autoscaling_target").resource_id).toBe('service/${element(split("/", var.cluster_arn), 1)}/${aws_ecs_service.service.name}');
  });

  test("one policy resource per kind, for each policy of that type, built by the kind's own code", () => {
    for (const type of MODULE_POLICY_TYPES) {
      const policy = resource("aws_appautoscaling_policy", `autoscaling_policy_${type}`);
      expect(policy.for_each).toBe(`\${{ for policy in var.policies : policy.type => policy if policy.type == "${type}" }}`);
      expect(policy.target_tracking_scaling_policy_configuration.target_value).toBe("${each.value.target}");
    }
    expect(resource("aws_appautoscaling_policy", "autoscaling_policy_requests").target_tracking_scaling_policy_configuration.predefined_metric_specification.resource_label).toBe(
      '${regex("listener/(app/[^/]+/[^/]+)/", var.listener_arn)[0]}/${aws_lb_target_group.route_target_group.arn_suffix}',
    );
  });

  test("the execution role may read the secrets, with a policy only when there are any", () => {
    expect(resource("aws_iam_role_policy", "execution_role_secrets").count).toBe("${length(values(var.secrets)) > 0 ? 1 : 0}");
  });
});
