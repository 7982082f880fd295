import type { TerraformWorkspace } from "./workspace";

/** A file that `terraform fmt` would change, with its diff. */
export interface FormattingDifference {
  readonly file: string;
  readonly diff: string;
}

/**
 * `terraform fmt -check` on files: the ones it would rewrite, each with the diff. One
 * command checks them all; only when it finds some does each file get its own, for its
 * diff (or its parse error).
 */
export async function fmtCheck(workspace: TerraformWorkspace, files: readonly string[], cwd: string): Promise<FormattingDifference[]> {
  if (files.length === 0) return [];
  const all = await workspace.terraform(["fmt", "-check", "-list=false", "-no-color", ...files], cwd);
  if (all.code === 0) return [];
  const differences: FormattingDifference[] = [];
  for (const file of files) {
    const result = await workspace.terraform(["fmt", "-check", "-diff", "-no-color", file], cwd);
    if (result.code !== 0) differences.push({ file, diff: `${result.stdout}${result.stderr}`.trim() });
  }
  if (differences.length === 0) differences.push({ file: files.join(", "), diff: `${all.stdout}${all.stderr}`.trim() || `terraform fmt exited ${all.code}` });
  return differences;
}
