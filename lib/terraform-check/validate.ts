import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { TerraformWorkspace } from "./workspace";

/** A diagnostic of `terraform validate -json`. */
export interface TerraformDiagnostic {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail: string;
  readonly file?: string;
  readonly line?: number;
}

/** The warning every command prints while a CLI configuration overrides a provider; expected here. */
export const DEV_OVERRIDES_SUMMARY = "Provider development overrides are in effect";

/** `error: main.tf:12: Unsupported argument: An argument named "x" is not expected here.` */
export function formatDiagnostic(diagnostic: TerraformDiagnostic): string {
  const where = diagnostic.file ? `${diagnostic.file}${diagnostic.line ? `:${diagnostic.line}` : ""}: ` : "";
  return `${diagnostic.severity}: ${where}${diagnostic.summary}${diagnostic.detail ? `: ${diagnostic.detail.replace(/\s+/g, " ").trim()}` : ""}`;
}

/** True when a configuration folder calls modules (then `terraform get` must install them first). */
function callsModules(dir: string): boolean {
  return readdirSync(dir).some((file) => {
    if (file.endsWith(".tf")) return /^module "/m.test(readFileSync(join(dir, file), "utf8"));
    if (file.endsWith(".tf.json")) return "module" in (JSON.parse(readFileSync(join(dir, file), "utf8")) as object);
    return false;
  });
}

/**
 * `terraform validate` of one configuration folder against the stand-in: every error and
 * warning except the expected development-override notice. Local modules are installed
 * first (`terraform get`, which touches no provider); no backend is initialized.
 */
export async function validateConfiguration(workspace: TerraformWorkspace, dir: string): Promise<TerraformDiagnostic[]> {
  if (callsModules(dir)) {
    const get = await workspace.terraform(["get", "-no-color"], dir);
    if (get.code !== 0) return [{ severity: "error", summary: "terraform get failed", detail: `${get.stdout}${get.stderr}`.trim() }];
  }
  const result = await workspace.terraform(["validate", "-json", "-no-color"], dir);
  let report: { diagnostics?: { severity: string; summary: string; detail?: string; range?: { filename: string; start: { line: number } } }[] };
  try {
    report = JSON.parse(result.stdout) as typeof report;
  } catch {
    return [{ severity: "error", summary: `terraform validate exited ${result.code} without a JSON report`, detail: `${result.stdout}${result.stderr}`.trim() }];
  }
  return (report.diagnostics ?? [])
    .filter((d) => d.summary !== DEV_OVERRIDES_SUMMARY)
    .map((d) => ({
      severity: d.severity === "warning" ? "warning" : "error",
      summary: d.summary,
      detail: d.detail ?? "",
      file: d.range ? relative(dir, join(dir, d.range.filename)) : undefined,
      line: d.range?.start.line,
    }));
}
