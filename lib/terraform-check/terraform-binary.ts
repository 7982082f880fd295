import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";

/**
 * Whether a `terraform` binary is on PATH: the checks that need it run when it is and are
 * skipped, with one line saying so, when it is not.
 */

/** The first executable file named `terraform` on the PATH of `env`, or undefined. */
export function findTerraform(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, "terraform");
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The line printed when the checks are skipped. */
export const SKIP_LINE = "terraform checks skipped: no terraform binary on PATH (terraform fmt, validate and test of the synthesized output did not run)";

/** The line printed when they run. */
export function runLine(terraform: string): string {
  return `terraform checks run with ${terraform}: fmt -check, validate (stacks, HCL, module, example) and test of the module, against a stand-in hashicorp/aws`;
}
