import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MODULE_INPUTS } from "../../lib/module/inputs";
import { moduleFiles, writeModule } from "../../lib/module/module-files";
import { actualFromHcl, canonical, expectedFromJson, expressionType, formatHcl, oneLineArguments, parseHcl } from "../hcl/hcl-parse";

/** dist/terraform-module/ai-ecs-service: HCL files, the JSON variant and the README, checked with the HCL parser. */

const files = moduleFiles();
const hclNames = ["versions.tf", "variables.tf", "main.tf", "outputs.tf"];
const JSON_DOCUMENTS = new Set(["aws_ecs_task_definition.container_definitions", "aws_iam_role.assume_role_policy", "aws_iam_role_policy.policy"]);
const parsed = new Map<string, any>();

beforeAll(async () => {
  for (const name of hclNames) parsed.set(name, await parseHcl(files[name], name));
});

/** Variable types compare without layout: the HCL prints object types one attribute per line. */
function typesWithoutLayout(doc: any): any {
  for (const variable of Object.values<any>(doc.variable ?? {})) if (typeof variable.type === "string") variable.type = variable.type.replace(/[\s,]/g, "");
  return doc;
}

test("HCL in the conventional files, the JSON variant in a directory of its own, a README", () => {
  expect(Object.keys(files).sort()).toEqual(["README.md", "json/main.tf.json", "main.tf", "outputs.tf", "variables.tf", "versions.tf"]);
});

test("the HCL files together say what json/main.tf.json says", async () => {
  const all = await parseHcl(hclNames.map((name) => files[name]).join("\n"));
  const json = JSON.parse(files["json/main.tf.json"]);
  expect(typesWithoutLayout(await actualFromHcl(all, JSON_DOCUMENTS))).toEqual(typesWithoutLayout(expectedFromJson(json, JSON_DOCUMENTS)));
});

test("each file holds its kind of block", () => {
  expect(Object.keys(parsed.get("versions.tf"))).toEqual(["terraform"]);
  expect(Object.keys(parsed.get("variables.tf"))).toEqual(["variable"]);
  expect(Object.keys(parsed.get("main.tf")).sort()).toEqual(["data", "locals", "resource"]);
  expect(Object.keys(parsed.get("outputs.tf"))).toEqual(["output"]);
});

test("versions.tf: a provider version range, no provider block, no backend", () => {
  expect(canonical(parsed.get("versions.tf"))).toEqual({
    terraform: { required_version: ">= 1.3", required_providers: { aws: { source: "hashicorp/aws", version: ">= 6.0, < 7.0" } } },
  });
});

test("variables.tf declares every input with a description, a type, and validation blocks where the schema constrains it", () => {
  const variables = parsed.get("variables.tf").variable as Record<string, any[]>;
  expect(Object.keys(variables).sort()).toEqual(Object.keys(MODULE_INPUTS).sort());
  for (const [name, [variable]] of Object.entries(variables)) {
    expect([name, typeof variable.description, variable.type]).toEqual([name, "string", expect.stringMatching(/^\$\{(string|number|bool|list\(|map\(|object\()/)]);
  }
  const unvalidated = Object.entries(variables).filter(([, [variable]]) => !variable.validation).map(([name]) => name);
  expect(unvalidated.sort()).toEqual(["assign_public_ip", "command", "production"]);
});

test("validation conditions and preconditions are expressions, not strings", async () => {
  const conditions = oneLineArguments([files["variables.tf"], files["main.tf"]].join("\n")).filter((a) => a.name === "condition");
  expect(conditions.length).toBeGreaterThan(30);
  const types = new Set(await Promise.all(conditions.map((c) => expressionType(c.expression))));
  expect(types.has("templateWrap")).toBe(false);
  expect(types.has("template")).toBe(false);
});

test.each(hclNames)("%s: no argument is a \"${...}\" template around a single expression", async (name) => {
  const wrapped: string[] = [];
  for (const argument of oneLineArguments(files[name])) {
    if ((await expressionType(argument.expression)) === "templateWrap") wrapped.push(`${argument.line}: ${argument.name}`);
  }
  expect(wrapped).toEqual([]);
});

test.each(hclNames)("%s is formatted as terraform fmt would", async (name) => {
  expect(await formatHcl(files[name])).toBe(files[name]);
});

test("the README lists every input and output", () => {
  for (const name of Object.keys(MODULE_INPUTS)) expect(files["README.md"]).toContain(`| \`${name}\` |`);
  for (const name of Object.keys(JSON.parse(files["json/main.tf.json"]).output)) expect(files["README.md"]).toContain(`| \`${name}\` |`);
});

test("writing the module replaces the directory: files of an older module do not linger", () => {
  const dir = join(mkdtempSync(join(tmpdir(), "ecs-ai-module-")), "ai-ecs-service");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "old.tf"), "# from an older version\n");
  const written = writeModule(dir);
  expect(readdirSync(dir).sort()).toEqual(["README.md", "json", "main.tf", "outputs.tf", "variables.tf", "versions.tf"]);
  expect(existsSync(join(dir, "old.tf"))).toBe(false);
  expect(readFileSync(join(dir, "json", "main.tf.json"), "utf8")).toBe(files["json/main.tf.json"]);
  expect(written.map((f) => f.path)).toContain(join(dir, "main.tf"));
});
