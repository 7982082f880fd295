import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { TerraformLocal, TerraformOutput, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { stackToHcl } from "../../lib/hcl/stack-hcl";
import { expressionType, formatHcl, oneLineArguments, parseHcl } from "./hcl-parse";

/**
 * Each test shows one thing cdktf 0.21's HCL writer (`stack.toHclTerraform()`, what
 * `cdktf synth --hcl` writes) gets wrong, and that lib/hcl writes it the way the HCL
 * parser and Terraform 1.x read it.
 */

function stackWith(build: (stack: TerraformStack) => void): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "test");
  build(stack);
  return stack;
}

const cdktfHcl = (stack: TerraformStack) => stack.toHclTerraform().hcl;

function serviceStack(): TerraformStack {
  return stackWith((stack) => {
    const task = new EcsTaskDefinition(stack, "task", { family: "chat", containerDefinitions: "[]" });
    new EcsService(stack, "service", {
      name: "chat",
      taskDefinition: task.arn,
      desiredCount: 1,
      lifecycle: { ignoreChanges: ["desired_count"] },
      dependsOn: [task],
    });
  });
}

describe("references", () => {
  test("depends_on lists bare references (cdktf quotes them, deprecated since Terraform 0.12)", async () => {
    const stack = serviceStack();
    const theirs = (await parseHcl(cdktfHcl(stack))).resource.aws_ecs_service.service[0];
    const ours = (await parseHcl(stackToHcl(stack))).resource.aws_ecs_service.service[0];
    expect(theirs.depends_on).toEqual(["aws_ecs_task_definition.task"]);
    expect(ours.depends_on).toEqual(["${aws_ecs_task_definition.task}"]);
  });

  test("lifecycle.ignore_changes lists bare attribute names", async () => {
    const stack = serviceStack();
    const theirs = (await parseHcl(cdktfHcl(stack))).resource.aws_ecs_service.service[0];
    const ours = (await parseHcl(stackToHcl(stack))).resource.aws_ecs_service.service[0];
    expect(theirs.lifecycle[0].ignore_changes).toEqual(["desired_count"]);
    expect(ours.lifecycle[0].ignore_changes).toEqual(["${desired_count}"]);
  });

  test('attribute references are bare expressions, not "${...}" templates', async () => {
    const stack = serviceStack();
    const line = (hcl: string) => oneLineArguments(hcl).find((a) => a.name === "task_definition")!.expression;
    expect(await expressionType(line(cdktfHcl(stack)))).toBe("templateWrap");
    expect(await expressionType(line(stackToHcl(stack)))).toBe("scopeTraversal");
  });
});

describe("strings", () => {
  const jsonWithReference = JSON.stringify({ group: "${aws_cloudwatch_log_group.logs.name}", command: 'echo "hi" \\ done' });

  test("strings holding an interpolation and quotes are escaped (cdktf's file does not parse)", async () => {
    const stack = stackWith((s) => new TerraformOutput(s, "document", { value: jsonWithReference }));
    await expect(parseHcl(cdktfHcl(stack))).rejects.toThrow();
    expect((await parseHcl(stackToHcl(stack))).output.document[0].value).toBe(jsonWithReference);
  });

  test("strings that look like numbers stay strings; strings starting with [ stay quoted", async () => {
    const stack = stackWith((s) => new TerraformLocal(s, "values", { matcher: "200", note: "[draft] text" }));
    await expect(parseHcl(cdktfHcl(stack))).rejects.toThrow();
    expect((await parseHcl(stackToHcl(stack))).locals[0].values).toEqual({ matcher: "200", note: "[draft] text" });
  });

  test("null values are written (cdktf's writer throws on them)", async () => {
    const stack = stackWith((s) => new TerraformLocal(s, "values", { command: null }));
    expect(() => cdktfHcl(stack)).toThrow(TypeError);
    expect((await parseHcl(stackToHcl(stack))).locals[0].values).toEqual({ command: null });
  });
});

describe("JSON documents", () => {
  function taskStack(): TerraformStack {
    return stackWith((s) => {
      new EcsTaskDefinition(s, "task", {
        family: "chat",
        containerDefinitions: JSON.stringify([{ name: "chat", cpu: "${var.cpu}", logs: { "awslogs-group": "${aws_cloudwatch_log_group.logs.name}" } }]).replace('"${var.cpu}"', "${var.cpu}"),
        volume: [],
      });
      new IamRole(s, "role", { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [] }) });
    });
  }

  test("container definitions become jsonencode() of an HCL value with bare references", async () => {
    const stack = taskStack();
    await expect(parseHcl(cdktfHcl(stack))).rejects.toThrow();
    const hcl = stackToHcl(stack);
    expect(hcl).toContain(
      [
        "  container_definitions = jsonencode([",
        "    {",
        '      name = "chat"',
        "      cpu  = var.cpu",
        "      logs = {",
        '        "awslogs-group" = aws_cloudwatch_log_group.logs.name',
        "      }",
        "    },",
        "  ])",
      ].join("\n"),
    );
    const parsed = await parseHcl(hcl);
    expect(parsed.resource.aws_ecs_task_definition.task[0].container_definitions).toMatch(/^\$\{jsonencode\(\[/);
  });

  test("IAM policies become jsonencode() too", async () => {
    const parsed = await parseHcl(stackToHcl(taskStack()));
    expect(parsed.resource.aws_iam_role.role[0].assume_role_policy).toBe('${jsonencode({\n    Version   = "2012-10-17"\n    Statement = []\n  })}');
  });

  test("an empty block list is no block at all", async () => {
    const parsed = await parseHcl(stackToHcl(taskStack()));
    expect(parsed.resource.aws_ecs_task_definition.task[0]).not.toHaveProperty("volume");
  });
});

describe("blocks", () => {
  test("nested blocks inside dynamic content are blocks (cdktf writes them as attributes)", async () => {
    const stack = stackWith((s) => {
      const rule = new LbListenerRule(s, "rule", { listenerArn: "arn", action: [{ type: "forward", targetGroupArn: "tg" }], condition: [{ pathPattern: { values: ["/*"] } }] });
      rule.addOverride("dynamic.condition", { for_each: "${var.hosts}", content: { host_header: { values: "${condition.value}" } } });
    });
    expect(cdktfHcl(stack)).toMatch(/host_header = \{/);
    const hcl = stackToHcl(stack);
    expect(hcl).toContain(["  dynamic \"condition\" {", "    for_each = var.hosts", "    content {", "      host_header {", "        values = condition.value"].join("\n"));
    const rule = (await parseHcl(hcl)).resource.aws_lb_listener_rule.rule[0];
    expect(rule.dynamic.condition[0].content[0].host_header).toEqual([{ values: "${condition.value}" }]);
  });

  test("variables: bare type, validation blocks with a bare condition", async () => {
    const stack = stackWith((s) => {
      new TerraformVariable(s, "cpu", {
        type: "number",
        description: "Task CPU units",
        validation: [{ condition: "${contains([256, 512], var.cpu)}", errorMessage: 'cpu must be one of "256", "512"' }],
      });
    });
    expect(stackToHcl(stack)).toBe(
      [
        'variable "cpu" {',
        '  description = "Task CPU units"',
        "  type        = number",
        "  validation {",
        "    condition     = contains([256, 512], var.cpu)",
        '    error_message = "cpu must be one of \\"256\\", \\"512\\""',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });
});

describe("formatting", () => {
  test("the output is what terraform fmt (hclwrite, as run by cdktf synth --hcl) writes; cdktf's raw output is not", async () => {
    const stack = serviceStack();
    expect(await formatHcl(cdktfHcl(stack))).not.toBe(cdktfHcl(stack));
    expect(await formatHcl(stackToHcl(stack))).toBe(stackToHcl(stack));
  });
});
