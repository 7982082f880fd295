import { MODULE_INPUTS } from "../../lib/module/inputs";
import { synthesizeModule } from "../../lib/module/module-files";
import { configService, configValue, configVerdict } from "./parity-config";
import { BASE_INPUTS, PARITY_TABLE, ParityRow } from "./parity-table";
import { jsonSchemaOf } from "../../lib/module/terraform-schema";

/**
 * The shared table, the half that needs no Terraform: the config's verdict on every row agrees
 * with the module's (or differs where the row says why), and every row names something of the
 * module that can reject it. `terraform test` runs the module's half.
 */

const inputsOf = (row: ParityRow) => Object.fromEntries(Object.entries({ ...BASE_INPUTS, ...row.inputs }).filter(([, value]) => value !== null));

describe("the config agrees with the module on every row", () => {
  const comparable = PARITY_TABLE.filter((row) => !row.noConfigCounterpart);
  test.each(comparable.map((row) => [row.name, row] as const))("%s", (_name, row) => {
    const verdict = configVerdict(inputsOf(row));
    const moduleAccepts = row.rejectedBy === undefined;
    const expected = row.difference ? !moduleAccepts : moduleAccepts;
    expect({ accepted: verdict.accepted, problems: verdict.accepted === expected ? "as expected" : verdict.problems }).toEqual({ accepted: expected, problems: "as expected" });
  });
});

describe("the table", () => {
  const json = synthesizeModule().toTerraform() as Record<string, any>;

  test("has at least 30 rows, each name once, only module inputs", () => {
    expect(PARITY_TABLE.length).toBeGreaterThanOrEqual(30);
    expect(new Set(PARITY_TABLE.map((row) => row.name)).size).toBe(PARITY_TABLE.length);
    expect(PARITY_TABLE.flatMap((row) => Object.keys(row.inputs)).filter((name) => !(name in MODULE_INPUTS))).toEqual([]);
  });

  test("accepts and rejects, through validation blocks and preconditions, on both sides", () => {
    const compared = PARITY_TABLE.filter((row) => !row.noConfigCounterpart && !row.difference);
    expect(compared.filter((row) => !row.rejectedBy).length).toBeGreaterThanOrEqual(10);
    expect(compared.filter((row) => row.rejectedBy?.startsWith("var.")).length).toBeGreaterThanOrEqual(10);
    expect(compared.filter((row) => row.rejectedBy?.startsWith("aws_")).length).toBeGreaterThanOrEqual(10);
  });

  test("every row that rejects names a validated variable or a resource with preconditions", () => {
    const unchecked = PARITY_TABLE.filter((row) => row.rejectedBy).filter((row) => {
      const [section, name] = row.rejectedBy!.startsWith("var.") ? ["variable", row.rejectedBy!.slice(4)] : ["resource", row.rejectedBy!];
      if (section === "variable") return !json.variable[name]?.validation?.length;
      const [type, resource] = name.split(".");
      return !json.resource[type]?.[resource]?.lifecycle?.precondition?.length;
    });
    expect(unchecked.map((row) => `${row.name}: ${row.rejectedBy}`)).toEqual([]);
  });

  test("every difference and module-only row says why", () => {
    for (const row of PARITY_TABLE) {
      for (const reason of [row.difference, row.noConfigCounterpart]) if (reason !== undefined) expect([row.name, reason.length > 40]).toEqual([row.name, true]);
      expect([row.name, Boolean(row.difference && row.noConfigCounterpart)]).toEqual([row.name, false]);
    }
  });

  test("the base inputs are every required input of the module", () => {
    const required = Object.entries<any>(json.variable).filter(([, v]) => !("default" in v)).map(([name]) => name);
    expect(required.filter((name) => !(name in BASE_INPUTS))).toEqual([]);
  });
});

describe("the config side", () => {
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

  test("the config's verdict names what rejected the inputs", () => {
    expect(configVerdict({ ...BASE_INPUTS, cpu: 1024, memory: 512 }).problems).toEqual([
      "services.chat.memory: is not a valid Fargate memory size for cpu 1024; allowed (MiB): 2048, 3072, 4096, 5120, 6144, 7168, 8192",
    ]);
  });

  test("the security rules are part of the config's verdict, as in a synth", () => {
    expect(configVerdict({ ...BASE_INPUTS, production: true }).problems).toEqual([expect.stringMatching(/^AIS-IMG-1: container chat uses ghcr\.io\/acme\/llm-server:1\.4\.2, which is not pinned by digest/)]);
  });
});
