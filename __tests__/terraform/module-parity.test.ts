import { BASE_INPUTS, MODULE_CASES } from "../../lib/terraform-check/module-parity/cases";
import { configService, configValue, configVerdict } from "../../lib/terraform-check/module-parity/config-verdict";
import type { ModuleCase } from "../../lib/terraform-check/module-parity/module-case";
import { parityProblems } from "../../lib/terraform-check/module-parity/parity";
import type { CaseOutcome } from "../../lib/terraform-check/module-parity/run-tests";
import { moduleTestFiles } from "../../lib/terraform-check/module-parity/test-files";
import { MODULE_INPUTS } from "../../lib/module/inputs";
import { synthesizeModule } from "../../lib/module/module-files";
import { jsonSchemaOf } from "../../lib/module/terraform-schema";

/**
 * The module's parity table (issue 11), the half that needs no Terraform: the config
 * validation's verdict on every row (with the security rules, as a synth runs them), the
 * table's own rules (the test files the rows become: module-parity-files.test.ts; the HCL
 * tools' Go runtime kept the jest worker from exiting when it shared a file with these many
 * validations).
 */

describe("the config validation agrees with every row of the parity table", () => {
  const comparable = MODULE_CASES.filter((c) => !c.noConfigCounterpart);
  test.each(comparable.map((c) => [c.name, c] as const))("%s", (_name, testCase) => {
    const verdict = configVerdict({ ...BASE_INPUTS, ...testCase.inputs });
    const moduleAccepts = testCase.rejectedBy === undefined;
    const expected = testCase.knownGap || testCase.difference ? !moduleAccepts : moduleAccepts;
    expect({ accepted: verdict.accepted, problems: verdict.accepted === expected ? "as expected" : verdict.problems }).toEqual({ accepted: expected, problems: "as expected" });
  });
});

describe("configVerdict", () => {
  test("accepts the base inputs", () => {
    expect(configVerdict(BASE_INPUTS)).toEqual({ accepted: true, problems: [] });
  });

  test("checks inputs the config has in a service, with the rules that span fields", () => {
    expect(configVerdict({ ...BASE_INPUTS, cpu: 1024, memory: 512 }).problems).toEqual([
      "services.chat.memory: is not a valid Fargate memory size for cpu 1024; allowed (MiB): 2048, 3072, 4096, 5120, 6144, 7168, 8192",
    ]);
  });

  test("checks the module's own inputs with the schemas their validation blocks come from", () => {
    expect(configVerdict({ ...BASE_INPUTS, vpc_id: "vpc-1" }).problems).toEqual([`vpc_id: ${MODULE_INPUTS.vpc_id.safeParse("vpc-1").error!.issues[0].message}`]);
  });

  test("the security rules are part of the config's verdict, as in a synth", () => {
    expect(configVerdict({ ...BASE_INPUTS, production: true }).problems).toEqual([expect.stringMatching(/^AIS-IMG-1: container chat uses ghcr\.io\/acme\/llm-server:1\.4\.2, which is not pinned by digest/)]);
  });

  test("object fields become the config's camelCase; map keys stay as they are", () => {
    const policies = configValue(jsonSchemaOf(MODULE_INPUTS.policies), [
      { type: "step", alarm: { metric: { namespace: "N", name: "M", dimensions: { Service_Name: "{service}" } }, evaluation_periods: 2 }, steps: [{ lower_bound: 0, adjustment: 1 }] },
    ]);
    expect(policies).toEqual([{ type: "step", alarm: { metric: { namespace: "N", name: "M", dimensions: { Service_Name: "{service}" } }, evaluationPeriods: 2 }, steps: [{ lowerBound: 0, adjustment: 1 }] }]);
  });

  test("a worker's inputs become a worker service with its queue; GPUs become gpu compute", () => {
    const worker = configService({ ...BASE_INPUTS, kind: "worker", queue: { visibility_timeout_seconds: 900 }, gpu_count: 1, gpu_instance_types: ["g5.xlarge"] });
    expect(worker).toMatchObject({ kind: "worker", queue: { visibilityTimeoutSeconds: 900 }, compute: { type: "gpu", gpusPerTask: 1, instanceTypes: ["g5.xlarge"] } });
    expect(worker).not.toHaveProperty("routing");
  });

  test("a null input is left out, as Terraform falls back to the variable's default", () => {
    expect(configVerdict({ ...BASE_INPUTS, listener_rule_priority: null })).toEqual({ accepted: true, problems: [] });
  });
});

describe("the parity table", () => {
  const json = synthesizeModule().toTerraform() as Record<string, any>;

  test("has at least 30 rows, names each case once, and only module inputs", () => {
    expect(MODULE_CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(MODULE_CASES.map((c) => c.name)).size).toBe(MODULE_CASES.length);
    const inputs = MODULE_CASES.flatMap((c) => Object.keys(c.inputs));
    expect(inputs.filter((name) => !(name in MODULE_INPUTS))).toEqual([]);
  });

  test("rejects through a validated variable or a precondition's resource", () => {
    const bad = MODULE_CASES.filter((c) => c.rejectedBy && !/^(var\.[a-z_]+|aws_[a-z0-9_]+\.[a-z0-9_]+)$/.test(c.rejectedBy));
    expect(bad.map((c) => c.rejectedBy)).toEqual([]);
  });

  test("accepts and rejects, through validation blocks and preconditions, where the config has the same values", () => {
    const compared = MODULE_CASES.filter((c) => !c.noConfigCounterpart && !c.difference && !c.knownGap);
    expect(compared.filter((c) => !c.rejectedBy).length).toBeGreaterThanOrEqual(10);
    expect(compared.filter((c) => c.rejectedBy?.startsWith("var.")).length).toBeGreaterThanOrEqual(10);
    expect(compared.filter((c) => c.rejectedBy?.startsWith("aws_")).length).toBeGreaterThanOrEqual(10);
  });

  test("every row that rejects names a validated variable or a resource with preconditions", () => {
    const unchecked = MODULE_CASES.filter((c) => c.rejectedBy).filter((c) => {
      const [section, name] = c.rejectedBy!.startsWith("var.") ? ["variable", c.rejectedBy!.slice(4)] : ["resource", c.rejectedBy!];
      if (section === "variable") return !json.variable[name]?.validation?.length;
      const [type, resource] = name.split(".");
      return !json.resource[type]?.[resource]?.lifecycle?.precondition?.length;
    });
    expect(unchecked.map((c) => `${c.name}: ${c.rejectedBy}`)).toEqual([]);
  });

  test("every difference, known gap and module-only row says why, and a row is at most one of them", () => {
    for (const c of MODULE_CASES) {
      const reasons = [c.difference, c.knownGap, c.noConfigCounterpart].filter((reason) => reason !== undefined);
      expect([c.name, reasons.length <= 1, reasons.every((reason) => reason!.length > 40)]).toEqual([c.name, true, true]);
    }
  });

  test("the base inputs are every required input of the module", () => {
    const required = Object.entries<any>(json.variable).filter(([, v]) => !("default" in v)).map(([name]) => name);
    expect(required.filter((name) => !(name in BASE_INPUTS))).toEqual([]);
  });
});

describe("parityProblems", () => {
  const file = moduleTestFiles(MODULE_CASES.slice(0, 1), BASE_INPUTS)[0];
  const pass: CaseOutcome = { file, status: "pass", diagnostics: [] };
  const rejected: ModuleCase = { name: "x", inputs: {}, rejectedBy: "var.cpu" };

  test("holds when the run passed and the config agrees", () => {
    expect(parityProblems(rejected, pass, { accepted: false, problems: ["cpu: no"] })).toEqual([]);
  });

  test("reports a run that did not pass, with its diagnostics", () => {
    const failed: CaseOutcome = { file, status: "error", diagnostics: ["error: Missing expected failure: var.cpu did not fail"] };
    expect(parityProblems(rejected, failed, { accepted: false, problems: ["cpu: no"] })).toEqual([
      'terraform test: expected the module to have rejected by var.cpu; the run ended "error": error: Missing expected failure: var.cpu did not fail',
    ]);
  });

  test("reports a config validation that disagrees", () => {
    expect(parityProblems(rejected, pass, { accepted: true, problems: [] })).toEqual(["the module is rejected by var.cpu, but the config validation accepts"]);
  });

  test("a known gap must still be a gap", () => {
    const gap: ModuleCase = { name: "x", inputs: {}, knownGap: "the config rejects it" };
    expect(parityProblems(gap, pass, { accepted: false, problems: ["min: no"] })).toEqual([]);
    expect(parityProblems(gap, pass, { accepted: true, problems: [] })).toEqual(["marked as a known gap, but the config validation now accepts like the module: remove knownGap"]);
  });

  test("a row without a config counterpart is judged by Terraform alone", () => {
    const moduleOnly: ModuleCase = { ...rejected, noConfigCounterpart: "module only" };
    expect(parityProblems(moduleOnly, pass, { accepted: true, problems: [] })).toEqual([]);
  });
});
