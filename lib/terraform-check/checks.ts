import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fmtCheck, FormattingDifference } from "./fmt";
import { BASE_INPUTS, MODULE_CASES } from "./module-parity/cases";
import { configVerdict, ConfigVerdict } from "./module-parity/config-verdict";
import type { ModuleCase } from "./module-parity/module-case";
import { parityProblems } from "./module-parity/parity";
import { CaseOutcome, runModuleTests, writeModuleTestDir } from "./module-parity/run-tests";
import { moduleTestFiles, ModuleTestFile } from "./module-parity/test-files";
import { awsTypesIn, ConfigurationFile } from "./schema/used-types";
import { DEFAULT_CONCURRENCY } from "./pool";
import { Subject, Subjects, writeSubjects } from "./subjects";
import { TerraformDiagnostic, validateConfiguration } from "./validate";
import { TerraformWorkspace } from "./workspace";

/** One case of the parity table, checked. */
export interface CaseResult {
  readonly testCase: ModuleCase;
  readonly outcome: CaseOutcome;
  readonly verdict: ConfigVerdict;
  /** Empty when the case holds. */
  readonly problems: readonly string[];
}

export interface ChecksOptions {
  /** Path of the terraform binary. */
  readonly terraform: string;
  /** Share one stand-in process between all commands (see stand-in-server.ts). @default true */
  readonly shared?: boolean;
  /** Most processes (synths, Terraform commands) at once. @default DEFAULT_CONCURRENCY (one per core) */
  readonly concurrency?: number;
}

/** Every configuration file (.tf, .tf.json) under a folder, except Terraform's own .terraform folders. */
function configurationFiles(dir: string): ConfigurationFile[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === ".terraform") return [];
    if (statSync(path).isDirectory()) return configurationFiles(path);
    return name.endsWith(".tf") || name.endsWith(".tf.json") ? [{ path, text: readFileSync(path, "utf8") }] : [];
  });
}

/**
 * Real Terraform on the project's output, against the stand-in hashicorp/aws: the
 * subjects are written once (see subjects.ts), the stand-in installed for the types they
 * use, and each check runs on demand, at most once. `dispose()` removes everything.
 */
export class TerraformChecks {
  private moduleRun?: Promise<CaseResult[]>;

  private constructor(
    public readonly root: string,
    public readonly subjects: Subjects,
    public readonly workspace: TerraformWorkspace,
    public readonly testFiles: readonly ModuleTestFile[],
  ) {}

  public static async prepare(options: ChecksOptions): Promise<TerraformChecks> {
    const root = mkdtempSync(join(tmpdir(), "ecs-ai-terraform-checks-"));
    try {
      mkdirSync(join(root, "subjects"));
      const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
      const subjects = await writeSubjects(join(root, "subjects"), concurrency);
      const testFiles = moduleTestFiles(MODULE_CASES, BASE_INPUTS);
      writeModuleTestDir(subjects.moduleDir, testFiles, join(root, "module-test"));
      const request = awsTypesIn(configurationFiles(subjects.root));
      const workspace = await TerraformWorkspace.create({ terraform: options.terraform, request, shared: options.shared, parent: root, concurrency });
      return new TerraformChecks(root, subjects, workspace, testFiles);
    } catch (error) {
      rmSync(root, { recursive: true, force: true });
      throw error;
    }
  }

  /** Folder of the module copy the parity tests run in. */
  public get moduleTestDir(): string {
    return join(this.root, "module-test");
  }

  /** `terraform fmt -check` on the HCL the project writes, the example, and the generated test files. */
  public async fmt(): Promise<{ files: readonly string[]; differences: FormattingDifference[] }> {
    const files = [...this.subjects.hclFiles, ...this.testFiles.map((file) => join(this.moduleTestDir, file.path))];
    return { files, differences: await fmtCheck(this.workspace, files, this.root) };
  }

  /** `terraform validate` of one subject. */
  public validate(subject: Subject): Promise<TerraformDiagnostic[]> {
    return validateConfiguration(this.workspace, subject.dir);
  }

  /** The parity table through `terraform test`, each case with the config validation's verdict. */
  public moduleCases(): Promise<CaseResult[]> {
    this.moduleRun ??= runModuleTests(this.workspace, this.testFiles, this.moduleTestDir).then((outcomes) =>
      outcomes.map((outcome) => {
        const testCase = outcome.file.testCase;
        const verdict = configVerdict({ ...BASE_INPUTS, ...testCase.inputs });
        return { testCase, outcome, verdict, problems: parityProblems(testCase, outcome, verdict) };
      }),
    );
    return this.moduleRun;
  }

  public async dispose(): Promise<void> {
    try {
      await this.moduleRun?.catch(() => undefined);
      await this.workspace.dispose();
    } finally {
      rmSync(this.root, { recursive: true, force: true });
    }
  }
}
