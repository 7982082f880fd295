import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { App, TerraformResource, TerraformStack } from "cdktf";
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
}

export interface SynthResult {
  readonly stacks: readonly SynthesizedStack[];
  /** Lines to show besides the stacks: rule warnings and suppressions with their reasons. */
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
 * Synthesizes every stack of validated configs into a scratch directory, checks the
 * security rules, writes each stack's scanner suppression files (`.checkov.yaml`,
 * `kics.config`) beside its Terraform, and only when all of that succeeded replaces the
 * stacks' files in `outdir`. A failure at any point leaves an earlier `outdir` as it was.
 */
export function synthesizeAll(options: SynthOptions): SynthResult {
  const { configs } = options;
  const outdir = resolve(options.outdir);
  mkdirSync(dirname(outdir), { recursive: true });
  const staging = mkdtempSync(join(dirname(outdir), ".cdktf-staging-"));
  try {
    const app = new App({ outdir: staging, stackTraces: false, hclOutput: options.hcl ?? false });
    const stacks = addStacks(app, configs);
    app.synth();
    const notices = [
      ...configs.flatMap((config) => config.warnings.map((warning) => `warning: ${warning}`)),
      ...checkReports(stacks.map((stack) => PolicyReport.of(stack))),
    ];
    const manifest = JSON.parse(readFileSync(join(staging, "manifest.json"), "utf8")) as Manifest;
    const previous = readManifest(join(outdir, "manifest.json"));
    // The scanner files go to the scratch directory first, with the stacks, so a failure writes none.
    const scanner = new Map(
      stacks.map((stack) => {
        const dir = dirname(manifest.stacks[stack.node.id].synthesizedStackPath);
        const files = hasScannerSuppressions(stack) ? scannerFiles(stack.node.id, stack.scannerSuppressions()) : {};
        for (const [name, text] of Object.entries(files)) writeFileSync(join(staging, dir, name), text);
        return [stack.node.id, Object.keys(files).map((name) => join(dir, name))];
      }),
    );
    const published = stacks.map((stack) => {
      const name = stack.node.id;
      const { synthesizedStackPath: file, stackMetadataPath } = manifest.stacks[name];
      if (app.hclOutput) {
        // cdktf's own HCL writer gets references, escaping and JSON documents wrong (and its stacks
        // only look at SYNTH_HCL_OUTPUT, not the App's hclOutput): lib/hcl writes the HCL.
        // Loaded only for HCL output, so a JSON synth does not pay for the HCL writer.
        const { stackToHcl } = require("../hcl/stack-hcl") as typeof import("../hcl/stack-hcl");
        writeFileSync(join(staging, file), stackToHcl(stack));
        writeFileSync(join(staging, stackMetadataPath), JSON.stringify(hclMetadata(stack), null, 2));
      }
      publishStackFile(join(staging, file), join(outdir, file));
      for (const path of scanner.get(name) ?? []) replaceFile(join(staging, path), join(outdir, path));
      publishMetadata(app.hclOutput ? join(staging, stackMetadataPath) : undefined, join(outdir, stackMetadataPath));
      writeFileSync(join(outdir, dirname(file), STACK_MARKER), "Written by the ecs-ai-autoscaling synth; the synth removes this folder once its environment's config file is gone.\n");
      return {
        name,
        resourceCount: stack.node.findAll().filter((c) => TerraformResource.isTerraformResource(c)).length,
        path: relative(process.cwd(), join(outdir, file)),
      };
    });
    const stale = removeStaleStacks(outdir, new Set(Object.values(manifest.stacks).map((stack) => dirname(stack.synthesizedStackPath))), previous);
    replaceFile(join(staging, "manifest.json"), join(outdir, "manifest.json"));
    return { stacks: published, notices, ...stale };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
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
 * file there is someone's, and deleting it could lose track of real resources).
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
 * Moves a stack's file into place and removes the file of the other format, so
 * Terraform never sees both `cdk.tf` and `cdk.tf.json` in one directory. Anything
 * else there (`.terraform`, plans) is kept.
 */
function publishStackFile(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  replaceFile(from, to);
  const other = to.endsWith(".json") ? to.replace(/\.json$/, "") : `${to}.json`;
  rmSync(other, { force: true });
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

/** HCL stacks come with `metadata.json` (the cdktf CLI reads it); a JSON synth removes a stale one. */
function publishMetadata(from: string | undefined, to: string): void {
  if (from) replaceFile(from, to);
  else rmSync(to, { force: true });
}

/**
 * Moves `from` (in the staging directory, beside `outdir`) over `to` atomically. When `outdir`
 * is a mount point of its own, the file is copied to a temporary file beside `to`, then renamed.
 */
function replaceFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
    const temporary = `${to}.tmp-${process.pid}`;
    writeFileSync(temporary, readFileSync(from));
    renameSync(temporary, to);
  }
}
