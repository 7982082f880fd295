import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { basename, delimiter, dirname, join, relative, resolve } from "node:path";
import { mapLimited } from "./pool";

/**
 * The configurations the Terraform checks look at, written the way users get them: the
 * output of `npm run synth` and `npm run synth:hcl` (every stack, from config/), of
 * `npm run module` (the module in HCL, and in JSON under json/), and the example that
 * calls the module, at the same relative place as in the repository so that its
 * `source = "../../dist/terraform-module/ai-ecs-service"` resolves.
 */

/** The project's root folder. */
export const PROJECT_ROOT = resolve(__dirname, "..", "..");
/** The example configuration that calls the module, relative to the project root. */
export const EXAMPLE_DIR = join("examples", "terraform-module");

export type SubjectKind = "stack (JSON)" | "stack (HCL)" | "module (HCL)" | "module (JSON)" | "example";

/** One configuration folder to validate. */
export interface Subject {
  /** `stack (HCL) prod`, `module (JSON)`, `example`. */
  readonly label: string;
  readonly kind: SubjectKind;
  readonly dir: string;
}

export interface Subjects {
  readonly root: string;
  readonly subjects: readonly Subject[];
  /** The `.tf` files `npm run synth:hcl` and `npm run module` wrote, and the example's. */
  readonly hclFiles: readonly string[];
  /** The module's folder (HCL at the top, JSON under json/). */
  readonly moduleDir: string;
}

/** Runs a package.json script the way npm does (sh -c, node_modules/.bin and this Node on PATH) in the project root. */
function runScript(name: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  const scripts = (JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  const command = scripts[name];
  if (!command) throw new Error(`package.json has no script ${name}`);
  const path = [dirname(process.execPath), join(PROJECT_ROOT, "node_modules", ".bin"), process.env.PATH ?? ""].join(delimiter);
  return new Promise((done, fail) => {
    const child = spawn("/bin/sh", ["-c", `${command} "$@"`, name, ...args], { cwd: PROJECT_ROOT, env: { ...process.env, ...env, PATH: path }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.on("error", fail);
    child.on("close", (code) => (code === 0 ? done() : fail(new Error(`npm run ${name} failed (${code}):\n${output}`))));
  });
}

function stackDirs(outdir: string): string[] {
  const stacks = join(outdir, "stacks");
  return readdirSync(stacks).sort().map((name) => join(stacks, name));
}

const tfFiles = (dir: string) => readdirSync(dir).filter((file) => file.endsWith(".tf")).sort().map((file) => join(dir, file));

/**
 * Where the example expects the module, relative to the project root: its one local
 * `source` (the folder `npm run module` writes by default).
 */
export function exampleModuleDir(): string {
  const example = join(PROJECT_ROOT, EXAMPLE_DIR);
  const sources = new Set(tfFiles(example).flatMap((file) => [...readFileSync(file, "utf8").matchAll(/^\s*source\s*=\s*"(\.{1,2}\/[^"\n]{1,200})"/gm)].map((m) => m[1])));
  if (sources.size !== 1) throw new Error(`${EXAMPLE_DIR} should call one local module folder, found ${[...sources].join(", ") || "none"}`);
  return relative(PROJECT_ROOT, resolve(example, [...sources][0]));
}

/** Writes every subject under `root` (which must exist and be empty) and lists them; at most `concurrency` scripts run at once. */
export async function writeSubjects(root: string, concurrency: number): Promise<Subjects> {
  const json = join(root, "json", "cdktf.out");
  const hcl = join(root, "hcl", "cdktf.out");
  const moduleDir = join(root, exampleModuleDir());
  const example = join(root, EXAMPLE_DIR);
  const scripts: [string, string[], NodeJS.ProcessEnv][] = [
    ["synth", [], { CDKTF_OUTDIR: json }],
    ["synth:hcl", [], { CDKTF_OUTDIR: hcl }],
    ["module", [moduleDir], {}],
  ];
  await mapLimited(scripts, concurrency, ([name, args, env]) => runScript(name, args, env));
  mkdirSync(example, { recursive: true });
  for (const file of tfFiles(join(PROJECT_ROOT, EXAMPLE_DIR))) copyFileSync(file, join(example, basename(file)));
  const subjects: Subject[] = [
    ...stackDirs(json).map((dir) => ({ label: `stack (JSON) ${basename(dir)}`, kind: "stack (JSON)" as const, dir })),
    ...stackDirs(hcl).map((dir) => ({ label: `stack (HCL) ${basename(dir)}`, kind: "stack (HCL)" as const, dir })),
    { label: "module (HCL)", kind: "module (HCL)", dir: moduleDir },
    { label: "module (JSON)", kind: "module (JSON)", dir: join(moduleDir, "json") },
    { label: "example", kind: "example", dir: example },
  ];
  for (const subject of subjects) if (!existsSync(subject.dir)) throw new Error(`${subject.label}: ${subject.dir} was not written`);
  const hclFiles = [...stackDirs(hcl).flatMap(tfFiles), ...tfFiles(moduleDir), ...tfFiles(example)];
  return { root, subjects, hclFiles, moduleDir };
}
