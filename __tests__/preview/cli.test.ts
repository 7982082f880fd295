import { sharedTracePath } from "../../lib/preview/shared-traces";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { CHART_SERIES } from "../../lib/preview/chart";
import { runPreviewCli } from "../../lib/preview/cli";
import { SUMMARY_KEYS } from "../../lib/preview/summary";

const AZURE = sharedTracePath("azure-llm-inference-conv-2023.csv");
const scratch = mkdtempSync(join(tmpdir(), "ecs-ai-preview-"));

/** Runs the command line in this process and collects what it writes. */
async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const status = await runPreviewCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

/** Runs `npm run preview` the way a person does (a real node process, as the chart needs). */
function spawnPreview(...argv: string[]) {
  return spawnSync(process.execPath, ["-r", "./scripts/register.js", "scripts/preview.ts", ...argv], { encoding: "utf8" });
}

/** prod.yaml with chat at min 1 and without its scheduled actions: a second configuration to compare. */
const lean = join(scratch, "prod-lean.yaml");
writeFileSync(
  lean,
  readFileSync("config/prod.yaml", "utf8")
    .replace("# yaml-language-server: $schema=./schema.json\n", "")
    .replace(/    scaling:\n      min: 2\n      max: 20\n/, "    scaling:\n      min: 1\n      max: 20\n")
    .replace(/      schedules:\n(        .*\n|          .*\n)+/, ""),
);

describe("npm run preview", () => {
  test("--json prints one object with the documented keys", async () => {
    const { status, stdout, stderr } = await cli("--env", "prod", "--service", "chat", "--trace", AZURE, "--json");
    expect(status).toBe(0);
    expect(stderr).toBe("");
    const figures = JSON.parse(stdout);
    expect(Object.keys(figures)).toEqual([...SUMMARY_KEYS]);
    expect(figures).toMatchObject({ requests: 19366, withinObjectivePct: 100, peakTasks: 4, scaleOutEvents: 0, scaleInEvents: 1 });
  });

  test("without --json: the summary table with the oracle beside it", async () => {
    const { status, stdout } = await cli("--env", "prod", "--service", "chat", "--trace", AZURE);
    expect(status).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe("Scaling preview: prod / chat");
    expect(lines.find((l) => l.startsWith("requests"))).toMatch(/^requests\s+19,366\s+19,366$/);
    expect(lines.find((l) => l.startsWith("cost / oracle cost"))).toMatch(/\d\.\d\dx\s+1\.00x$/);
    expect(stdout).toContain("prices: g6.xlarge on-demand $0.8048/h, 1 task per instance");
    expect(stdout).toContain("us-east-1 as of 2026-06");
  });

  test("--compare shows two configurations side by side", async () => {
    const table = await cli("--env", "prod", "--service", "chat", "--trace", AZURE, "--compare", lean);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/A: autoscaling\s+A: oracle\s+B: autoscaling\s+B: oracle/);
    expect(table.stdout).toContain(lean);
    const json = JSON.parse((await cli("--env", "prod", "--service", "chat", "--trace", AZURE, "--compare", lean, "--json")).stdout);
    expect(Object.keys(json)).toEqual(["base", "compare"]);
    expect(json.base.peakTasks).toBe(4);
    expect(json.compare.peakTasks).toBe(20);
    expect(json.compare.withinObjectivePct).toBeLessThan(json.base.withinObjectivePct);
  });

  test("progress goes to stderr on long traces, never into the JSON", async () => {
    const { status, stdout, stderr } = await cli("--env", "prod", "--service", "chat", "--trace", "synthetic:days=3,trough=200,peak=600", "--json");
    expect(status).toBe(0);
    expect(JSON.parse(stdout).requests).toBeGreaterThan(0);
    expect(stderr.trim().split("\n")).toEqual([
      "preview: simulated 1.0 of 3.0 days (30%)",
      "preview: simulated 2.0 of 3.0 days (60%)",
      "preview: simulated 3.0 of 3.0 days (100%)",
    ]);
  });

  test.each([
    ["an unknown environment", ["--env", "qa", "--service", "chat", "--trace", AZURE], 'preview: unknown environment "qa": there is no config/qa.yaml; environments: dev, prod, staging'],
    ["an unknown service", ["--env", "prod", "--service", "chatt", "--trace", AZURE], 'preview: config/prod.yaml: no service "chatt"; services: chat, embeddings, batch-embed'],
    ["a missing trace file", ["--env", "prod", "--service", "chat", "--trace", "nope.csv"], "preview: trace file not found: nope.csv"],
    ["an unknown trace format", ["--env", "prod", "--service", "chat", "--trace", "config/schema.json"], 'preview: config/schema.json: unknown trace format (header "{")'],
    ["a service without a capacity", ["--env", "dev", "--service", "embeddings", "--trace", AZURE], "preview: config/dev.yaml: services.embeddings.preview.requestsPerMinute (or tokensPerSecond) is needed"],
    ["a missing option", ["--env", "prod", "--service", "chat"], "preview: --trace is required"],
    ["an unknown option", ["--env", "prod", "--service", "chat", "--trace", AZURE, "--fast"], "preview: Unknown option '--fast'"],
    ["a missing compare file", ["--env", "prod", "--service", "chat", "--trace", AZURE, "--compare", "nope.yaml"], "preview: compare config not found: nope.yaml"],
  ])("%s: exit 1 and a message on stderr", async (_what, argv, message) => {
    const { status, stdout, stderr } = await cli(...argv);
    expect(status).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.split("\n")[0]).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test("--out writes an SVG chart with every series, and the JSON beside it", () => {
    const out = join(scratch, "out");
    const run = spawnPreview("--env", "prod", "--service", "chat", "--trace", AZURE, "--out", out, "--json");
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(`wrote ${join(out, "preview.svg")}, ${join(out, "preview.json")}\n`);
    expect(JSON.parse(readFileSync(join(out, "preview.json"), "utf8"))).toEqual(JSON.parse(run.stdout));
    const errors: string[] = [];
    const svg = new DOMParser({ onError: (level, message) => errors.push(`${level}: ${message}`) }).parseFromString(readFileSync(join(out, "preview.svg"), "utf8"), "image/svg+xml");
    expect(errors).toEqual([]);
    expect(svg.documentElement?.nodeName).toBe("svg");
    const texts = Array.from(svg.getElementsByTagName("text")).map((t) => t.textContent);
    for (const series of Object.values(CHART_SERIES)) expect(texts).toContain(series);
    expect(texts).toContain("prod / chat (config/prod.yaml)");
  });

  test("a real run's error is one line without a stack trace", () => {
    const run = spawnPreview("--env", "prod", "--service", "chat", "--trace", "missing.csv");
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("preview: trace file not found: missing.csv\n");
  });
});

describe("the synth path", () => {
  test("never loads the preview engine or its chart libraries", () => {
    const script = `require("./lib/app/cli.ts"); console.log(JSON.stringify(Object.keys(require.cache).filter((f) => /lib[\\\\/]preview|node_modules[\\\\/](vega|vega-lite)[\\\\/]/.test(f))));`;
    const run = spawnSync(process.execPath, ["-r", "./scripts/register.js", "-e", script], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual([]);
  });
});
