import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { tmpdir } from "node:os";
import { App, TerraformStack, Testing, Token } from "cdktf";
import { Construct } from "constructs";
import { HclExpression } from "../../lib/hcl/hcl-expression";
import { indexInstanceReferences } from "../../lib/hcl/instance-references";
import { choose, conditionOf, equals, hclOf, isPlanTime, lookupIn, onlyWhen, when } from "../../lib/hcl/plan-time";

/** Values Terraform only knows at plan time: detected, written as HCL, and chosen between without deciding at synth. */

/** An app on the system's temporary folder, which exists: nothing is written (Testing.app() makes a folder each time). */
const app = () => new App({ outdir: tmpdir(), skipValidation: true });
const stack = new TerraformStack(app(), "plan-time");
/** Synthesizes what `build` adds to a new stack. */
const synthScope = (build: (scope: TerraformStack) => void) => {
  const scope = new TerraformStack(app(), "scope");
  build(scope);
  return Testing.synth(scope);
};

describe("isPlanTime", () => {
  test("known values are not", () => {
    expect([isPlanTime(3), isPlanTime("cpu"), isPlanTime([1, 2]), isPlanTime({ a: 1 }), isPlanTime(undefined)]).toEqual([false, false, false, false, false]);
  });

  test("expressions, tokens and strings with an interpolation are", () => {
    expect([
      isPlanTime(HclExpression.of("var.x")),
      isPlanTime(Token.asNumber("${each.value.target}")),
      isPlanTime(Token.asList("${each.value.steps}")),
      isPlanTime("${each.key} metric"),
      isPlanTime(Token.asAny("${each.value.metrics}")),
    ]).toEqual([true, true, true, true, true]);
  });
});

describe("hclOf", () => {
  test("plan-time values become their expression; a string with literal text stays a template", () => {
    expect(hclOf(stack, Token.asNumber("${each.value.target}"))).toBe("each.value.target");
    expect(hclOf(stack, "${each.key} metric")).toBe('"${each.key} metric"');
    expect(hclOf(stack, HclExpression.of("var.a + 1"))).toBe("var.a + 1");
  });

  test("references resolve to the resource's attribute", () => {
    const queue = new SqsQueue(stack, "queue", { name: "q" });
    expect(hclOf(stack, queue.arn)).toMatch(/^aws_sqs_queue\.queue(_[0-9A-F]{8})?\.arn$/);
  });

  test("known values become literals, strings escaped", () => {
    expect(hclOf(stack, { cpu: "A", list: [1, true, null] })).toBe('{ cpu = "A", list = [1, true, null] }');
    expect(hclOf(stack, 'say "hi" ${not}')).toBe('"say \\"hi\\" ${not}"');
  });
});

describe("choices", () => {
  test("decided at once on known values", () => {
    expect(equals(stack, 0, 0)).toBe(true);
    expect(choose(stack, false, "a", "b")).toBe("b");
    expect(lookupIn(stack, { cpu: "CPU" }, "cpu")).toBe("CPU");
  });

  test("written as conditionals on plan-time values", () => {
    const zero = equals(stack, Token.asNumber("${var.min_capacity}"), 0) as HclExpression;
    expect(zero.text).toBe("var.min_capacity == 0");
    const chosen = choose(stack, zero, "with floor", "plain");
    expect(isPlanTime(chosen)).toBe(true);
    const json = JSON.parse(synthScope((scope) => new SqsQueue(scope, "q", { name: chosen })));
    expect(Object.values<any>(json.resource.aws_sqs_queue)[0].name).toBe('${var.min_capacity == 0 ? "with floor" : "plain"}');
  });

  test("a table lookup by a plan-time key is an HCL lookup", () => {
    const looked = lookupIn(stack, { cpu: "CPU", memory: "MEM" }, "${each.value.metric}");
    const json = JSON.parse(synthScope((scope) => new SqsQueue(scope, "q", { name: looked })));
    expect(Object.values<any>(json.resource.aws_sqs_queue)[0].name).toBe('${lookup({ cpu = "CPU", memory = "MEM" }, each.value.metric)}');
  });

  test("a lookup of a known key that is not in the table throws", () => {
    expect(() => lookupIn(stack, { cpu: "CPU" }, "gpu")).toThrow("no entry gpu in cpu");
  });
});

describe("when", () => {
  test("true builds, false does not, and neither sets a count", () => {
    const scope = new TerraformStack(app(), "when");
    const built = when(true, () => new SqsQueue(scope, "yes", { name: "yes" }));
    expect(when(false, () => new SqsQueue(scope, "no", { name: "no" }))).toBeUndefined();
    expect(built!.count).toBeUndefined();
    expect(scope.node.tryFindChild("no")).toBeUndefined();
  });

  test("an expression builds, and every resource made gets a count of the condition", () => {
    const scope = new TerraformStack(app(), "when");
    const group = when(HclExpression.of('var.kind == "worker"'), () => {
      const construct = new Construct(scope, "group");
      new SqsQueue(construct, "a", { name: "a" });
      new SqsQueue(construct, "b", { name: "b" });
      return construct;
    })!;
    const queues = group.node.findAll().filter((c): c is SqsQueue => c instanceof SqsQueue);
    expect(queues.map((q) => conditionOf(q)?.text)).toEqual(['var.kind == "worker"', 'var.kind == "worker"']);
    const json = JSON.parse(Testing.synth(scope));
    expect(Object.values<any>(json.resource.aws_sqs_queue).map((q) => q.count)).toEqual(['${var.kind == "worker" ? 1 : 0}', '${var.kind == "worker" ? 1 : 0}']);
  });

  test("a resource that already has a count cannot be made conditional", () => {
    const scope = new TerraformStack(app(), "when");
    const queue = new SqsQueue(scope, "q", { name: "q", count: 2 });
    expect(() => onlyWhen(HclExpression.of("var.x"), queue)).toThrow("already has count or for_each");
  });
});

describe("indexInstanceReferences", () => {
  const json = {
    resource: {
      aws_sqs_queue: { q: { count: "${var.worker ? 1 : 0}", name: "q" } },
      aws_appautoscaling_policy: { p: { for_each: "${var.ps}", name: "${each.key}" } },
      aws_cloudwatch_metric_alarm: { a: { for_each: "${var.ps}", alarm_actions: ["${aws_appautoscaling_policy.p.arn}"] } },
      aws_iam_role_policy: { r: { policy: '{"Resource":"${aws_sqs_queue.q.arn}"}', depends_on: ["aws_sqs_queue.q"] } },
    },
    output: { url: { value: "${aws_sqs_queue.q.url}" }, all: { value: "${{ for k, p in aws_appautoscaling_policy.p : k => p.arn }}" } },
  };
  const indexed = indexInstanceReferences(json);

  test("a counted resource is referred to as one(...) of its instances", () => {
    expect(indexed.resource.aws_iam_role_policy.r.policy).toBe('{"Resource":"${one(aws_sqs_queue.q[*].arn)}"}');
    expect(indexed.output.url.value).toBe("${one(aws_sqs_queue.q[*].url)}");
  });

  test("a for_each resource is referred to by the same key from a resource with the same for_each", () => {
    expect(indexed.resource.aws_cloudwatch_metric_alarm.a.alarm_actions).toEqual(["${aws_appautoscaling_policy.p[each.key].arn}"]);
  });

  test("depends_on and for expressions over all instances stay as they are", () => {
    expect(indexed.resource.aws_iam_role_policy.r.depends_on).toEqual(["aws_sqs_queue.q"]);
    expect(indexed.output.all.value).toBe(json.output.all.value);
  });

  test("any other reference to a for_each resource is an error", () => {
    expect(() => indexInstanceReferences({ ...json, output: { one: { value: "${aws_appautoscaling_policy.p.arn}" } } })).toThrow(
      "output refers to aws_appautoscaling_policy.p.arn, which has for_each; say which instances (a for expression)",
    );
  });

  test("a stack without count or for_each is returned as it is", () => {
    const plain = { resource: { aws_sqs_queue: { q: { name: "q" } } } };
    expect(indexInstanceReferences(plain)).toBe(plain);
  });
});

describe("HclExpression as a part of larger expressions", () => {
  test("operands are parenthesized unless they are names or attribute paths", () => {
    expect([HclExpression.of("var.x").operand(), HclExpression.of("a[0].b").operand(), HclExpression.of("a ? b : c").operand()]).toEqual(["var.x", "a[0].b", "(a ? b : c)"]);
  });

  test("a for expression's collection goes in concat(...) rather than parentheses", () => {
    expect([HclExpression.of("var.x").collection(), HclExpression.of("a ? [b] : []").collection()]).toEqual(["var.x", "concat(a ? [b] : [])"]);
  });
});
