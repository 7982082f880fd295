import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { MODULE_DIR } from "../../lib/module/module-files";
import { runPreviewCli, USAGE } from "../../lib/preview/cli";
import { sharedTracePath } from "../../lib/preview/shared-traces";
import { PENDING_PAGES } from "./pending-pages";

// `help` (the text file at the top level) stays true: what it names exists and what it shows runs.
const HELP = readFileSync("help", "utf8");
const SCRIPTS: Record<string, string> = JSON.parse(readFileSync("package.json", "utf8")).scripts;
const ENVIRONMENTS = readdirSync("config").filter((file) => file.endsWith(".yaml")).map((file) => basename(file, ".yaml"));

/** The commands cdktf's CLI (the installed version) declares, e.g. "deploy", "diff". */
function cdktfCommands(): Set<string> {
  const bundle = readFileSync(require.resolve("cdktf-cli/bundle/bin/cdktf.js"), "utf8");
  return new Set([...bundle.matchAll(/command="([a-z]+)/g)].map((match) => match[1]));
}

/** Runs the preview in this process with the output collected. */
async function preview(args: readonly string[]) {
  let stdout = "";
  let stderr = "";
  const status = await runPreviewCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

/** A `../shared/traces/<file>` argument where this clone finds the shared traces. */
const localTrace = (arg: string) => (arg.startsWith("../shared/traces/") ? sharedTracePath(basename(arg)) : arg);

describe("help", () => {
  test("every npm script it names exists", () => {
    const named = [...HELP.matchAll(/npm (?:run ([a-z:-]+)|(test)\b)/g)].map((match) => match[1] ?? match[2]);
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((script) => !(script in SCRIPTS))).toEqual([]);
  });

  test("every cdktf command it shows is one the CLI has, on a stack the app has", () => {
    const commands = cdktfCommands();
    const stacks = new Set(["state", "<env>", ...ENVIRONMENTS]);
    const shown = [...HELP.matchAll(/npx cdktf ([a-z]+) (\S+)/g)].map(([, command, stack]) => ({ command, stack }));
    expect(shown.map(({ command }) => command).sort()).toEqual(["deploy", "deploy", "destroy", "diff"]);
    expect(shown.filter(({ command, stack }) => !commands.has(command) || !stacks.has(stack))).toEqual([]);
  });

  test("every stack directory it points terraform at is an environment", () => {
    const dirs = [...HELP.matchAll(/terraform -chdir=cdktf\.out\/stacks\/([a-z0-9-]+) (init|plan)/g)].map((match) => match[1]);
    expect(dirs.length).toBeGreaterThan(0);
    expect(dirs.filter((env) => !ENVIRONMENTS.includes(env))).toEqual([]);
  });

  test("every file it names exists, or is one the commands write", () => {
    const paths = [...HELP.matchAll(/\b((?:config|docs|examples|dist|cdktf\.out)\/[A-Za-z0-9_.<>/*-]+)/g)].map((match) => match[1].replace(/\.$/, ""));
    const fine = (path: string) =>
      (!path.includes("<") && !path.includes("*") && existsSync(path)) ||
      path in PENDING_PAGES ||
      path.startsWith(MODULE_DIR) ||
      /^cdktf\.out\/stacks\/<name>\/cdk\.tf(\.json)?$/.test(path) ||
      // npm run synth writes one folder per environment there; a fresh clone has none yet.
      ENVIRONMENTS.some((env) => path === `cdktf.out/stacks/${env}`) ||
      /^config\/<(env|name)>\.yaml$/.test(path) ||
      (path === "docs/reference/*.md" && readdirSync("docs/reference").some((file) => file.endsWith(".md")));
    expect(paths.length).toBeGreaterThan(5);
    expect(paths.filter((path) => !fine(path))).toEqual([]);
  });

  test("every preview option it names is one the preview takes", () => {
    const section = HELP.slice(HELP.indexOf("Scaling preview"), HELP.indexOf("Deploying"));
    const options = new Set([...section.matchAll(/(--[a-z-]+)/g)].map((match) => match[1]));
    expect(options.size).toBeGreaterThan(5);
    expect([...options].filter((option) => !USAGE.includes(`[${option}`) && !USAGE.includes(` ${option} `))).toEqual([]);
  });

  test("the preview commands it shows run", async () => {
    const command = /npm run preview -- (.+)/.exec(HELP)![1].trim().split(/\s+/).map(localTrace);
    // The synthetic trace as help spells it, one day long instead of its 14 (the same syntax; 14 days of
    // request-level replay took most of this file's half minute).
    const synthetic = /--trace (synthetic:\S+)/.exec(HELP)![1].replace(/days=\d+/, "days=1");
    expect(synthetic).toMatch(/^synthetic:days=1,/);
    const shown = await preview([...command, "--json"]);
    expect({ status: shown.status, stderr: shown.stderr }).toEqual({ status: 0, stderr: "" });
    expect(JSON.parse(shown.stdout).requests).toBe(19366);
    const withSynthetic = await preview([...command.slice(0, command.indexOf("--trace")), "--trace", synthetic, "--json"]);
    expect(withSynthetic.status).toBe(0);
    expect(JSON.parse(withSynthetic.stdout).requests).toBeGreaterThan(0);
  });
});
