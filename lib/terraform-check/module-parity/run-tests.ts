import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { mapLimited } from "../pool";
import type { TerraformWorkspace } from "../workspace";
import type { ModuleTestFile } from "./test-files";

/** How `terraform test` ended a case's run, with the diagnostics it printed for it. */
export interface CaseOutcome {
  readonly file: ModuleTestFile;
  /** Terraform's status of the run; `missing` when it did not report the run at all. */
  readonly status: "pass" | "fail" | "error" | "skip" | "missing";
  readonly diagnostics: readonly string[];
}

interface TestEvent {
  readonly type?: string;
  readonly "@testrun"?: string;
  readonly "@message"?: string;
  readonly test_run?: { readonly run: string; readonly progress: string; readonly status?: string };
  readonly diagnostic?: { readonly severity: string; readonly summary: string; readonly detail?: string };
}

/** Splits `items` into at most `n` groups of nearly equal size. */
function groups<T>(items: readonly T[], n: number): T[][] {
  const out: T[][] = Array.from({ length: Math.min(n, items.length) }, () => []);
  items.forEach((item, index) => out[index % out.length].push(item));
  return out;
}

/** Writes a copy of the module (its top-level `.tf` files) and the test files into `testDir`. */
export function writeModuleTestDir(moduleDir: string, files: readonly ModuleTestFile[], testDir: string): void {
  mkdirSync(join(testDir, "tests"), { recursive: true });
  for (const file of readdirSync(moduleDir).filter((name) => name.endsWith(".tf"))) copyFileSync(join(moduleDir, file), join(testDir, file));
  for (const file of files) writeFileSync(join(testDir, file.path), file.text);
}

/**
 * Runs the test files in `testDir` (see writeModuleTestDir): `terraform test -json`, the
 * files split over a few Terraform processes that run side by side, each given its files
 * with `-filter`. Returns one outcome per file.
 */
export async function runModuleTests(workspace: TerraformWorkspace, files: readonly ModuleTestFile[], testDir: string): Promise<CaseOutcome[]> {
  const status = new Map<string, CaseOutcome["status"]>();
  const diagnostics = new Map<string, string[]>();
  const failures: string[] = [];
  await mapLimited(groups(files, workspace.concurrency), workspace.concurrency, async (group) => {
    const result = await workspace.terraform(["test", "-json", "-no-color", ...group.map((file) => `-filter=${file.path}`)], testDir);
    let events = 0;
    for (const line of result.stdout.split("\n")) {
      if (!line.startsWith("{")) continue;
      const event = JSON.parse(line) as TestEvent;
      events++;
      if (event.type === "test_run" && event.test_run?.progress === "complete") {
        status.set(event.test_run.run, (event.test_run.status ?? "error") as CaseOutcome["status"]);
      } else if (event.type === "diagnostic" && event.diagnostic) {
        const text = `${event.diagnostic.severity}: ${event.diagnostic.summary}${event.diagnostic.detail ? `: ${event.diagnostic.detail.replace(/\s+/g, " ").trim()}` : ""}`;
        const run = event["@testrun"];
        if (run) diagnostics.set(run, [...(diagnostics.get(run) ?? []), text]);
        else if (event.diagnostic.severity === "error") failures.push(text);
      }
    }
    if (events === 0) failures.push(`terraform test exited ${result.code} without a JSON report: ${`${result.stdout}${result.stderr}`.trim()}`);
  });
  return files.map((file) => ({
    file,
    status: status.get(file.run) ?? "missing",
    diagnostics: [...(diagnostics.get(file.run) ?? []), ...(status.has(file.run) ? [] : failures)],
  }));
}
