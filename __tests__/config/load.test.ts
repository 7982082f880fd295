import { AWS_REGION_NAMES } from "../../lib/aws/regions";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { loadEnvironmentDirectory, loadEnvironmentFile } from "../../lib/config/load";
import { ConfigError } from "../../lib/config/problems";
import { baseInput, merge, problemsOf } from "../helpers";

function directoryWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "ecs-ai-config-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function messagesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split("\n");
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("YAML documents", () => {
  test("a syntax error names the line", () => {
    const text = "project: acme\nregion: eu-west-1\nstate:\n\tbucket: x\n";
    expect(problemsOf(text)).toEqual(["config/test.yaml:4: (file): YAML syntax error: Tabs are not allowed as indentation"]);
  });

  test("a duplicate key is an error on its line", () => {
    const text = "project: acme\nregion: eu-west-1\nproject: other\n";
    expect(problemsOf(text)).toEqual([expect.stringMatching(/^config\/test\.yaml:3: \(file\): YAML syntax error: Map keys must be unique/)]);
  });

  test("an empty file is rejected", () => {
    expect(problemsOf("")).toEqual(["config/test.yaml: (file): the file is empty; it must be a mapping with project, region, state, network and services"]);
  });

  test("a file that is not a mapping is rejected", () => {
    expect(problemsOf("- a\n- b\n")).toEqual(["config/test.yaml: (file): the file is a list; it must be a mapping with project, region, state, network and services"]);
  });

  test("a scalar file is rejected", () => {
    expect(problemsOf("just text\n")).toEqual(["config/test.yaml: (file): the file is a string; it must be a mapping with project, region, state, network and services"]);
  });

  test("anchors and merge keys that build a huge document are refused", () => {
    const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}]`);
    expect(problemsOf(lines.join("\n"))).toEqual([
      "config/test.yaml:2: (file): its aliases expand to more than 100 copies of one anchor's node (aliases of nodes that hold aliases multiply); write the repeated values out",
    ]);
  });

  test("merge keys are refused with a message that says so", () => {
    const text = stringify(baseInput()).replace("services:\n  chat:\n", "defaults: &defaults\n  port: 8080\nservices:\n  chat:\n    <<: *defaults\n");
    expect(problemsOf(text)).toEqual([
      "config/test.yaml:7: defaults = a mapping: unknown field; allowed fields here: project, region, production, accountId, assumeRoleArn, tags, state, network, loadBalancer, logRetentionDays, kmsKeyArn, policy, observability, services",
      "config/test.yaml:11: services.chat.<<: YAML merge keys are not supported; write the fields out, or anchor and alias a whole value",
    ]);
  });

  test("anchors used modestly are fine", () => {
    const text = stringify(baseInput()).replace("policies:", "policies: &policies").concat("");
    expect(problemsOf(text)).toEqual([]);
  });
});

describe("loading a directory", () => {
  test("the shipped configs are valid, sorted by name", () => {
    expect(loadEnvironmentDirectory("config").map((c) => c.environment)).toEqual(["dev", "prod", "staging"]);
  });

  test("problems of every file are reported together", () => {
    const dir = directoryWith({
      "a.yaml": stringify(merge(baseInput(), { region: "nowhere" })),
      "b.yaml": "project: [\n",
      "c.yaml": stringify(baseInput()),
    });
    const messages = messagesOf(() => loadEnvironmentDirectory(dir));
    expect(messages).toHaveLength(2);
    expect(messages[0]).toBe(`${join(dir, "a.yaml")}:2: region = "nowhere": is not an AWS Region; Regions: ${AWS_REGION_NAMES.join(", ")}`);
    expect(messages[1]).toMatch(new RegExp(`^${join(dir, "b.yaml")}:\\d: \\(file\\): YAML syntax error`));
  });

  describe("environments sharing a state bucket must agree on its region", () => {
    const dirs: string[] = [];
    const load = (files: Record<string, string>) => {
      const dir = directoryWith(files);
      dirs.push(dir);
      return { dir, messages: messagesOf(() => loadEnvironmentDirectory(dir)) };
    };
    afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
    const other = stringify(merge(baseInput(), { state: { region: "us-east-2" } }));
    const stateRegionLine = other.split("\n").indexOf("  region: us-east-2") + 1;

    test("the file that differs from the others is blamed on its state.region line, even when it comes first", () => {
      const { dir, messages } = load({ "a.yaml": other, "b.yaml": stringify(baseInput()), "c.yaml": stringify(baseInput()) });
      expect(messages).toEqual([
        `${join(dir, "a.yaml")}:${stateRegionLine}: state.region = "us-east-2": the state bucket "acme-terraform-state" is in eu-west-1 according to ${join(dir, "b.yaml")} and ${join(dir, "c.yaml")}; environments sharing a bucket must give it the same region`,
      ]);
    });

    test("of two that disagree, the later file is blamed", () => {
      const { dir, messages } = load({ "a.yaml": stringify(baseInput()), "b.yaml": other });
      expect(messages).toEqual([
        `${join(dir, "b.yaml")}:${stateRegionLine}: state.region = "us-east-2": the state bucket "acme-terraform-state" is in eu-west-1 according to ${join(dir, "a.yaml")}; environments sharing a bucket must give it the same region`,
      ]);
    });

    test("a bucket region that defaults to the environment's region is blamed on the region line", () => {
      const { dir, messages } = load({ "a.yaml": stringify(baseInput()), "b.yaml": stringify(baseInput()), "c.yaml": stringify(merge(baseInput(), { region: "us-east-2" })) });
      expect(messages).toEqual([
        `${join(dir, "c.yaml")}:2: region = "us-east-2": the state bucket "acme-terraform-state" is in eu-west-1 according to ${join(dir, "a.yaml")} and ${join(dir, "b.yaml")}, but this environment's state.region defaults to its region; set state.region: eu-west-1, or use a bucket of its own`,
      ]);
    });
  });

  test("a directory without environment files is an error", () => {
    const dir = directoryWith({ "notes.txt": "hello" });
    expect(messagesOf(() => loadEnvironmentDirectory(dir))).toEqual([`${dir}: (file): no environment files (*.yaml) found`]);
  });

  test("a missing file is reported, not thrown raw", () => {
    expect(messagesOf(() => loadEnvironmentFile("config/missing.yaml"))).toEqual(["config/missing.yaml: (file): cannot be read: ENOENT"]);
  });

  test("a file over 1 MiB is refused before parsing", () => {
    const dir = directoryWith({ "big.yaml": `# ${"x".repeat(1024 * 1024)}\n` });
    expect(messagesOf(() => loadEnvironmentFile(join(dir, "big.yaml")))).toEqual([
      `${join(dir, "big.yaml")}: (file): the file is 1048579 bytes; config files must be regular files of at most 1 MiB (1048576 bytes)`,
    ]);
  });
});
