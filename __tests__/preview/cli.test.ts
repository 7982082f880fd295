import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { checkEnvironmentText } from "../../lib/config/load";
import { CHART_SERIES } from "../../lib/preview/chart";
import { runPreviewCli } from "../../lib/preview/cli";
import { sharedTracePath } from "../../lib/preview/shared-traces";
import { SUMMARY_KEYS } from "../../lib/preview/summary";

const AZURE = sharedTracePath("azure-llm-inference-conv-2023.csv");
const scratch = mkdtempSync(join(tmpdir(), "ecs-ai-preview-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// A config directory of the tests' own: an LLM server on GPU instances, an embeddings server and a worker.
const configDir = join(scratch, "config");
mkdirSync(configDir);
const lab = `project: lab
region: us-east-1
state:
  bucket: lab-terraform-state
network:
  mode: default-vpc
services:
  chat:
    image: ghcr.io/acme/llm-server:1.0.0
    cpu: 3072
    memory: 12288
    port: 8080
    environment:
      MODEL_ID: meta-llama/Llama-3.1-8B-Instruct
      MAX_CONCURRENT_REQUESTS: "32"
    routing:
      pathPrefix: /chat
    compute:
      type: gpu
      instanceTypes: [g6.xlarge]
      gpusPerTask: 1
    scaling:
      min: 2
      max: 12
      policies:
        - type: requests
          target: 40
          scaleOutCooldownSeconds: 300
  embeddings:
    image: ghcr.io/acme/embeddings:1.0.0
    cpu: 1024
    memory: 2048
    routing:
      pathPrefix: /embed
    scaling:
      min: 1
      max: 4
      policies:
        - type: cpu
          target: 60
    preview:
      requestsPerMinute: 600
`;
writeFileSync(join(configDir, "lab.yaml"), lab);
const leaner = join(scratch, "lab-leaner.yaml");
writeFileSync(leaner, lab.replace("      min: 2\n      max: 12", "      min: 1\n      max: 12"));

/** Runs the command line in this process and collects what it writes. */
async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const status = await runPreviewCli(["--config-dir", configDir, ...argv], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

/** Runs `npm run preview` the way a person does (a real node process, as the chart needs). */
function spawnPreview(...argv: string[]) {
  return spawnSync(process.execPath, ["-r", "./scripts/register.js", "scripts/preview.ts", "--config-dir", configDir, ...argv], { encoding: "utf8" });
}

const chat = ["--env", "lab", "--service", "chat", "--trace", AZURE];

describe("npm run preview", () => {
  test("--json prints one object with the documented keys, objectives and the reference", async () => {
    const { status, stdout, stderr } = await cli(...chat, "--json");
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const figures = JSON.parse(stdout);
    expect(Object.keys(figures)).toEqual([...SUMMARY_KEYS]);
    expect(figures.requests).toBe(19366);
    expect(figures.objectives.map((o: { objective: string }) => o.objective)).toEqual(["p99 ttft < 2 s", "p99 tpot < 200 ms"]);
    expect(figures.referenceCost).toBeGreaterThan(0);
    expect(figures.staticTasks).toBeGreaterThan(0);
    expect(figures.instanceHours).toBeGreaterThanOrEqual(figures.taskHours - 1e-9);
  });

  test("without --json: the table with the reference and the best static count, and what the run assumed", async () => {
    const { status, stdout } = await cli(...chat);
    expect(status).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe("Scaling preview: lab / chat");
    expect(lines[3]).toMatch(/^\s+autoscaling\s+reference\s+best static$/);
    expect(lines.find((l) => l.startsWith("requests"))).toMatch(/^requests\s+19,366$/);
    expect(lines.find((l) => l.startsWith("p99 ttft < 2 s"))).toMatch(/\d+\.\d\d% \(\d+(\.\d+)? (s|ms)\) (met|MISSED)\s+every minute\s+met$/);
    expect(lines.find((l) => l.startsWith("cost / reference"))).toMatch(/\d\.\d\dx\s+1\.00x\s+\d\.\d\dx$/);
    expect(stdout).toContain("LLM profile meta-llama/Llama-3.1-8B-Instruct on NVIDIA L4");
    expect(stdout).toContain("prices: g6.xlarge on-demand $0.8048/h, 1 task per instance");
    expect(stdout).toContain("dynamics: high alarm 3 of 3 minutes above target, low 15 of 15 below 90%; metrics act 3 min late; a scale-in removes at most 10% (at least 1 task)");
  });

  test("--no-reference: the best static column shows - (not computed) and the JSON says staticComputed false", async () => {
    const { status, stdout } = await cli(...chat, "--no-reference");
    expect(status).toBe(0);
    expect(stdout).not.toContain("not with max");
    expect(stdout.split("\n").find((l) => l.startsWith("p99 ttft < 2 s"))).toMatch(/ (met|MISSED)\s+-\s+-$/);
    const figures = JSON.parse((await cli(...chat, "--no-reference", "--json")).stdout);
    expect(figures).toMatchObject({ referenceCost: null, staticTasks: null, staticCost: null, staticComputed: false });
  });

  test("a best static count that even the maximum misses shows not with max, and the JSON says staticComputed true", async () => {
    const impossible = [...chat, "--objective", "p99 ttft < 1ms"];
    const { status, stdout } = await cli(...impossible);
    expect(status).toBe(0);
    expect(stdout.split("\n").find((l) => l.startsWith("p99 ttft < 1 ms"))).toMatch(/ MISSED\s+every minute\s+not with max$/);
    const figures = JSON.parse((await cli(...impossible, "--json")).stdout);
    expect(figures).toMatchObject({ staticTasks: null, staticCost: null, staticComputed: true });
  });

  test("a share is never shown on the wrong side of its target: below it when met, at or above it when MISSED", async () => {
    for (const percentile of ["99.961", "99.962", "99.963", "99.964", "99.965", "99.97"]) {
      const { stdout } = await cli(...chat, "--objective", `p${percentile} ttft < 2s`, "--no-reference");
      const [, shown, verdict] = /^p[\d.]+ ttft < 2 s: within \(at the percentile\)\s+([\d.]+)% \([^)]*\) (met|MISSED)/m.exec(stdout)!;
      if (verdict === "met") expect(Number(shown)).toBeGreaterThanOrEqual(Number(percentile));
      else expect(Number(shown)).toBeLessThan(Number(percentile));
    }
  });

  test("--compare shows two configurations side by side", async () => {
    const table = await cli(...chat, "--compare", leaner);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/A: autoscaling\s+A: reference\s+A: best static\s+B: autoscaling\s+B: reference\s+B: best static/);
    expect(table.stdout).toContain(leaner);
    const json = JSON.parse((await cli(...chat, "--compare", leaner, "--json")).stdout);
    expect(Object.keys(json)).toEqual(["base", "compare"]);
    expect(json.compare.cost).toBeLessThanOrEqual(json.base.cost);
  });

  test("--objective replaces the service's objectives; --scale multiplies the traffic", async () => {
    const json = JSON.parse((await cli(...chat, "--objective", "p95 e2e < 60s", "--scale", "0.5", "--json")).stdout);
    expect(json.objectives.map((o: { objective: string }) => o.objective)).toEqual(["p95 e2e < 60 s"]);
    expect(json.requests).toBe(9683);
  });

  test("--scale fit sizes the trace to the service: its busiest minute needs 70% of the maximum", async () => {
    const { status, stdout } = await cli("--env", "lab", "--service", "embeddings", "--trace", AZURE, "--scale", "fit");
    expect(status).toBe(0);
    expect(stdout).toMatch(/trace: .*azure-llm-inference-conv-2023\.csv x\d+\.\d+ \(azure-llm\)/);
  });

  test("progress goes to stderr on long traces, never into the JSON", async () => {
    const { status, stdout, stderr } = await cli("--env", "lab", "--service", "embeddings", "--trace", "synthetic:days=3,trough=200,peak=600", "--json", "--no-reference");
    expect(status).toBe(0);
    expect(JSON.parse(stdout).requests).toBeGreaterThan(0);
    expect(stderr.trim().split("\n")).toEqual(["preview: simulated 1.0 of 3.0 days (30%)", "preview: simulated 2.0 of 3.0 days (60%)", "preview: simulated 3.0 of 3.0 days (100%)"]);
  });

  test.each([
    ["an unknown environment", ["--env", "qa", "--service", "chat", "--trace", AZURE], 'preview: unknown environment "qa": there is no'],
    ["an unknown service", ["--env", "lab", "--service", "chatt", "--trace", AZURE], 'no service "chatt"; services: chat, embeddings'],
    ["a missing trace file", ["--env", "lab", "--service", "chat", "--trace", "nope.csv"], "preview: trace file not found: nope.csv"],
    ["an unknown trace format", ["--env", "lab", "--service", "chat", "--trace", "config/schema.json"], 'preview: config/schema.json: unknown trace format (first line "{")'],
    ["a missing option", ["--env", "lab", "--service", "chat"], "preview: --trace is required"],
    ["an unknown option", [...chat, "--fast"], "preview: Unknown option '--fast'"],
    ["a missing compare file", [...chat, "--compare", "nope.yaml"], "preview: compare config not found: nope.yaml"],
    ["a malformed objective", [...chat, "--objective", "fast"], 'preview: --objective "fast": expected "p<percentile> <ttft|tpot|e2e|wait> < <number><ms|s|m>"'],
    ["a column mapping without time", [...chat, "--columns", "input=a,output=b"], "preview: --columns input=a,output=b: time=<column> is required"],
    ["an unknown time unit", [...chat, "--columns", "time=t", "--time-unit", "days"], "preview: --time-unit days: allowed: iso, s, ms, epoch-s, epoch-ms"],
    ["a bad scale", [...chat, "--scale", "0"], "preview: --scale 0 must be a number greater than 0 and at most 1,000,000, or fit"],
    ["an infinite scale", [...chat, "--scale", "Infinity"], "preview: --scale Infinity must be a number greater than 0 and at most 1,000,000, or fit"],
    ["a scale beyond a double", [...chat, "--scale", "1e400"], "preview: --scale 1e400 must be a number greater than 0 and at most 1,000,000, or fit"],
    ["a scale above a million", [...chat, "--scale", "1000001"], "preview: --scale 1000001 must be a number greater than 0 and at most 1,000,000, or fit"],
    ["an infinite scale in the matrix", ["--matrix", "--traces", AZURE, "--scale", "Infinity"], "preview: --scale Infinity must be a number greater than 0 and at most 1,000,000, or fit"],
    ["a bad metric delay", [...chat, "--metric-delay", "99"], "preview: --metric-delay 99 must be a whole number from 0 to 30"],
    ["input without output tokens", [...chat, "--input-tokens", "100"], "preview: --input-tokens and --output-tokens go together"],
    ["two traces without --recommend", [...chat, "--trace", AZURE], "preview: --trace is given more than once; only --recommend takes several traces"],
  ])("%s: exit 1 and a message on stderr", async (_what, argv, message) => {
    const { status, stdout, stderr } = await cli(...argv);
    expect(status).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.split("\n")[0]).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test("--out writes an SVG chart with every series, and the JSON beside it", () => {
    const out = join(scratch, "out");
    const run = spawnPreview(...chat, "--out", out, "--json");
    expect(run.stderr).toBe(`wrote ${join(out, "preview.svg")}, ${join(out, "preview.json")}\n`);
    expect(run.status).toBe(0);
    expect(JSON.parse(readFileSync(join(out, "preview.json"), "utf8"))).toEqual(JSON.parse(run.stdout));
    const errors: string[] = [];
    const svg = new DOMParser({ onError: (level, message) => errors.push(`${level}: ${message}`) }).parseFromString(readFileSync(join(out, "preview.svg"), "utf8"), "image/svg+xml");
    expect(errors).toEqual([]);
    const texts = Array.from(svg.getElementsByTagName("text")).map((t) => t.textContent);
    for (const series of Object.values(CHART_SERIES)) expect(texts).toContain(series);
    expect(texts).toContain(`lab / chat (${join(configDir, "lab.yaml")})`);
  });
});

describe("npm run preview -- --recommend", () => {
  test("prints the Pareto front and the diff, and --write saves a config that passes validation", async () => {
    const written = join(scratch, "lab-recommended.yaml");
    const { status, stdout } = await cli("--env", "lab", "--service", "embeddings", "--trace", "synthetic:days=2,trough=200,peak=1500,bursts=0", "--recommend", "--write", written);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Recommendation: lab \/ embeddings, trace synthetic:/);
    expect(stdout).toContain("Pareto front (no setting is both cheaper and closer to the objectives):");
    expect(stdout).toMatch(/\n {2}\* \$ +\d+\.\d\d {2}meets {3}p99 wait < 10 s: \d+\.\d\d%/);
    expect(stdout).toContain(`written to ${written}`);
    const text = readFileSync(written, "utf8");
    expect("config" in checkEnvironmentText(text, join(configDir, "lab.yaml"))).toBe(true);
  });

  test("--json gives the current, best and Pareto settings with the diff; several --trace must all be met", async () => {
    const { stdout } = await cli("--env", "lab", "--service", "embeddings", "--trace", "synthetic:days=1,trough=200,peak=1500,bursts=0", "--trace", AZURE, "--recommend", "--json");
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual(["evaluated", "seconds", "current", "best", "pareto", "referenceCost", "staticTasks", "diff"]);
    expect(json.best.meets).toBe(true);
    expect(json.best.cost).toBeLessThanOrEqual(json.current.cost);
  });
});

describe("npm run preview -- --matrix", () => {
  test("every environment x service x trace, each trace fitted to the service; --html writes the charts", () => {
    const html = join(scratch, "matrix.html");
    const { status, stdout } = spawnPreview("--matrix", "--traces", AZURE, "--html", html);
    expect(status).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^environment\s+service\s+trace\s+scale\s+objectives\s+met\s+cost \(\$\)\s+reference \(\$\)\s+x ref\s+peak$/);
    expect(lines.slice(1, 3).map((l) => l.split(/\s+/).slice(0, 3))).toEqual([
      ["lab", "chat", "azure-llm-inference-conv-2023.csv"],
      ["lab", "embeddings", "azure-llm-inference-conv-2023.csv"],
    ]);
    expect(lines.at(-1)).toBe(`wrote ${html}`);
    const page = readFileSync(html, "utf8");
    expect(page.startsWith("<!doctype html>")).toBe(true);
    expect(page.match(/<svg/g)?.length).toBe(2);
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
