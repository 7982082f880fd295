import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { App, TerraformResource, TerraformStack } from "cdktf";
import { formatProblem } from "../config/problems";
import type { EnvironmentConfig } from "../config/schema";
import { checkReports, PolicyReport } from "../security/report";
import { hasScannerSuppressions, scannerFiles } from "../security/scanner-files";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { STATE_STACK_ID, StateStack } from "../../stacks/state-stack";

export interface SynthOptions {
  /** The validated environments (from `loadEnvironmentDirectory` or `validateInBackground`). */
  readonly configs: readonly EnvironmentConfig[];
  /** Where the stacks go; cdktf's CLI passes it as CDKTF_OUTDIR. */
  readonly outdir: string;
  /** Write HCL (`cdk.tf`) instead of JSON (`cdk.tf.json`). @default false, or true when SYNTH_HCL_OUTPUT=true (`cdktf synth --hcl`) */
  readonly hcl?: boolean;
  /**
   * The app runs under cdktf's CLI (`cdktf synth|diff|deploy`), which deletes every folder of
   * `stacks/` that the new manifest does not list after the app exits: the synth then stops,
   * writing nothing, when such a folder holds a `terraform.tfstate`, instead of keeping it.
   * @default true when CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS=true (the CLI sets it for the app), else false
   */
  readonly cdktfCli?: boolean;
}

export interface SynthResult {
  readonly stacks: readonly SynthesizedStack[];
  /** Lines to show besides the stacks: config warnings, rule warnings and suppressions with their reasons. */
  readonly notices: readonly string[];
  /** Stack folders of environments that are gone, removed by this synth (paths relative to the working directory). */
  readonly removed: readonly string[];
  /** Stack folders of environments that are gone but were kept, each with the reason. */
  readonly kept: readonly string[];
}

/**
 * The file that marks a stack folder as written by this synth. A later synth removes a folder
 * of `stacks/` whose environment is gone only when it carries this marker (or the previous
 * manifest.json listed it): never a folder someone else put there.
 */
export const STACK_MARKER = ".ecs-ai-autoscaling-stack";

export interface SynthesizedStack {
  readonly name: string;
  readonly resourceCount: number;
  /** Path of the stack's Terraform file, relative to the working directory. */
  readonly path: string;
}

/** Adds the state stack and one stack per environment to an app. */
export function addStacks(app: App, configs: readonly EnvironmentConfig[]): TerraformStack[] {
  return [
    new StateStack(app, STATE_STACK_ID, { environments: configs }),
    ...configs.map((config) => new EnvironmentStack(app, config.environment, { config })),
  ];
}

/**
 * Synthesizes every stack of validated configs into a staging folder inside `outdir`, checks the
 * security rules, and writes everything a stack folder gets there first: its Terraform (JSON, or
 * HCL with its `metadata.json`), its scanner suppression files (`.checkov.yaml`, `kics.config`)
 * and {@link STACK_MARKER}. Only when all of that succeeded does a second pass publish the files
 * into `outdir` by renames, remove what the new output replaces, and move `manifest.json` in last.
 * A failure before the publishing pass leaves an earlier `outdir` as it was, byte for byte.
 *
 * Under cdktf's CLI (see {@link SynthOptions.cdktfCli}) the synth refuses, before writing
 * anything, to run while a folder of `stacks/` that is no current stack holds a
 * `terraform.tfstate`: the CLI deletes such folders once the app has exited.
 */
export function synthesizeAll(options: SynthOptions): SynthResult {
  const { configs } = options;
  const outdir = resolve(options.outdir);
  if (options.cdktfCli ?? process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS === "true") {
    refuseStateTheCliWouldDelete(outdir, new Set([STATE_STACK_ID, ...configs.map((config) => config.environment)]));
  }
  const created = !existsSync(outdir);
  mkdirSync(outdir, { recursive: true });
  removeAbandonedStaging(outdir);
  const staging = mkdtempSync(join(outdir, `${STAGING_PREFIX}${process.pid}-`));
  let published = false;
  try {
    const app = new App({ outdir: staging, stackTraces: false, hclOutput: options.hcl ?? false });
    const stacks = addStacks(app, configs);
    app.synth();
    const notices = [
      ...configs.flatMap((config) => config.warnings.map((warning) => `warning: ${formatProblem(warning)}`)),
      ...checkReports(stacks.map((stack) => PolicyReport.of(stack))),
    ];
    const manifest = JSON.parse(readFileSync(join(staging, "manifest.json"), "utf8")) as Manifest;
    const previous = readManifest(join(outdir, "manifest.json"));
    // First pass: every file of every stack folder goes to the staging folder; nothing in outdir changes.
    const staged = stacks.map((stack) => stageStack(stack, manifest.stacks[stack.node.id], staging, app.hclOutput));
    // Second pass: publish by renames and deletes, manifest.json last.
    for (const stack of staged) {
      mkdirSync(join(outdir, stack.dir), { recursive: true });
      for (const path of stack.files) renameSync(join(staging, path), join(outdir, path));
      for (const path of stack.obsolete) rmSync(join(outdir, path), { force: true });
    }
    const stale = removeStaleStacks(outdir, new Set(staged.map((stack) => stack.dir)), previous);
    renameSync(join(staging, "manifest.json"), join(outdir, "manifest.json"));
    published = true;
    return {
      stacks: staged.map(({ name, resourceCount, file }) => ({ name, resourceCount, path: relative(process.cwd(), join(outdir, file)) })),
      notices,
      ...stale,
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    // A failed first synth into a new folder leaves no empty folder behind.
    if (created && !published && readdirSync(outdir).length === 0) rmdirSync(outdir);
  }
}

/** A stack whose files are all in the staging folder, ready to be moved into `outdir`. */
interface StagedStack {
  readonly name: string;
  readonly resourceCount: number;
  /** The stack's folder, relative to the output folder (`stacks/<name>`). */
  readonly dir: string;
  /** The stack's Terraform file, relative to the output folder. */
  readonly file: string;
  /** Files to move from the staging folder to the same path in `outdir`, the stack's Terraform first. */
  readonly files: readonly string[];
  /** Files in `outdir` the new output replaces (the other format's Terraform file, a JSON synth's stale metadata.json). */
  readonly obsolete: readonly string[];
}

/** Writes everything of one stack's folder besides cdktf's own files into the staging folder. */
function stageStack(stack: TerraformStack, entry: Manifest["stacks"][string], staging: string, hcl: boolean): StagedStack {
  const name = stack.node.id;
  const { synthesizedStackPath: file, stackMetadataPath } = entry;
  const dir = dirname(file);
  if (hcl) {
    // cdktf's own HCL writer gets references, escaping and JSON documents wrong (and its stacks
    // only look at SYNTH_HCL_OUTPUT, not the App's hclOutput): lib/hcl writes the HCL.
    // Loaded only for HCL output, so a JSON synth does not pay for the HCL writer.
    const { stackToHcl } = require("../hcl/stack-hcl") as typeof import("../hcl/stack-hcl");
    writeFileSync(join(staging, file), stackToHcl(stack));
    writeFileSync(join(staging, stackMetadataPath), JSON.stringify(hclMetadata(stack), null, 2));
  }
  const suppressed = hasScannerSuppressions(stack) ? scannerFiles(name, stack.scannerSuppressions()) : {};
  for (const [fileName, text] of Object.entries(suppressed)) writeFileSync(join(staging, dir, fileName), text);
  writeFileSync(join(staging, dir, STACK_MARKER), "Written by the ecs-ai-autoscaling synth; the synth removes this folder once its environment's config file is gone.\n");
  // Terraform never sees both cdk.tf and cdk.tf.json in one folder; HCL stacks come with
  // metadata.json (the cdktf CLI reads it), and a JSON synth removes a stale one.
  const other = file.endsWith(".json") ? file.replace(/\.json$/, "") : `${file}.json`;
  return {
    name,
    resourceCount: stack.node.findAll().filter((c) => TerraformResource.isTerraformResource(c)).length,
    dir,
    file,
    files: [file, ...Object.keys(suppressed).map((fileName) => join(dir, fileName)), ...(hcl ? [stackMetadataPath] : []), join(dir, STACK_MARKER)],
    obsolete: hcl ? [other] : [other, stackMetadataPath],
  };
}

/** The part of cdktf's manifest.json the synth reads. */
interface Manifest {
  readonly stacks: Record<string, { readonly synthesizedStackPath: string; readonly stackMetadataPath: string }>;
}

/** An earlier synth's manifest, or none when there is no readable one. */
function readManifest(path: string): Manifest | undefined {
  try {
    const manifest = JSON.parse(readFileSync(path, "utf8")) as Manifest;
    return typeof manifest?.stacks === "object" && manifest.stacks !== null ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Removes the folders under `stacks/` of environments whose config file is gone, so a pipeline
 * that loops over `stacks/*` never plans a deleted environment. Only folders this synth wrote
 * are touched: those with {@link STACK_MARKER}, or listed by the previous manifest.json. A folder
 * that holds a local `terraform.tfstate` is kept (the stacks keep state in S3; a local state
 * file there is someone's, and deleting it could lose track of real resources). Under cdktf's CLI,
 * which would delete it anyway, the synth has stopped before (see {@link StateWouldBeDeletedError}).
 */
function removeStaleStacks(outdir: string, current: ReadonlySet<string>, previous: Manifest | undefined): { removed: string[]; kept: string[] } {
  const stacksDir = join(outdir, "stacks");
  const listed = new Set(Object.values(previous?.stacks ?? {}).map((stack) => dirname(String(stack.synthesizedStackPath))));
  const removed: string[] = [];
  const kept: string[] = [];
  if (!existsSync(stacksDir)) return { removed, kept };
  for (const entry of readdirSync(stacksDir, { withFileTypes: true })) {
    const folder = `stacks/${entry.name}`;
    if (!entry.isDirectory() || current.has(folder)) continue;
    const path = join(stacksDir, entry.name);
    if (!existsSync(join(path, STACK_MARKER)) && !listed.has(folder)) continue;
    const shown = relative(process.cwd(), path);
    if (existsSync(join(path, "terraform.tfstate"))) {
      kept.push(`${shown}: its environment is gone, but it holds a terraform.tfstate; move that state away, then delete the folder`);
      continue;
    }
    rmSync(path, { recursive: true, force: true });
    removed.push(shown);
  }
  return { removed, kept };
}

/**
 * What cdktf writes to `metadata.json` beside an HCL stack (the CLI reads stack, output and
 * construct information from it): the Terraform JSON's `//` comments and terraform block.
 */
function hclMetadata(stack: TerraformStack): Record<string, unknown> {
  const json = stack.toTerraform() as Record<string, any>;
  const comments = (section: Record<string, Record<string, Record<string, unknown>>> | undefined) =>
    section &&
    Object.fromEntries(
      Object.entries(section).map(([type, byName]) => [type, Object.fromEntries(Object.entries(byName).map(([name, body]) => [name, { "//": body["//"] }]))]),
    );
  return { "//": json["//"], resource: comments(json.resource), data: comments(json.data), terraform: json.terraform };
}

/** Staging folders are `<outdir>/.staging-<pid>-XXXXXX`: outside `stacks/`, which is all cdktf's CLI sweeps. */
const STAGING_PREFIX = ".staging-";
/** A staging folder's name: the pid (at most 10 digits) and mkdtemp's 6 characters; no quantifier can backtrack. */
const STAGING_NAME = /^\.staging-(\d{1,10})-[A-Za-z0-9]{6}$/;
/** A staging folder older than this is abandoned even when its pid is alive (the pid may since belong to another process). */
export const STAGING_MAX_AGE_MS = 60 * 60 * 1000;

/**
 * Removes staging folders an earlier synth left in `outdir` (it was killed, or stopped with
 * Ctrl-C): those whose process is gone, and any older than {@link STAGING_MAX_AGE_MS}. A staging
 * folder of a synth still running (its pid alive) is left alone.
 */
function removeAbandonedStaging(outdir: string): void {
  const now = Date.now();
  for (const entry of readdirSync(outdir, { withFileTypes: true })) {
    const match = STAGING_NAME.exec(entry.name);
    if (!match || !entry.isDirectory()) continue;
    const path = join(outdir, entry.name);
    if (processIsAlive(Number(match[1])) && now - statSync(path).mtimeMs < STAGING_MAX_AGE_MS) continue;
    rmSync(path, { recursive: true, force: true });
  }
}

/** Whether a process with this pid exists (one of another user's counts: EPERM). */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/**
 * Thrown, before anything is written, by a synth under cdktf's CLI when folders of `stacks/` that
 * are no current stack hold a `terraform.tfstate`: the CLI would delete them, state and all, after
 * the app exits. Exiting with an error stops the CLI before it gets there.
 */
export class StateWouldBeDeletedError extends Error {
  constructor(
    /** The folders, relative to the working directory. */
    public readonly folders: readonly string[],
  ) {
    super(`${folders.join(", ")}: ${folders.length === 1 ? "holds" : "hold"} a terraform.tfstate that cdktf would delete`);
    this.name = "StateWouldBeDeletedError";
  }

  /** What to tell the user, one line each. */
  get lines(): string[] {
    return this.folders.map(
      (folder) =>
        `${folder} holds a terraform.tfstate, but no config file makes a stack of that name, and cdktf deletes every folder of stacks/ that is not a current stack after the synth: ` +
        `move ${join(folder, "terraform.tfstate")} out of the output folder, then run again.`,
    );
  }
}

/**
 * Under cdktf's CLI, refuses to synth while a folder of `stacks/` that is no current stack holds a
 * `terraform.tfstate`. Every such folder counts, with the marker or not: the CLI deletes them all.
 */
function refuseStateTheCliWouldDelete(outdir: string, current: ReadonlySet<string>): void {
  const stacksDir = join(outdir, "stacks");
  if (!existsSync(stacksDir)) return;
  const folders = readdirSync(stacksDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !current.has(entry.name) && existsSync(join(stacksDir, entry.name, "terraform.tfstate")))
    .map((entry) => relative(process.cwd(), join(stacksDir, entry.name)));
  if (folders.length > 0) throw new StateWouldBeDeletedError(folders);
}
