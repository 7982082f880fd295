import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { synthesizeAll } from "../../lib/app/synthesize";
import { loadEnvironmentDirectory } from "../../lib/config/load";
import { actualFromHcl, expectedFromJson, expressionType, formatHcl, oneLineArguments, parseHcl } from "./hcl-parse";

/** Every stack of the shipped configs, synthesized as HCL and as JSON, checked with the HCL parser. */

const JSON_DOCUMENTS = new Set(["aws_ecs_task_definition.container_definitions", "aws_iam_role.assume_role_policy", "aws_iam_role_policy.policy", "aws_s3_bucket_policy.policy"]);

const root = mkdtempSync(join(tmpdir(), "ecs-ai-hcl-"));
const hclStacks = synthesizeAll({ configs: loadEnvironmentDirectory("config"), outdir: join(root, "hcl"), hcl: true }).stacks;
synthesizeAll({ configs: loadEnvironmentDirectory("config"), outdir: join(root, "json") });
const files = hclStacks.map((stack) => ({
  name: stack.name,
  hcl: readFileSync(join(root, "hcl", "stacks", stack.name, "cdk.tf"), "utf8"),
  json: JSON.parse(readFileSync(join(root, "json", "stacks", stack.name, "cdk.tf.json"), "utf8")),
}));
const parsed = new Map<string, any>();

beforeAll(async () => {
  for (const file of files) parsed.set(file.name, await parseHcl(file.hcl, `${file.name}.tf`));
});

describe.each(files.map((f) => [f.name, f] as const))("cdktf.out/stacks/%s/cdk.tf", (name, file) => {
  test("parses and says what cdk.tf.json says", async () => {
    expect(await actualFromHcl(parsed.get(name), JSON_DOCUMENTS)).toEqual(expectedFromJson(file.json, JSON_DOCUMENTS));
  });

  test("depends_on lists bare references to resources of the stack", () => {
    const resources = parsed.get(name).resource as Record<string, Record<string, unknown>>;
    const dependencies = Object.values(resources).flatMap((byName) => Object.values(byName).flatMap((bodies: any) => bodies[0].depends_on ?? []));
    if (name !== "state") expect(dependencies.length).toBeGreaterThan(0);
    for (const dependency of dependencies) {
      const match = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\}$/.exec(dependency);
      expect(match).not.toBeNull();
      expect(resources[match![1]]?.[match![2]]).toBeDefined();
    }
  });

  test("every reference names a resource, data source or variable the stack declares", () => {
    const doc = parsed.get(name);
    const declared = new Set<string>([
      ...Object.entries<Record<string, unknown>>(doc.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`)),
      ...Object.entries<Record<string, unknown>>(doc.data ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((n) => `data.${type}.${n}`)),
    ]);
    const references = [...file.hcl.matchAll(/(?<![\w.-])((?:data\.)?aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)\.[a-z_]+/g)].map((m) => m[1]);
    expect(references.length).toBeGreaterThan(0);
    expect(references.filter((reference) => !declared.has(reference))).toEqual([]);
  });

  test('no argument is a "${...}" template around a single expression', async () => {
    const wrapped: string[] = [];
    for (const argument of oneLineArguments(file.hcl)) {
      if ((await expressionType(argument.expression)) === "templateWrap") wrapped.push(`${argument.line}: ${argument.name}`);
    }
    expect(wrapped).toEqual([]);
  });

  test("is formatted: the formatter cdktf synth --hcl runs leaves it unchanged", async () => {
    expect(await formatHcl(file.hcl)).toBe(file.hcl);
  });
});

test("an HCL synth publishes each stack's metadata.json, which the cdktf CLI reads; a JSON synth has none", () => {
  expect(existsSync(join(root, "hcl", "stacks", "dev", "metadata.json"))).toBe(true);
  expect(existsSync(join(root, "json", "stacks", "dev", "metadata.json"))).toBe(false);
});
