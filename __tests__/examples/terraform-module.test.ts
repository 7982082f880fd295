import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { MODULE_INPUTS, ModuleInputName } from "../../lib/module/inputs";
import { MODULE_DIR, moduleFiles } from "../../lib/module/module-files";
import { formatHcl, parseHcl } from "../hcl/hcl-parse";

/** examples/terraform-module/main.tf: a Terraform configuration calling the module, checked against the module. */

const EXAMPLE = "examples/terraform-module/main.tf";
const text = readFileSync(EXAMPLE, "utf8");
const files = moduleFiles();
const META_ARGUMENTS = new Set(["source", "version", "providers", "depends_on", "count", "for_each"]);
let example: any;
let declared: Record<string, any>;

beforeAll(async () => {
  example = await parseHcl(text, EXAMPLE);
  declared = Object.fromEntries(Object.entries<any[]>((await parseHcl(files["variables.tf"], "variables.tf")).variable).map(([name, [v]]) => [name, v]));
});

const calls = () => Object.entries<any[]>(example.module).map(([name, [body]]) => [name, body] as [string, Record<string, unknown>]);

test("every module call uses the directory npm run module writes", () => {
  expect(calls().length).toBeGreaterThan(0);
  for (const [, body] of calls()) expect(normalize(join(dirname(EXAMPLE), body.source as string))).toBe(normalize(MODULE_DIR));
});

test("every input the example sets is declared by the module", () => {
  for (const [name, body] of calls()) {
    const undeclared = Object.keys(body).filter((key) => !META_ARGUMENTS.has(key) && !(key in declared));
    expect([name, undeclared]).toEqual([name, []]);
  }
});

test("every required input of the module is set", () => {
  const required = Object.entries(declared).filter(([, v]) => !("default" in v)).map(([name]) => name);
  expect(required.length).toBeGreaterThan(0);
  for (const [name, body] of calls()) expect([name, required.filter((input) => !(input in body))]).toEqual([name, []]);
});

/** snake_case keys back to the config's camelCase, to check values with the config schema. */
function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), camelKeys(item)]));
  }
  return value;
}

const isLiteral = (value: unknown): boolean =>
  typeof value === "string" ? !value.includes("${") : Array.isArray(value) ? value.every(isLiteral) : value !== null && typeof value === "object" ? Object.values(value).every(isLiteral) : true;

test("the literal values it sets pass the schema the module's validation blocks come from", () => {
  for (const [name, body] of calls()) {
    for (const [input, value] of Object.entries(body)) {
      if (META_ARGUMENTS.has(input) || !isLiteral(value)) continue;
      const result = MODULE_INPUTS[input as ModuleInputName].safeParse(camelKeys(value));
      expect([name, input, result.success ? "valid" : result.error.issues[0].message]).toEqual([name, input, "valid"]);
    }
  }
});

test("the module outputs it uses exist", () => {
  const outputs = new Set(Object.keys(JSON.parse(files["json/main.tf.json"]).output));
  const used = [...text.matchAll(/module\.[a-z_]+\.([a-z_]+)/g)].map((m) => m[1]);
  expect(used.length).toBeGreaterThan(0);
  expect(used.filter((output) => !outputs.has(output))).toEqual([]);
});

test("it is formatted as terraform fmt would", async () => {
  expect(await formatHcl(text)).toBe(text);
});

test("the README's module snippet sets only declared inputs, and every required one", async () => {
  const snippet = /## The Terraform module[\s\S]*?```hcl\n([\s\S]*?)```/.exec(readFileSync("README.md", "utf8"))![1];
  const [[, [body]]] = Object.entries<any[]>((await parseHcl(snippet, "README.md")).module);
  const inputs = Object.keys(body).filter((key) => !META_ARGUMENTS.has(key));
  expect(inputs.filter((input) => !(input in declared))).toEqual([]);
  expect(Object.entries(declared).filter(([name, v]) => !("default" in v) && !(name in body)).map(([name]) => name)).toEqual([]);
});
