import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { App, TerraformResource } from "cdktf";
import { addStacks } from "../../lib/app/synthesize";
import { loadEnvironmentDirectory } from "../../lib/config/load";
import { policyKindFacts } from "../../lib/docs/policy-kinds";
import { PREVIEW_CHART_FILE, renderPreviewChart } from "../../lib/docs/preview-chart";
import { DASHBOARD_LAYOUT_FILE, renderDashboardLayout } from "../../lib/docs/dashboard-layout";
import { generatedFiles, REFERENCE_DIR } from "../../lib/docs/reference-pages";
import { POLICY_TYPES } from "../../lib/scaling/policies/definitions";

// What the docs say that the code decides: the generated pages and chart equal what their
// generators write now (`npm run docs` rewrites them), the policy kinds page's facts come from
// the validation and a synth, and the README's diagram and synth output match the stacks.
// One file, so that cdktf and the provider modules load once for all of it.

const facts = Object.fromEntries(POLICY_TYPES.map((type) => [type, policyKindFacts(type)]));
const files = generatedFiles(POLICY_TYPES.map((type) => facts[type]));

describe("generated files are up to date (run `npm run docs` to update)", () => {
  test.each(Object.keys(files))("%s", (path) => {
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, "utf8")).toBe(files[path]);
  });

  test("docs/reference holds only generated pages", () => {
    const generated = Object.keys(files).filter((path) => path.startsWith(`${REFERENCE_DIR}/`)).map((path) => basename(path));
    expect(readdirSync(REFERENCE_DIR).sort()).toEqual(generated.sort());
  });

  test("the README's preview chart is what npm run preview draws now", () => {
    const svg = renderPreviewChart();
    expect(svg.startsWith("<svg")).toBe(true);
    expect(readFileSync(PREVIEW_CHART_FILE, "utf8")).toBe(svg);
  });

  test("the README's dashboard layout is the dashboard config/prod.yaml deploys", () => {
    const svg = renderDashboardLayout();
    expect(svg).toContain(">Policy server<");
    expect(readFileSync(DASHBOARD_LAYOUT_FILE, "utf8")).toBe(svg);
  });
});

describe("scaling policy kinds page", () => {
  test("the services column is what the validation accepts", () => {
    expect(Object.fromEntries(POLICY_TYPES.map((type) => [type, facts[type].services]))).toEqual({
      cpu: ["web", "worker"],
      memory: ["web", "worker"],
      requests: ["web"],
      latency: ["web"],
      custom: ["web", "worker"],
      server: ["web", "worker"],
      queue: ["worker"],
      step: ["web", "worker"],
      predictive: ["web", "worker"],
    });
  });

  test("the Terraform column names the policy type and metric the synth writes", () => {
    expect(facts.cpu.terraform).toEqual(["`aws_appautoscaling_policy` TargetTrackingScaling on `ECSServiceAverageCPUUtilization`"]);
    expect(facts.requests.terraform).toEqual(["`aws_appautoscaling_policy` TargetTrackingScaling on `ALBRequestCountPerTarget`"]);
    expect(facts.step.terraform).toEqual(["`aws_appautoscaling_policy` StepScaling", "`aws_cloudwatch_metric_alarm`"]);
    expect(facts.predictive.terraform).toEqual(["`aws_appautoscaling_policy` PredictiveScaling, mode `ForecastOnly`"]);
  });

  test("a queue policy at min 0 shows its scale-from-zero and scale-to-zero alarms", () => {
    expect(facts.queue.terraform).toEqual([
      "`aws_appautoscaling_policy` TargetTrackingScaling on metric math over `ApproximateNumberOfMessagesVisible`, `RunningTaskCount`",
      "2 x `aws_appautoscaling_policy` StepScaling",
      "2 x `aws_cloudwatch_metric_alarm`",
    ]);
  });

  test("the description is the kind's own", () => {
    expect(facts.queue.description).toBe("visible messages per running task");
  });

  test("an example no service kind accepts stops the generator with the validation's messages", () => {
    expect(() => policyKindFacts("cpu", { policy: { type: "cpu", target: 150 }, caption: "too high" })).toThrow(
      /the cpu example in lib\/docs\/policy-examples.ts is valid in no service kind:\n.*target: must be at most 100/,
    );
  });
});

describe("README.md against the shipped stacks", () => {
  const README = readFileSync("README.md", "utf8");
  const outdir = mkdtempSync(join(tmpdir(), "ecs-ai-docs-")); // cdktf's App creates it; nothing is written
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  /** The shipped stacks, built as `npm run synth` builds them. */
  const stacks = addStacks(new App({ outdir, skipValidation: true }), loadEnvironmentDirectory("config"));
  const typesOf = (...names: string[]) =>
    new Set(
      names.flatMap((name) => {
        const json = stacks.find((stack) => stack.node.id === name)!.toTerraform() as Record<string, Record<string, object>>;
        return [...Object.keys(json.resource ?? {}), ...Object.keys(json.data ?? {})];
      }),
    );

  /**
   * Resource types of the prod and state stacks the README's diagram leaves out, as its
   * "Not drawn" paragraph says. A type here that the stacks stop creating fails the test too.
   */
  const NOT_DRAWN: Record<string, string> = {
    aws_s3_bucket_versioning: "the bucket's settings",
    aws_s3_bucket_server_side_encryption_configuration: "the bucket's settings",
    aws_s3_bucket_public_access_block: "the bucket's settings",
    aws_s3_bucket_policy: "the bucket's settings (TLS only)",
    aws_s3_bucket_ownership_controls: "the bucket's settings",
    aws_s3_bucket_lifecycle_configuration: "the bucket's settings",
    aws_vpc_security_group_ingress_rule: "security group rules",
    aws_vpc_security_group_egress_rule: "security group rules",
    aws_iam_role_policy: "IAM policies",
    aws_iam_role_policy_attachment: "IAM policies",
    aws_iam_instance_profile: "the GPU instances' profile",
    aws_sqs_queue_policy: "the queues' TLS-only policies",
    aws_sqs_queue_redrive_allow_policy: "the queues' redrive policy",
  };

  test("the diagram names only resource types the prod and state stacks create, and every one they create is drawn or listed as not drawn", () => {
    const diagram = /```mermaid\n([\s\S]*?)```/.exec(README)![1];
    const drawn = new Set(diagram.match(/\baws_[a-z0-9_]+/g));
    const created = typesOf("prod", "state");
    expect([...drawn].filter((type) => !created.has(type))).toEqual([]);
    expect([...created].filter((type) => !drawn.has(type) && !(type in NOT_DRAWN))).toEqual([]);
    expect(Object.keys(NOT_DRAWN).filter((type) => !created.has(type) || drawn.has(type))).toEqual([]);
  });

  test("the synth output it shows has each stack's resource count", () => {
    const shown = /`npm run synth` prints one line per stack:\n\n```\n([\s\S]*?)```/.exec(README)![1];
    const lines = shown.trim().split("\n").map((line) => line.split(/\s+/));
    expect(lines.map(([name, count, , path]) => [name, Number(count), path])).toEqual(
      stacks.map((stack) => [stack.node.id, stack.node.findAll().filter(TerraformResource.isTerraformResource).length, `cdktf.out/stacks/${stack.node.id}/cdk.tf.json`]),
    );
  });
});
