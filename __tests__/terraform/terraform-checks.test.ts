import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { findTerraform, SKIP_LINE } from "../../lib/terraform-check/terraform-binary";
import type { CaseResult, TerraformChecks } from "../../lib/terraform-check/checks";
import { MODULE_CASES } from "../../lib/terraform-check/module-parity/cases";
import type { SubjectKind } from "../../lib/terraform-check/subjects";
import type { TerraformDiagnostic } from "../../lib/terraform-check/validate";

/**
 * Real Terraform on what the project writes, against the stand-in hashicorp/aws 6.25.0
 * (lib/terraform-check): terraform fmt, terraform validate of every stack (JSON and HCL),
 * of the module (HCL and JSON) and of the example, and terraform test of the module's
 * parity table. Skipped, with one line saying so, when no terraform binary is on PATH.
 */

const terraform = findTerraform();
if (!terraform) process.stderr.write(`${SKIP_LINE}\n`);
const describeWithTerraform = terraform ? describe : describe.skip;

describeWithTerraform("real Terraform on the synthesized output", () => {
  let checks: TerraformChecks;
  let validations: Promise<{ kind: SubjectKind; label: string; diagnostics: TerraformDiagnostic[] }[]>;
  let cases: Promise<Map<string, CaseResult>>;

  beforeAll(async () => {
    // Loaded here, so that a run without terraform does not load the checks at all.
    const { TerraformChecks: Checks } = require("../../lib/terraform-check/checks") as typeof import("../../lib/terraform-check/checks");
    // One process at a time: jest's workers already keep every core busy.
    checks = await Checks.prepare({ terraform: terraform!, concurrency: 1 });
    // Everything is queued now (the workspace runs one Terraform process at a time); tests wait for their part.
    validations = Promise.all(checks.subjects.subjects.map(async (s) => ({ kind: s.kind, label: s.label, diagnostics: await checks.validate(s) })));
    cases = checks.moduleCases().then((results) => new Map(results.map((r) => [r.testCase.name, r])));
    validations.catch(() => undefined);
    cases.catch(() => undefined);
  }, 180_000);

  afterAll(async () => {
    await checks?.dispose();
  }, 60_000);

  /** Errors and warnings of the subjects of one kind, one line each, naming the subject. */
  async function problemsOf(kind: SubjectKind): Promise<string[]> {
    const { formatDiagnostic } = require("../../lib/terraform-check/validate") as typeof import("../../lib/terraform-check/validate");
    const ofKind = (await validations).filter((v) => v.kind === kind);
    expect(ofKind.length).toBeGreaterThan(0);
    return ofKind.flatMap((v) => v.diagnostics.map((d) => `${v.label}: ${formatDiagnostic(d)}`));
  }

  test("terraform fmt -check changes nothing in the HCL of synth:hcl, the module, the example and the module's test files", async () => {
    const { files, differences } = await checks.fmt();
    expect(files.filter((file) => file.endsWith("cdk.tf")).length).toBeGreaterThanOrEqual(2);
    expect(files.some((file) => file.endsWith("variables.tf"))).toBe(true);
    expect(differences.map((d) => `${d.file}\n${d.diff}`)).toEqual([]);
  }, 120_000);

  test("terraform validate accepts every stack of npm run synth (Terraform JSON)", async () => {
    expect(await problemsOf("stack (JSON)")).toEqual([]);
  }, 120_000);

  test("terraform validate accepts every stack of npm run synth:hcl (HCL)", async () => {
    expect(await problemsOf("stack (HCL)")).toEqual([]);
  }, 120_000);

  test("terraform validate accepts the module in HCL", async () => {
    expect(await problemsOf("module (HCL)")).toEqual([]);
  }, 120_000);

  test("terraform validate accepts the module in Terraform JSON", async () => {
    expect(await problemsOf("module (JSON)")).toEqual([]);
  }, 120_000);

  test("terraform validate accepts examples/terraform-module calling the module", async () => {
    expect(await problemsOf("example")).toEqual([]);
  }, 120_000);

  test("with the stand-in's schema, terraform validate rejects what the AWS provider's schema rejects", async () => {
    const { validateConfiguration } = require("../../lib/terraform-check/validate") as typeof import("../../lib/terraform-check/validate");
    const dir = join(checks.root, "broken");
    mkdirSync(dir);
    writeFileSync(
      join(dir, "main.tf"),
      [
        'resource "aws_ecs_service" "unknown_argument" {',
        '  name            = "a"',
        "  not_an_argument = 1",
        "}",
        'resource "aws_ecs_service" "missing_name" {',
        "  desired_count = 1",
        "}",
        'resource "aws_ecs_service" "wrong_type" {',
        '  name          = "b"',
        '  desired_count = "many"',
        "}",
        'resource "aws_ecs_service" "two_breakers" {',
        '  name = "c"',
        "  deployment_circuit_breaker {",
        "    enable   = true",
        "    rollback = true",
        "  }",
        "  deployment_circuit_breaker {",
        "    enable   = true",
        "    rollback = true",
        "  }",
        "}",
        'resource "aws_lb_listener_rule" "no_action" {',
        '  listener_arn = "x"',
        "  condition {",
        "    path_pattern {",
        '      values = ["/x"]',
        "    }",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    const found = (await validateConfiguration(checks.workspace, dir)).map((d) => `${d.severity} ${d.file}:${d.line}: ${d.summary}`);
    expect(found.sort()).toEqual([
      "error main.tf:10: Incorrect attribute value type",
      "error main.tf:18: Too many deployment_circuit_breaker blocks",
      "error main.tf:23: Insufficient action blocks",
      "error main.tf:3: Unsupported argument",
      "error main.tf:5: Missing required argument",
    ]);
  }, 120_000);

  test("terraform validate accepts a stack whose command, environment, health check and task policy hold ${...} meant for the shell and IAM", async () => {
    const { validateConfiguration } = require("../../lib/terraform-check/validate") as typeof import("../../lib/terraform-check/validate");
    const { synthesizeAll } = require("../../lib/app/synthesize") as typeof import("../../lib/app/synthesize");
    const { loadEnvironmentDirectory } = require("../../lib/config/load") as typeof import("../../lib/config/load");
    const { parse, stringify } = require("yaml") as typeof import("yaml");
    const configDir = join(checks.root, "literal-text", "config");
    mkdirSync(configDir, { recursive: true });
    const dev = parse(readFileSync(join("config", "dev.yaml"), "utf8"));
    Object.assign(dev.services.embeddings, {
      command: ["sh", "-c", 'exec text-embeddings-router --port "${PORT}" %{not-a-directive}'],
      environment: { PORT: "80", CACHE_DIR: "${HOME}/.cache" },
      containerHealthCheck: { command: "curl -fsS localhost:${PORT}/health" },
      taskPolicy: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::acme-models/${aws:PrincipalTag/team}/*"] }],
    });
    writeFileSync(join(configDir, "dev.yaml"), stringify(dev));
    const outdir = join(checks.root, "literal-text", "cdktf.out");
    synthesizeAll({ configs: loadEnvironmentDirectory(configDir), outdir });
    const found = (await validateConfiguration(checks.workspace, join(outdir, "stacks", "dev"))).map((d) => `${d.severity} ${d.file}:${d.line}: ${d.summary}`);
    expect(found).toEqual([]);
  }, 120_000);

  test("Terraform computes the module's readable secrets as the environments do: JSON keys dropped, partial Secrets Manager ARNs completed", async () => {
    const { secretStatementFor } = require("../../lib/iam/execution-role") as typeof import("../../lib/iam/execution-role");
    const { secretResourceArn } = require("../../lib/aws/formats") as typeof import("../../lib/aws/formats");
    const { HclExpression } = require("../../lib/hcl/hcl-expression") as typeof import("../../lib/hcl/hcl-expression");
    const references = [
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/hf-token",
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/openai-AbCdEf:api_key::",
      "arn:aws:ssm:eu-west-1:123456789012:parameter/acme/api-keys",
    ];
    const dir = join(checks.root, "secret-arns");
    mkdirSync(join(dir, "tests"), { recursive: true });
    const resource = (secretStatementFor(HclExpression.of("var.references")).Resource as unknown as { text: string }).text;
    writeFileSync(join(dir, "main.tf"), `variable "references" {\n  type = list(string)\n}\n\noutput "resources" {\n  value = ${resource}\n}\n`);
    const expected = [...new Set(references.map(secretResourceArn))];
    writeFileSync(
      join(dir, "tests", "secrets.tftest.hcl"),
      `run "secrets" {\n  command = plan\n  variables {\n    references = ${JSON.stringify(references)}\n  }\n  assert {\n    condition     = jsonencode(output.resources) == ${JSON.stringify(JSON.stringify(expected))}\n    error_message = "computed differently"\n  }\n}\n`,
    );
    const result = await checks.workspace.terraform(["test", "-no-color"], dir);
    expect(expected).toContain("arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/hf-token-??????");
    expect(`${result.stdout}${result.stderr}`).toContain("1 passed, 0 failed");
  }, 120_000);

  describe("terraform test of the module with mock_provider: the parity table", () => {
    test.each(MODULE_CASES.map((c) => [c.name, c] as const))("%s", async (name, testCase) => {
      const result = (await cases).get(name);
      expect(result).toBeDefined();
      expect(result!.outcome.status).toBe("pass");
      expect(result!.problems).toEqual([]);
      // The run really planned the inputs: a rejected case names the object that rejected them.
      if (testCase.rejectedBy) expect(result!.outcome.file.text).toContain(`expect_failures = [${testCase.rejectedBy}]`);
    }, 120_000);
  });
});
