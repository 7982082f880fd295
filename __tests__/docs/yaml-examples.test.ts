import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { EnvironmentSchema } from "../../lib/config/schema";
import { validateEnvironment } from "../../lib/config/validate";

// Every YAML example in README.md and docs/ passes the config validation: each is placed
// where it belongs in an environment (a policy list in a service's scaling, a `compute` in a
// service, a `services` map in an environment...) and the environment is validated.

function pages(dir = "docs"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? pages(join(dir, entry.name)) : entry.name.endsWith(".md") ? [join(dir, entry.name)] : [],
  );
}

interface Example {
  readonly where: string;
  readonly text: string;
}

/** The ```yaml blocks of a page, each with its page and line. */
function yamlBlocks(page: string): Example[] {
  const blocks: Example[] = [];
  const lines = readFileSync(page, "utf8").split("\n");
  for (let i = 0; i < lines.length; i += 1) {
    if (lines[i].trim() !== "```yaml") continue;
    const end = lines.indexOf("```", i + 1);
    blocks.push({ where: `${page}:${i + 1}`, text: lines.slice(i + 1, end).join("\n") });
    i = end;
  }
  return blocks;
}

const EXAMPLES = ["README.md", ...pages()].flatMap(yamlBlocks);

type Input = Record<string, unknown>;
const ENVIRONMENT_FIELDS = Object.keys(EnvironmentSchema.shape);
const environment = (services: Input, extra: Input = {}): Input => ({
  project: "docs",
  region: "us-east-1",
  state: { bucket: "docs-terraform-state" },
  network: { mode: "default-vpc" },
  services,
  ...extra,
});
const service = (kind: "web" | "worker", fields: Input): Input =>
  kind === "web"
    ? { image: "ghcr.io/acme/model:1.0.0", cpu: 1024, memory: 2048, routing: { pathPrefix: "/" }, scaling: { min: 1, max: 10, policies: [{ type: "cpu", target: 60 }] }, ...fields }
    : { kind: "worker", image: "ghcr.io/acme/worker:1.0.0", cpu: 1024, memory: 2048, scaling: { min: 1, max: 10, policies: [{ type: "cpu", target: 60 }] }, ...fields };
const inEitherKind = (fields: Input): Input[] => [environment({ api: service("web", fields) }), environment({ jobs: service("worker", fields) })];

/** The environments an example may stand in (it passes when one of them validates). */
function placements(example: unknown): Input[] | undefined {
  if (Array.isArray(example)) {
    const min = example.some((policy) => policy?.type === "queue") ? 0 : 1;
    // A server policy needs the service's metrics section: a vLLM server publishes every meaning.
    const metrics = example.some((policy) => policy?.type === "server") ? { metrics: { server: "vllm" } } : {};
    return inEitherKind({ scaling: { min, max: 10, policies: example }, ...metrics });
  }
  if (typeof example !== "object" || example === null) return undefined;
  const keys = Object.keys(example);
  const value = example as Input;
  if (keys.includes("project")) return [value];
  if (keys.length === 1 && keys[0] === "services") return [environment(value.services as Input)];
  if (keys.length === 1 && keys[0] === "scaling") return inEitherKind(value);
  if (keys.length === 1 && keys[0] === "compute") return inEitherKind(value);
  if (keys.length === 1 && keys[0] === "policy") return [environment({ api: service("web", {}) }, value)];
  // Environment-level fields (production, loadBalancer, kmsKeyArn, logRetentionDays...): an environment with a web service.
  if (keys.every((key) => ENVIRONMENT_FIELDS.includes(key) && key !== "services")) return [environment({ api: service("web", {}) }, value)];
  if (keys.length === 1 && keys[0] === "preview") {
    // A preview section, as prod's chat would have it (its policy names are what preview.metrics refers to).
    const prod = parseAllDocuments(readFileSync("config/prod.yaml", "utf8"))[0].toJS() as Input;
    const services = prod.services as Record<string, Input>;
    return [{ ...prod, services: { ...services, chat: { ...services.chat, ...value } } }];
  }
  return undefined;
}

/** Why an example fails: nothing when some placement validates. */
function problems(example: Example): string[] {
  const documents = parseAllDocuments(example.text);
  return documents.flatMap((document, d) => {
    const where = `${example.where}${documents.length > 1 ? ` (document ${d + 1})` : ""}`;
    if (document.errors.length > 0) return [`${where}: not YAML: ${document.errors[0].message}`];
    const candidates = placements(document.toJS());
    if (!candidates) return [`${where}: no placement for this shape in __tests__/docs/yaml-examples.test.ts; add one`];
    const results = candidates.map((input) => validateEnvironment(input, "docs", "docs.yaml"));
    if (results.some((result) => result.ok)) return [];
    return results.flatMap((result) => (result.ok ? [] : result.findings.map((f) => `${where}: ${f.path.join(".")}: ${f.message}`)));
  });
}

describe("YAML examples in README.md and docs/", () => {
  test("there are examples to check", () => {
    expect(EXAMPLES.length).toBeGreaterThan(10);
  });

  test.each(EXAMPLES.map((example) => [example.where, example] as const))("%s validates", (_where, example) => {
    expect(problems(example)).toEqual([]);
  });

  test("an invalid example is reported with its page, line and the validation's message", () => {
    expect(problems({ where: "x.md:3", text: "- type: cpu\n  target: 150" })).toContain("x.md:3: services.api.scaling.policies.0.target: must be at most 100 (it is a utilization percentage)");
    expect(problems({ where: "x.md:5", text: "    preview:\n      requestsPerMinute: 240\n      responseSeconds: 3" })).toEqual([]);
    expect(problems({ where: "x.md:7", text: "preview:\n  requestsPerMinute: 240\n  metrics:\n    nosuch: inFlightPerTask" })).not.toEqual([]);
    expect(problems({ where: "x.md:9", text: "surprise: true" })).toEqual(["x.md:9: no placement for this shape in __tests__/docs/yaml-examples.test.ts; add one"]);
  });
});
