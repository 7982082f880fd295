import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, TerraformResource } from "cdktf";
import { addStacks } from "../../lib/app/synthesize";
import { loadEnvironmentDirectory } from "../../lib/config/load";
import { PREVIEW_CHART_FILE, previewChartCommand } from "../../lib/docs/preview-chart";

const README = readFileSync("README.md", "utf8");

/** The shipped stacks, built as `npm run synth` builds them (nothing is written). */
const outdir = mkdtempSync(join(tmpdir(), "ecs-ai-docs-")); // cdktf's App creates it; nothing is written
afterAll(() => rmSync(outdir, { recursive: true, force: true }));
const stacks = addStacks(new App({ outdir, skipValidation: true }), loadEnvironmentDirectory("config"));
const terraformOf = (name: string) => stacks.find((stack) => stack.node.id === name)!.toTerraform() as Record<string, Record<string, object>>;
const typesOf = (...names: string[]) =>
  new Set(names.flatMap((name) => [...Object.keys(terraformOf(name).resource ?? {}), ...Object.keys(terraformOf(name).data ?? {})]));

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

describe("README.md", () => {
  test("fits a few screens (at most 350 lines)", () => {
    expect(README.split("\n").length).toBeLessThanOrEqual(350);
  });

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

  test("the quick start is the two commands, and both are scripts", () => {
    const quickStart = /## Quick start\n\n```sh\n([\s\S]*?)```/.exec(README)![1];
    expect(quickStart.split("\n").map((line) => line.replace(/\s+#.*$/, "")).filter(Boolean)).toEqual(["npm ci && npm run synth", "npm test"]);
    const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts;
    expect([scripts.synth, scripts.test].every(Boolean)).toBe(true);
  });

  test("shows the preview chart and names the command that drew it", () => {
    expect(README).toContain(`](${PREVIEW_CHART_FILE})`);
    expect(README.replace(/\n/g, " ")).toContain(previewChartCommand().replace(" --out <dir>", ""));
    expect(README).toContain(`${previewChartCommand()}\``);
  });
});
