import { BASE_INPUTS, MODULE_CASES } from "../../lib/terraform-check/module-parity/cases";
import { moduleTestFiles, runName } from "../../lib/terraform-check/module-parity/test-files";
import { formatHcl, parseHcl } from "../hcl/hcl-parse";

/** The test files the parity table's rows become (terraform-checks.test.ts runs them with terraform test). */

describe("moduleTestFiles", () => {
  const files = moduleTestFiles(MODULE_CASES, BASE_INPUTS);

  test("one file per case, named after its run", () => {
    expect(files.map((f) => f.path)).toEqual(MODULE_CASES.map((c, i) => `tests/${runName(i, c.name)}.tftest.hcl`));
  });

  test("run names are identifiers made of the position and the name", () => {
    expect(runName(2, "a CPU size Fargate does not offer")).toBe("case_03_a_cpu_size_fargate_does_not_offer");
    expect(runName(9, "min_capacity above max_capacity: 5 > 2!")).toBe("case_10_min_capacity_above_max_capacity_5_2");
  });

  test("a rejected case expects the failure of the object that rejects it, with the case's inputs over the base", async () => {
    const index = MODULE_CASES.findIndex((c) => c.name === "memory that is not a Fargate size for the CPU");
    const parsed = await parseHcl(files[index].text, files[index].path);
    expect(parsed.mock_provider).toEqual({ aws: [{}] });
    expect(parsed.variables[0]).toMatchObject({ name: "ml-chat", cpu: 1024, memory: 2048, policies: [{ type: "cpu", target: 60 }] });
    const [run] = parsed.run[runName(index, MODULE_CASES[index].name)];
    expect(run).toMatchObject({ command: "${plan}", expect_failures: ["${aws_ecs_task_definition.task_definition}"], variables: [{ cpu: 1024, memory: 512 }] });
  }, 30_000);

  test("an accepted case plans without expected failures", async () => {
    const parsed = await parseHcl(files[0].text, files[0].path);
    const [run] = parsed.run[runName(0, MODULE_CASES[0].name)];
    expect(run).toEqual({ command: "${plan}" });
  }, 30_000);

  test("a case that compares the collector configuration asserts the module's parts against the environments' collectorConfig", async () => {
    const index = MODULE_CASES.findIndex((c) => c.name === "any Prometheus server, its series named (a counter among them)");
    expect(MODULE_CASES[index].comparesCollector).toBe(true);
    const parsed = await parseHcl(files[index].text, files[index].path);
    const [run] = parsed.run[runName(index, MODULE_CASES[index].name)];
    expect(run.assert).toHaveLength(1);
    const condition: string = run.assert[0].condition;
    expect(condition).toContain("keep = local.collector_config.receivers.prometheus.config.scrape_configs[0].metric_relabel_configs[0].regex");
    const expected = JSON.parse(JSON.parse(/jsondecode\(("(?:[^"\\]|\\.)*")\)/.exec(condition)![1]));
    expect(expected).toEqual({
      keep: "(tokens_generated_total|queue_depth)(_bucket|_sum|_count)?",
      target: "localhost:8080",
      path: "/metrics",
      transforms: [
        { include: "^tokens_generated(_total)?$", match_type: "regexp", action: "update", new_name: "GeneratedTokens" },
        { include: "^queue_depth$", match_type: "regexp", action: "update", new_name: "RequestsWaiting" },
      ],
      selectors: ["^GeneratedTokens$", "^RequestsWaiting$"],
    });
  }, 30_000);

  test("the files are formatted as terraform fmt formats", async () => {
    for (const file of files) expect(await formatHcl(file.text)).toBe(file.text);
  }, 30_000);
});
