import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { tmpdir } from "node:os";
import { App, TerraformStack, Testing } from "cdktf";
import { AiEcsServiceModule } from "../../lib/module/ai-ecs-service-module";
import { applyPolicy } from "../../lib/security/apply-policy";
import { checkReports, formatFinding, PolicyReport } from "../../lib/security/report";
import { RULES } from "../../lib/security/rules";

/**
 * The security rules on the Terraform module, as the environment stacks apply them: every rule,
 * no suppressions. What the caller chooses (the image, the log retention, public IPs) is only
 * known when Terraform plans; the rules pass such a value only where the module checks it then.
 */

/** An app on the system's temporary folder, which exists: nothing is written (Testing.app() makes a folder each time). */
const app = () => new App({ outdir: tmpdir(), skipValidation: true });
/** A customer-managed key, so that the bare log groups below are about their retention alone (AIS-LOG-2). */
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/0c9d8e7f-1a2b-4c3d-9e8f-0123456789ab";

function moduleReport(production: boolean): PolicyReport {
  const module = new AiEcsServiceModule(app(), "ai-ecs-service");
  const report = applyPolicy(module, { production });
  Testing.synth(module);
  return report;
}

describe.each([true, false])("production: %s", (production) => {
  const report = moduleReport(production);

  test("no rule finds anything, and nothing is suppressed", () => {
    expect([...report.errors, ...report.warnings].map(formatFinding)).toEqual([]);
    expect(report.suppressed).toEqual([]);
    expect(checkReports([report])).toEqual([]);
  });
});

describe("the metrics sidecar (a container under a plan-time condition) is checked as if it were there", () => {
  test("without the module's plan-time check of the sidecar's image, AIS-IMG-1 fails closed on it in production", () => {
    const module = new AiEcsServiceModule(app(), "ai-ecs-service");
    const report = applyPolicy(module, { production: true });
    const task = module.node.findAll().find((c) => c.node.path.endsWith("task-definition/task")) as EcsTaskDefinition;
    task.lifecycle = { precondition: task.lifecycle!.precondition!.filter((p) => !p.errorMessage.includes("metrics sidecar")) };
    Testing.synth(module);
    expect(report.errors.map((f) => f.rule.id)).toEqual(["AIS-IMG-1"]);
    expect(report.errors[0]!.message).toContain("var.server_metrics.sidecar.image");
  });

  test("without the plan-time retention checks on the sidecar's log group, AIS-LOG-1 fails closed on it", () => {
    const module = new AiEcsServiceModule(app(), "ai-ecs-service");
    const report = applyPolicy(module, { production: false });
    const group = module.node.findAll().find((c) => c.node.path.endsWith("metrics-collector-logs/group")) as CloudwatchLogGroup;
    group.lifecycle = { precondition: [] };
    Testing.synth(module);
    expect(report.errors.map((f) => `${f.rule.id} ${f.message.slice(0, 100)}`)).toEqual([expect.stringMatching(/^AIS-LOG-1 cannot check aws_cloudwatch_log_group ai-ecs-service\/runtime\/metrics-collector-logs/)]);
  });
});

describe("the rules look at the module's resources", () => {
  test("every rule for a resource type the module has runs on it", () => {
    const module = new AiEcsServiceModule(app(), "ai-ecs-service");
    const types = new Set(module.node.findAll().flatMap((c) => ("terraformResourceType" in c ? [(c as any).terraformResourceType as string] : [])));
    const applicable = RULES.map((Rule) => new Rule({ production: true })).filter((rule) => rule.resourceTypes.some((type) => types.has(type)));
    expect(applicable.map((rule) => rule.id).sort()).toEqual(["AIS-ALB-2", "AIS-ECS-2", "AIS-IAM-1", "AIS-IAM-2", "AIS-IMG-1", "AIS-LOG-1", "AIS-LOG-2", "AIS-LOG-3", "AIS-NET-1", "AIS-SG-2", "AIS-SQS-1"]);
  });

  test("production retention (AIS-LOG-3) computed by Terraform without the module's precondition fails closed", () => {
    const stack = new TerraformStack(app(), "bare");
    const report = applyPolicy(stack, { production: true });
    const group = new CloudwatchLogGroup(stack, "logs", { name: "/ecs/x", kmsKeyId: KEY, retentionInDays: "${var.log_retention_days}" as unknown as number });
    group.lifecycle = { precondition: [{ condition: "${var.log_retention_days > 0}", errorMessage: "AIS-LOG-1: retention" }] };
    Testing.synth(stack);
    expect(report.errors.map((f) => `${f.rule.id}: ${f.message}`)).toEqual([expect.stringMatching(/^AIS-LOG-3: cannot check aws_cloudwatch_log_group bare\/logs: retention_in_days is computed by Terraform/)]);
  });

  test("without the module's plan-time check, a variable's retention cannot be checked: the rule fails closed", () => {
    const stack = new TerraformStack(app(), "bare");
    const report = applyPolicy(stack, { production: false });
    new CloudwatchLogGroup(stack, "logs", { name: "/ecs/x", kmsKeyId: KEY, retentionInDays: "${var.log_retention_days}" as unknown as number });
    Testing.synth(stack);
    expect(report.errors.map((f) => `${f.rule.id}: ${f.message}`)).toEqual([expect.stringMatching(/^AIS-LOG-1: cannot check aws_cloudwatch_log_group bare\/logs: retention_in_days is computed by Terraform/)]);
  });

  test("a precondition that names the rule but reads another variable does not count", () => {
    const stack = new TerraformStack(app(), "bare");
    const report = applyPolicy(stack, { production: false });
    const group = new CloudwatchLogGroup(stack, "logs", { name: "/ecs/x", kmsKeyId: KEY, retentionInDays: "${var.log_retention_days}" as unknown as number });
    group.lifecycle = { precondition: [{ condition: "${var.other > 0}", errorMessage: "AIS-LOG-1: retention" }] };
    Testing.synth(stack);
    expect(report.errors.map((f) => f.rule.id)).toEqual(["AIS-LOG-1"]);
  });

  test("a precondition that reads the variable and names the rule moves the check to the plan", () => {
    const stack = new TerraformStack(app(), "bare");
    const report = applyPolicy(stack, { production: false });
    const group = new CloudwatchLogGroup(stack, "logs", { name: "/ecs/x", kmsKeyId: KEY, retentionInDays: "${var.log_retention_days}" as unknown as number });
    group.lifecycle = { precondition: [{ condition: "${var.log_retention_days > 0}", errorMessage: "AIS-LOG-1: retention" }] };
    Testing.synth(stack);
    expect(report.errors).toEqual([]);
  });
});
