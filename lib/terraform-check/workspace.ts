import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deriveProviderSchema, SchemaRequest } from "./schema/derive-schema";
import type { ProviderSchemaDocument } from "./schema/provider-schema";
import { DEFAULT_CONCURRENCY } from "./pool";
import { runProcess, ProcessResult } from "./run-process";
import { installStandIn, StandInInstallation } from "./stand-in-install";
import { SharedStandIn, startSharedStandIn } from "./stand-in-server";

export interface WorkspaceOptions {
  /** Path of the terraform binary. */
  readonly terraform: string;
  /** The AWS resource and data source types the checked configurations use. */
  readonly request: SchemaRequest;
  /**
   * Connect every command to one stand-in process (TF_REATTACH_PROVIDERS) instead of
   * letting Terraform start one per command through the CLI configuration.
   * @default true
   */
  readonly shared?: boolean;
  /** Folder to create the workspace in. @default the system's temporary folder */
  readonly parent?: string;
  /** Most Terraform processes at once. @default DEFAULT_CONCURRENCY (one per core) */
  readonly concurrency?: number;
}

/**
 * A temporary folder with the stand-in hashicorp/aws installed for the checked types, and
 * a way to run Terraform against it. The environment of every command is the caller's
 * without its TF_* variables (this machine's TF_CLI_CONFIG_FILE, a TF_DATA_DIR or
 * TF_CLI_ARGS must not change what is checked), plus the stand-in's. `dispose()` stops
 * the stand-in and removes the folder, with everything the checks wrote into it.
 */
export class TerraformWorkspace {
  /** Terraform processes running, and the ones waiting for a slot (at most `concurrency` run at once). */
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  private constructor(
    public readonly terraformPath: string,
    public readonly dir: string,
    public readonly document: ProviderSchemaDocument,
    public readonly installation: StandInInstallation,
    private readonly shared: SharedStandIn | undefined,
    public readonly concurrency: number,
  ) {}

  /** Derives the schema, installs the stand-in and (by default) starts the shared process. */
  public static async create(options: WorkspaceOptions): Promise<TerraformWorkspace> {
    const dir = mkdtempSync(join(options.parent ?? tmpdir(), "ecs-ai-terraform-"));
    try {
      const document = deriveProviderSchema(options.request);
      const installation = installStandIn(join(dir, "stand-in"), document);
      const shared = options.shared === false ? undefined : await startSharedStandIn(installation, document.source);
      return new TerraformWorkspace(options.terraform, dir, document, installation, shared, Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY));
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** The environment Terraform commands run with. */
  public get env(): NodeJS.ProcessEnv {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("TF_")));
    return { ...inherited, ...this.installation.env, ...(this.shared?.env ?? {}) };
  }

  /** Runs `terraform <args>` in `cwd`, once one of `concurrency` slots is free. */
  public async terraform(args: readonly string[], cwd: string): Promise<ProcessResult> {
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await runProcess(this.terraformPath, args, { cwd, env: this.env });
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  public async dispose(): Promise<void> {
    await this.shared?.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
