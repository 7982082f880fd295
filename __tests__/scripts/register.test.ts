import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const FIXTURE = join(__dirname, "fixtures", "throws.ts");
const SYNTH_APP = join(__dirname, "fixtures", "synth-app.ts");
const READ_ONLY_FS = join(__dirname, "fixtures", "read-only-fs.js");
const NO_VM_CONSTANTS = join(__dirname, "fixtures", "no-vm-constants.js");

/** Runs `script` through scripts/register.js with its cache in `cacheDir`. */
function runScript(script: string, cacheDir: string, preload: string[] = [], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [...preload.flatMap((p) => ["-r", p]), "-r", "./scripts/register.js", script], {
    env: { ...process.env, ECS_AI_CACHE_DIR: cacheDir, ...env },
    encoding: "utf8",
  });
}

/** Runs the fixture that throws through scripts/register.js with its cache in `cacheDir`. */
function runFixture(cacheDir: string, preload: string[] = [], env: Record<string, string> = {}) {
  return runScript(FIXTURE, cacheDir, preload, env);
}

/** The fixture's throw statement as `throws.ts:<line>:<column>` (V8 points at `new`). */
function throwPosition(): string {
  const lines = readFileSync(FIXTURE, "utf8").split("\n");
  const line = lines.findIndex((l) => l.includes("throw new Error"));
  return `throws.ts:${line + 1}:${lines[line].indexOf("new Error") + 1}`;
}

/** The first stack frame the fixture's error prints. */
function firstFrame(stderr: string): string {
  return /\n\s+at fail \((.*)\)\n/.exec(stderr)?.[1] ?? `no frame in:\n${stderr}`;
}

/** Every cache file, with its modification time. */
function cacheFiles(dir: string): Record<string, number> {
  const files: Record<string, number> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[join(entry.parentPath, entry.name)] = statSync(join(entry.parentPath, entry.name)).mtimeMs;
  }
  return files;
}

const scratch = () => mkdtempSync(join(tmpdir(), "ecs-ai-register-"));
const kindFiles = (files: Record<string, number>, kind: string) => Object.keys(files).filter((f) => f.includes(`/${kind}/`));

describe("scripts/register.js", () => {
  test("stack traces point at the TypeScript file, line and column: on the first run and from the cache", () => {
    const cache = scratch();
    const first = runFixture(cache);
    const second = runFixture(cache);
    expect(first.stderr).toContain("Error: failed in function");
    expect(firstFrame(first.stderr)).toBe(`${FIXTURE.replace(/throws\.ts$/, "")}${throwPosition()}`);
    expect(firstFrame(second.stderr)).toBe(firstFrame(first.stderr));
  });

  test("caches the transpiled TypeScript and V8's code of large dependencies, and a warm run writes nothing", () => {
    const cache = scratch();
    runFixture(cache);
    const files = cacheFiles(cache);
    expect(Object.keys(files).filter((f) => f.includes("/ts/"))).toHaveLength(1);
    expect(Object.keys(files).filter((f) => f.includes("/v8/")).length).toBeGreaterThan(0);
    expect(Object.keys(files).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    runFixture(cache);
    expect(cacheFiles(cache)).toEqual(files);
  });

  test("a cache folder that cannot be created: the code runs as usual, uncached", () => {
    const blocker = join(scratch(), "a-file");
    writeFileSync(blocker, "");
    const run = runFixture(join(blocker, "cache"));
    expect(firstFrame(run.stderr)).toMatch(new RegExp(`${throwPosition()}$`));
    expect(run.stderr).not.toMatch(/ENOTDIR|EEXIST/);
  });

  test("a read-only cache (every write fails with EROFS): an empty one and a filled one both run", () => {
    const empty = scratch();
    const emptyRun = runFixture(empty, [READ_ONLY_FS], { READ_ONLY_ROOT: empty });
    expect(firstFrame(emptyRun.stderr)).toMatch(new RegExp(`${throwPosition()}$`));
    expect(emptyRun.stderr).not.toContain("EROFS");
    expect(cacheFiles(empty)).toEqual({});

    const filled = scratch();
    runFixture(filled);
    const before = cacheFiles(filled);
    const filledRun = runFixture(filled, [READ_ONLY_FS], { READ_ONLY_ROOT: filled });
    expect(firstFrame(filledRun.stderr)).toMatch(new RegExp(`${throwPosition()}$`));
    expect(cacheFiles(filled)).toEqual(before);
  });

  test.each([
    ["empty", () => 0],
    ["truncated in the code", (length: number) => Math.floor(length / 2)],
    ["truncated in the trailing source map", (length: number) => length - 10],
  ])("a TypeScript entry that is %s is transpiled and written again, not run", (_, keep) => {
    const cache = scratch();
    runFixture(cache);
    const [entry] = kindFiles(cacheFiles(cache), "ts");
    const written = readFileSync(entry);
    writeFileSync(entry, written.subarray(0, keep(written.length)));
    const run = runFixture(cache);
    expect(firstFrame(run.stderr)).toBe(`${FIXTURE.replace(/throws\.ts$/, "")}${throwPosition()}`);
    expect(readFileSync(entry).equals(written)).toBe(true);
  });

  test("Node without vm.constants (before 20.12): a cdktf app synthesizes, large dependencies load without a V8 code cache", () => {
    const dir = scratch();
    const cache = join(dir, "cache");
    const run = runScript(SYNTH_APP, cache, [NO_VM_CONSTANTS], { CDKTF_OUTDIR: join(dir, "out") });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const synthesized = JSON.parse(readFileSync(join(dir, "out", "stacks", "fixture", "cdk.tf.json"), "utf8"));
    expect(synthesized.resource.aws_s3_bucket.bucket.bucket).toBe("ecs-ai-register-fixture");
    expect(synthesized.provider.aws[0].region).toBe("eu-west-1");
    const files = cacheFiles(cache);
    expect(kindFiles(files, "ts")).toHaveLength(1);
    expect(kindFiles(files, "v8")).toEqual([]);
  });

  test("V8 entries are kept per NODE_OPTIONS (cdktf-cli sets --max-old-space-size): alternating runs rewrite nothing", () => {
    const cache = scratch();
    const plain = { NODE_OPTIONS: "" };
    const cdktfCli = { NODE_OPTIONS: "--max-old-space-size=4096" };
    runFixture(cache, [], plain);
    const first = cacheFiles(cache);
    runFixture(cache, [], cdktfCli);
    const both = cacheFiles(cache);
    // The first run's entries are untouched; the second added its own (fewer: swc was not loaded).
    expect(both).toMatchObject(first);
    expect(kindFiles(both, "v8").length).toBeGreaterThan(kindFiles(first, "v8").length);
    runFixture(cache, [], plain);
    runFixture(cache, [], cdktfCli);
    expect(cacheFiles(cache)).toEqual(both);
  });
  test("a large dependency that is an ES module loads as it does without register.js (its code cache is for CommonJS only)", () => {
    const dir = scratch();
    const pkg = join(dir, "node_modules", "esm-pkg");
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "esm-pkg", type: "module", main: "index.js" }));
    // Over the 4 KB from which register.js compiles a dependency itself, with a code cache.
    writeFileSync(join(pkg, "index.js"), `export const answer = 42;\n${"// padding\n".repeat(500)}`);
    const script = join(dir, "run.js");
    writeFileSync(script, `try { console.log(require(${JSON.stringify(pkg)}).answer); } catch (error) { console.log(error.code ?? error.name); }\n`);
    const plain = spawnSync(process.execPath, [script], { encoding: "utf8" });
    const registered = runScript(script, join(dir, "cache"));
    expect(registered.status).toBe(0);
    expect(registered.stdout).toBe(plain.stdout);
    // Node 20.19 and later load it with require (an ES module without top-level await); older ones refuse it in the same words.
    expect(plain.stdout.trim()).toMatch(/^(42|ERR_REQUIRE_ESM)$/);
  });
});
