import { spawnSync, SpawnSyncReturns } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { format } from "node:util";
import { App } from "cdktf";
import { runSynth } from "../../lib/app/cli";
import { STACK_MARKER, STAGING_MAX_AGE_MS, StateWouldBeDeletedError, synthesizeAll } from "../../lib/app/synthesize";
import { validateInBackground } from "../../lib/config/background";
import { loadEnvironmentDirectory } from "../../lib/config/load";
import { environmentSuppressions, scannerFiles, stateSuppressions } from "../../lib/security/scanner-files";
import type { EnvironmentConfig } from "../../lib/config/schema";

/**
 * The HCL writer, as it is, except that it fails for the stack named in `hclFailsFor` (a stack
 * lib/hcl cannot write): the synth must then leave the output folder as it was.
 */
let hclFailsFor: string | undefined;
jest.mock("../../lib/hcl/stack-hcl", () => {
  const actual = jest.requireActual<typeof import("../../lib/hcl/stack-hcl")>("../../lib/hcl/stack-hcl");
  return {
    ...actual,
    stackToHcl: (stack: import("cdktf").TerraformStack) => {
      if (stack.node.id === hclFailsFor) throw new Error(`the HCL writer cannot write ${stack.node.id}`);
      return actual.stackToHcl(stack);
    },
  };
});

function scratch(): string {
  return mkdtempSync(join(tmpdir(), "ecs-ai-synth-"));
}

/**
 * The app run once the way `npm run synth` runs it, on the shipped configs (shared by the tests
 * that look at that run), with fixtures/report-modules.js reporting at exit which validator and
 * preview modules the main thread loaded.
 */
let shippedRun: SpawnSyncReturns<string> | undefined;
function runShipped(): SpawnSyncReturns<string> {
  shippedRun ??= spawnSync(process.execPath, ["-r", "./scripts/register.js", "-r", "./__tests__/app/fixtures/report-modules.js", "main.ts"], {
    env: { ...process.env, CDKTF_OUTDIR: join(scratch(), "out") },
    encoding: "utf8",
  });
  return shippedRun;
}

/**
 * Runs the command line's synth (lib/app/cli.ts) in this process, as main.ts does, and returns
 * the exit status and what it printed. The configs are validated on this thread: objects from a
 * worker thread come from outside jest's sandbox (other prototypes); config/background.test.ts
 * covers the worker.
 */
async function runCommandLine(outdir: string, configDir: string, options: { cdktfCli?: boolean } = {}) {
  let stdout = "";
  let stderr = "";
  const log = jest.spyOn(console, "log").mockImplementation((...args) => void (stdout += `${format(...args)}\n`));
  const error = jest.spyOn(console, "error").mockImplementation((...args) => void (stderr += `${format(...args)}\n`));
  try {
    const configs = new Promise<EnvironmentConfig[]>((resolve) => resolve(loadEnvironmentDirectory(configDir)));
    const status = await runSynth({ configs, outdir, ...options });
    return { status, stdout, stderr };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** Every file under a directory with its contents, for before/after comparison. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      out[path] = readFileSync(path, "utf8");
    }
  }
  return out;
}

/** The shipped configs synthesized in this process: what a successful `npm run synth` leaves in cdktf.out. */
const shippedConfigs = loadEnvironmentDirectory("config");
const shippedOutdir = join(scratch(), "cdktf.out");
const shipped = synthesizeAll({ configs: shippedConfigs, outdir: shippedOutdir });

describe("synthesizing the shipped configs", () => {
  const outdir = shippedOutdir;
  const { stacks, notices } = shipped;

  test("the shipped configs pass every security rule without warnings or suppressions", () => {
    expect(notices).toEqual([]);
  });

  test("one stack per environment file plus the state stack", () => {
    expect(stacks.map((s) => s.name)).toEqual(["state", "dev", "prod", "staging"]);
  });

  test("each stack is written to cdktf.out/stacks/<name>/cdk.tf.json", () => {
    for (const stack of stacks) {
      const file = join(outdir, "stacks", stack.name, "cdk.tf.json");
      expect(JSON.parse(readFileSync(file, "utf8"))["//"].metadata.stackName).toBe(stack.name);
    }
  });

  test("resource counts match the synthesized files", () => {
    for (const stack of stacks) {
      const json = JSON.parse(readFileSync(join(outdir, "stacks", stack.name, "cdk.tf.json"), "utf8"));
      const count = Object.values(json.resource as Record<string, object>).reduce((n, byName) => n + Object.keys(byName).length, 0);
      expect(stack.resourceCount).toBe(count);
    }
  });

  test("the manifest lists every stack for the cdktf CLI", () => {
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual(["dev", "prod", "staging", "state"]);
  });

  test("beside each stack: its Checkov and KICS files, from the trade-offs its config makes", () => {
    for (const stack of stacks) {
      const config = shippedConfigs.find((c) => c.environment === stack.name);
      const expected = scannerFiles(stack.name, config ? environmentSuppressions(config) : stateSuppressions(shippedConfigs));
      expect(Object.keys(expected)).toEqual([".checkov.yaml", "kics.config"]);
      for (const [name, text] of Object.entries(expected)) expect(readFileSync(join(outdir, "stacks", stack.name, name), "utf8")).toBe(text);
    }
    expect(readFileSync(join(outdir, "stacks", "prod", ".checkov.yaml"), "utf8")).toContain('  - "CKV2_AWS_31"\n');
  });

  test("no staging directory is left behind, beside the output folder or in it", () => {
    expect(readdirSync(join(outdir, "..")).sort()).toEqual(["cdktf.out"]);
    expect(readdirSync(outdir).sort()).toEqual(["manifest.json", "stacks"]);
  });
});

describe("the command line", () => {
  test("success prints one line per stack: name, resource count, path", () => {
    const result = runShipped();
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(["state", "dev", "prod", "staging"]);
    for (const line of lines) expect(line).toMatch(/^[a-z]+\s+\d+ resources\s+\S+\/stacks\/[a-z]+\/cdk\.tf\.json$/);
  });

  test("a wrong config exits 1, lists the problems one per line, prints nothing on stdout and leaves cdktf.out as it was", async () => {
    const dir = scratch();
    const out = join(dir, "cdktf.out");
    const configDir = join(dir, "config");
    cpSync("config", configDir, { recursive: true });
    cpSync(shippedOutdir, out, { recursive: true });
    mkdirSync(join(out, "stacks", "dev", ".terraform"), { recursive: true });
    writeFileSync(join(out, "stacks", "dev", ".terraform", "marker"), "kept");
    const before = snapshot(out);

    const prod = readFileSync(join(configDir, "prod.yaml"), "utf8");
    writeFileSync(join(configDir, "prod.yaml"), prod.replace("memory: 4096", "memory: 3000").replace("max: 20", "max: 0"));
    writeFileSync(join(configDir, "staging.yaml"), "project: genai\nregion: [\n");

    const result = await runCommandLine(out, configDir);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    expect(lines[0]).toBe("synth stopped: 2 problems in the config; nothing was written.");
    expect(lines[1]).toMatch(/prod\.yaml:\d+: services\.chat\.scaling\.max = 0: must be at least 1$/);
    expect(lines[2]).toMatch(/staging\.yaml:\d+: \(file\): YAML syntax error: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(out)).toEqual(before);
  });

  test("a security rule violation exits 1 with the YAML line, rule id, hint, how to suppress and construct path, and writes nothing", async () => {
    const dir = scratch();
    const out = join(dir, "cdktf.out");
    const configDir = join(dir, "config");
    cpSync("config", configDir, { recursive: true });
    cpSync(shippedOutdir, out, { recursive: true });
    const before = snapshot(out);
    const prod = readFileSync(join(configDir, "prod.yaml"), "utf8");
    const changed = prod.replace("    routing:\n      host: api.genai.example.com\n      pathPrefix: /v1/chat\n", '    routing:\n      host: api.genai.example.com\n      pathPrefix: /v1/chat\n    taskPolicy: [{ actions: ["*"], resources: ["*"] }]\n');
    writeFileSync(join(configDir, "prod.yaml"), changed);
    const line = changed.split("\n").findIndex((l) => l.includes("taskPolicy:")) + 1;

    const result = await runCommandLine(out, configDir);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toEqual([
      "synth stopped: 1 security rule violation; nothing was written.",
      `${join(configDir, "prod.yaml")}:${line}: services.chat.taskPolicy: AIS-IAM-1 policy task-permissions allows every action on every resource. Fix: grant the specific actions on the specific resources the service uses (services.<name>.taskPolicy). ` +
        `To suppress: add { rule: AIS-IAM-1, reason: "<why it does not apply>" } to policy.suppressions in ${join(configDir, "prod.yaml")} (resource prod/services/chat/runtime/task-role/policy)`,
    ]);
    expect(snapshot(out)).toEqual(before);
  });

  test("the synth prints each suppression with its reason", async () => {
    const dir = scratch();
    const configDir = join(dir, "config");
    cpSync("config", configDir, { recursive: true });
    const dev = readFileSync(join(configDir, "dev.yaml"), "utf8");
    writeFileSync(
      join(configDir, "dev.yaml"),
      dev.replace(/@sha256:[0-9a-f]{64}/, "").replace("logRetentionDays: 7\n", "logRetentionDays: 7\npolicy:\n  suppressions:\n    - rule: AIS-IMG-1\n      reason: dev follows the moving cpu-1.5 tag on purpose\n"),
    );
    const result = await runCommandLine(join(dir, "out"), configDir);
    expect(result.status).toBe(0);
    expect(result.stderr.trim()).toBe("suppressed: AIS-IMG-1 in dev (1 finding): dev follows the moving cpu-1.5 tag on purpose");
  });

  test("`cdktf synth` (the CLI) also exits 1 on a wrong config and writes nothing", () => {
    const dir = scratch();
    const out = join(dir, "cdktf.out");
    const configDir = join(dir, "config");
    cpSync("config", configDir, { recursive: true });
    writeFileSync(join(configDir, "dev.yaml"), readFileSync(join(configDir, "dev.yaml"), "utf8").replace("cpu: 2048", "cpu: 3000"));
    const result = spawnSync(process.execPath, ["node_modules/cdktf-cli/bundle/bin/cdktf", "synth", "--output", out], {
      env: { ...process.env, ECS_AI_CONFIG_DIR: configDir, CHECKPOINT_DISABLE: "1", CI: "1" },
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toContain("services.embeddings.cpu = 3000: is not a Fargate CPU size; allowed: 256, 512, 1024, 2048, 4096, 8192, 16384");
    expect(result.stdout).not.toContain("Generated Terraform code");
    expect(existsSync(join(out, "stacks"))).toBe(false);
  }, 30000);

  test("the main thread loads neither the validator (zod, yaml) nor the preview: a worker thread validates", () => {
    const run = runShipped();
    expect(run.status).toBe(0);
    expect(run.stdout.split("\n")[0]).toMatch(/^state\s+\d+ resources/);
    expect(JSON.parse(/LOADED (.*)\n/.exec(run.stderr)![1])).toEqual([]);
  });

  test("a validation worker that stops without a result: status 1, the reason on stderr, nothing on stdout, nothing written", async () => {
    const out = join(scratch(), "cdktf.out");
    const stderr = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const stdout = jest.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      const configs = validateInBackground("config", { workerFile: join(__dirname, "..", "config", "workers", "exits-without-reply.ts") });
      expect(await runSynth({ configs, outdir: out })).toBe(1);
      expect(stdout).not.toHaveBeenCalled();
      expect(stderr.mock.calls.map((call) => String(call[0]).split("\n")[0])).toEqual([
        "synth failed; nothing was written.",
        "Error: config validation failed: the validation worker exited (code 0) without a result",
      ]);
      expect(existsSync(out)).toBe(false);
    } finally {
      stderr.mockRestore();
      stdout.mockRestore();
    }
  });

  test("files of the other format are removed so Terraform never sees both", () => {
    const out = join(scratch(), "out");
    cpSync(shippedOutdir, out, { recursive: true });
    expect(existsSync(join(out, "stacks", "dev", "cdk.tf.json"))).toBe(true);
    process.env.SYNTH_HCL_OUTPUT = "true"; // what `cdktf synth --hcl` sets for the app
    try {
      synthesizeAll({ configs: shippedConfigs, outdir: out });
    } finally {
      delete process.env.SYNTH_HCL_OUTPUT;
    }
    expect(existsSync(join(out, "stacks", "dev", "cdk.tf"))).toBe(true);
    expect(existsSync(join(out, "stacks", "dev", "cdk.tf.json"))).toBe(false);
  });
});

describe("a synth that fails part way, and its staging folder", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const dir = () => {
    const made = scratch();
    dirs.push(made);
    return made;
  };
  const dev = shippedConfigs.filter((config) => config.environment === "dev");

  test("an HCL synth whose later stack cannot be written as HCL leaves the previous output folder byte for byte as it was", () => {
    const out = join(dir(), "cdktf.out");
    cpSync(shippedOutdir, out, { recursive: true });
    mkdirSync(join(out, "stacks", "dev", ".terraform"), { recursive: true });
    writeFileSync(join(out, "stacks", "dev", ".terraform", "marker"), "kept");
    const before = snapshot(out);
    // staging is the last stack: state, dev and prod are written as HCL before it fails.
    expect(shippedConfigs.map((config) => config.environment)).toEqual(["dev", "prod", "staging"]);
    hclFailsFor = "staging";
    try {
      expect(() => synthesizeAll({ configs: shippedConfigs, outdir: out, hcl: true })).toThrow("the HCL writer cannot write staging");
    } finally {
      hclFailsFor = undefined;
    }
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(out).sort()).toEqual(["manifest.json", "stacks"]);
  });

  test("a failed first synth into a new output folder leaves no folder behind", () => {
    const out = join(dir(), "cdktf.out");
    const broken = dev.map((config) => ({ ...config, services: { embeddings: { ...config.services.embeddings, taskPolicy: [{ actions: ["*"], resources: ["*"] }] } } }) as typeof config);
    expect(() => synthesizeAll({ configs: broken, outdir: out })).toThrow("AIS-IAM-1");
    expect(existsSync(out)).toBe(false);
  });

  test("the staging folder is made inside the output folder, as .staging-<pid>-XXXXXX, never beside it", () => {
    const out = join(dir(), "cdktf.out");
    const synth = App.prototype.synth;
    const seen: { appOutdir?: string; outdir?: string[]; parent?: string[] } = {};
    // What the folders hold while cdktf writes the stacks.
    const spy = jest.spyOn(App.prototype, "synth").mockImplementation(function (this: App) {
      Object.assign(seen, { appOutdir: this.outdir, outdir: readdirSync(out), parent: readdirSync(join(out, "..")) });
      synth.call(this);
    });
    try {
      synthesizeAll({ configs: dev, outdir: out });
    } finally {
      spy.mockRestore();
    }
    expect(seen.outdir).toEqual([expect.stringMatching(new RegExp(`^\\.staging-${process.pid}-[A-Za-z0-9]{6}$`))]);
    expect(seen.appOutdir).toBe(join(out, seen.outdir![0]));
    expect(seen.parent).toEqual(["cdktf.out"]);
  });

  /** An output folder holding one staging folder of `pid` that an earlier synth left, with a file in it, last changed `ageMs` ago. */
  const withStaging = (pid: number, ageMs = 0) => {
    const out = join(dir(), "cdktf.out");
    const staging = join(out, `.staging-${pid}-a1B2c3`);
    mkdirSync(join(staging, "stacks", "dev"), { recursive: true });
    writeFileSync(join(staging, "stacks", "dev", "cdk.tf.json"), "{}");
    const when = new Date(Date.now() - ageMs);
    utimesSync(staging, when, when);
    return { out, staging };
  };

  test("a synth removes the staging folder an earlier synth left when that process is gone", () => {
    const gone = spawnSync(process.execPath, ["-e", ""]).pid;
    expect(() => process.kill(gone, 0)).toThrow(expect.objectContaining({ code: "ESRCH" }));
    const { out, staging } = withStaging(gone);
    synthesizeAll({ configs: dev, outdir: out });
    expect(existsSync(staging)).toBe(false);
    expect(readdirSync(out).sort()).toEqual(["manifest.json", "stacks"]);
  });

  test("a staging folder of a process that is still running is kept", () => {
    const { out, staging } = withStaging(process.ppid);
    synthesizeAll({ configs: dev, outdir: out });
    expect(readFileSync(join(staging, "stacks", "dev", "cdk.tf.json"), "utf8")).toBe("{}");
  });

  test("a staging folder older than an hour is removed even when its pid is alive (the pid may be another process's by now)", () => {
    const { out, staging } = withStaging(process.ppid, STAGING_MAX_AGE_MS + 60_000);
    synthesizeAll({ configs: dev, outdir: out });
    expect(existsSync(staging)).toBe(false);
  });

  test("a folder that only looks like a staging folder is left alone", () => {
    const out = join(dir(), "cdktf.out");
    mkdirSync(join(out, ".staging-notes"), { recursive: true });
    synthesizeAll({ configs: dev, outdir: out });
    expect(readdirSync(out).sort()).toEqual([".staging-notes", "manifest.json", "stacks"]);
  });
});

describe("an environment whose config file is gone", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  // The two smaller shipped environments keep these tests quick.
  const all = loadEnvironmentDirectory("config").filter((config) => config.environment !== "prod");
  const without = (environment: string) => all.filter((config) => config.environment !== environment);
  /** An outdir with the shipped configs synthesized into it once. */
  const synthesized = () => {
    const dir = scratch();
    dirs.push(dir);
    const outdir = join(dir, "cdktf.out");
    synthesizeAll({ configs: all, outdir });
    return outdir;
  };

  test("loses its stack folder on the next synth, which lists it; the other folders keep their .terraform", () => {
    const outdir = synthesized();
    mkdirSync(join(outdir, "stacks", "dev", ".terraform"), { recursive: true });
    const result = synthesizeAll({ configs: without("staging"), outdir });
    expect(result.removed).toEqual([relative(process.cwd(), join(outdir, "stacks", "staging"))]);
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(["dev", "state"]);
    expect(existsSync(join(outdir, "stacks", "dev", ".terraform"))).toBe(true);
  });

  test("a folder the synth did not write is left alone", () => {
    const outdir = synthesized();
    mkdirSync(join(outdir, "stacks", "hand-made"));
    writeFileSync(join(outdir, "stacks", "hand-made", "main.tf"), "# not ours\n");
    expect(synthesizeAll({ configs: all, outdir }).removed).toEqual([]);
    expect(existsSync(join(outdir, "stacks", "hand-made", "main.tf"))).toBe(true);
  });

  test("a folder listed by the previous manifest.json is removed even without the marker (stacks synthesized before it existed)", () => {
    const outdir = synthesized();
    rmSync(join(outdir, "stacks", "staging", STACK_MARKER));
    synthesizeAll({ configs: without("staging"), outdir });
    expect(existsSync(join(outdir, "stacks", "staging"))).toBe(false);
  });

  test("a folder holding a local terraform.tfstate is kept, with a note saying why", () => {
    const outdir = synthesized();
    writeFileSync(join(outdir, "stacks", "staging", "terraform.tfstate"), "{}");
    const result = synthesizeAll({ configs: without("staging"), outdir });
    expect(result.removed).toEqual([]);
    expect(result.kept).toEqual([
      `${relative(process.cwd(), join(outdir, "stacks", "staging"))}: its environment is gone, but it holds a terraform.tfstate; move that state away, then delete the folder`,
    ]);
  });

  describe("under cdktf's CLI, which deletes every folder of stacks/ the new manifest does not list once the app exits", () => {
    /** An output folder whose staging environment is gone from `configDir` (dev only), with a local state in its folder. */
    const withLocalState = () => {
      const outdir = synthesized();
      writeFileSync(join(outdir, "stacks", "staging", "terraform.tfstate"), '{"version": 4}');
      const configDir = join(outdir, "..", "config");
      mkdirSync(configDir);
      cpSync(join("config", "dev.yaml"), join(configDir, "dev.yaml"));
      return { outdir, configDir, folder: relative(process.cwd(), join(outdir, "stacks", "staging")) };
    };

    test("a gone environment's folder holding a terraform.tfstate stops the synth before it writes anything", () => {
      const { outdir } = withLocalState();
      const before = snapshot(outdir);
      expect(() => synthesizeAll({ configs: without("staging"), outdir, cdktfCli: true })).toThrow(StateWouldBeDeletedError);
      expect(snapshot(outdir)).toEqual(before);
      expect(readdirSync(outdir).sort()).toEqual(["manifest.json", "stacks"]);
    });

    test("the command line exits 1 and says on stderr which folder holds the state and what to do", async () => {
      const { outdir, configDir, folder } = withLocalState();
      const result = await runCommandLine(outdir, configDir, { cdktfCli: true });
      expect(result.status).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr.trim().split("\n")).toEqual([
        "synth stopped: 1 folder of an environment that is gone holds a terraform.tfstate; nothing was written.",
        `${folder} holds a terraform.tfstate, but no config file makes a stack of that name, and cdktf deletes every folder of stacks/ that is not a current stack after the synth: ` +
          `move ${join(folder, "terraform.tfstate")} out of the output folder, then run again.`,
      ]);
    });

    test("any folder that is no current stack counts, with the marker or not: the CLI deletes them all", () => {
      const { outdir } = withLocalState();
      mkdirSync(join(outdir, "stacks", "hand-made"));
      writeFileSync(join(outdir, "stacks", "hand-made", "terraform.tfstate"), "{}");
      let error: unknown;
      try {
        synthesizeAll({ configs: without("staging"), outdir, cdktfCli: true });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(StateWouldBeDeletedError);
      expect((error as StateWouldBeDeletedError).folders.map((folder) => folder.split("/").pop()).sort()).toEqual(["hand-made", "staging"]);
    });

    test("`cdktf synth` exits 1 before its sweep, and the folder and its state stay", () => {
      const { outdir, configDir } = withLocalState();
      const result = spawnSync(process.execPath, ["node_modules/cdktf-cli/bundle/bin/cdktf", "synth", "--output", outdir], {
        env: { ...process.env, ECS_AI_CONFIG_DIR: configDir, CHECKPOINT_DISABLE: "1", CI: "1" },
        encoding: "utf8",
      });
      expect(result.status).toBe(1);
      expect(result.stdout + result.stderr).toContain("synth stopped: 1 folder of an environment that is gone holds a terraform.tfstate; nothing was written.");
      expect(readFileSync(join(outdir, "stacks", "staging", "terraform.tfstate"), "utf8")).toBe('{"version": 4}');
      expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(["dev", "staging", "state"]);
    }, 30000);
  });

  test("a synth that fails removes nothing", () => {
    const outdir = synthesized();
    const dev = all.find((config) => config.environment === "dev")!;
    const broken = { ...dev, services: { embeddings: { ...dev.services.embeddings, taskPolicy: [{ actions: ["*"], resources: ["*"] }] } } } as typeof dev;
    expect(() => synthesizeAll({ configs: [broken], outdir })).toThrow("AIS-IAM-1");
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(["dev", "staging", "state"]);
  });

  test("the command line says which folders it removed, on stderr", async () => {
    const outdir = synthesized();
    const errors: string[] = [];
    const spy = jest.spyOn(console, "error").mockImplementation((line: string) => void errors.push(line));
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      expect(await runSynth({ configs: Promise.resolve(without("staging")), outdir })).toBe(0);
    } finally {
      spy.mockRestore();
      log.mockRestore();
    }
    expect(errors).toEqual([`removed ${relative(process.cwd(), join(outdir, "stacks", "staging"))}: its environment has no config file any more`]);
  });
});
