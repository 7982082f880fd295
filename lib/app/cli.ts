import { ConfigError, formatProblem } from "../config/problems";
import { PolicyError } from "../security/report";
import type { EnvironmentConfig } from "../config/schema";
import { StateWouldBeDeletedError, synthesizeAll, SynthOptions } from "./synthesize";

export interface SynthCommand extends Omit<SynthOptions, "configs"> {
  /** The validation of every config file, under way (see `validateInBackground`). */
  readonly configs: Promise<readonly EnvironmentConfig[]>;
}

/**
 * Runs a synth for the command line and resolves to the exit status: 0 with one line per
 * stack on stdout (and on stderr the folders of removed environments it deleted), or 1 with the
 * problems on stderr (one per line) and nothing written. Under cdktf's CLI, a folder of an
 * environment that is gone which holds a terraform.tfstate also stops the synth with status 1,
 * before the CLI can delete that folder (see {@link StateWouldBeDeletedError}).
 */
export async function runSynth(command: SynthCommand): Promise<number> {
  try {
    const { stacks, notices, removed, kept } = synthesizeAll({ ...command, configs: await command.configs });
    for (const notice of notices) console.error(notice);
    // On stderr, so stdout stays one line per stack for scripts that read it.
    for (const folder of removed) console.error(`removed ${folder}: its environment has no config file any more`);
    for (const note of kept) console.error(`kept ${note}`);
    const width = Math.max(...stacks.map((s) => s.name.length));
    for (const stack of stacks) {
      console.log(`${stack.name.padEnd(width)}  ${String(stack.resourceCount).padStart(4)} resources  ${stack.path}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof PolicyError) {
      const count = error.lines.length;
      console.error(`synth stopped: ${count} security rule violation${count === 1 ? "" : "s"}; nothing was written.`);
      for (const line of error.lines) console.error(line);
      return 1;
    }
    if (error instanceof StateWouldBeDeletedError) {
      const count = error.folders.length;
      console.error(`synth stopped: ${count} folder${count === 1 ? "" : "s"} of an environment that is gone ${count === 1 ? "holds" : "hold"} a terraform.tfstate; nothing was written.`);
      for (const line of error.lines) console.error(line);
      return 1;
    }
    if (error instanceof ConfigError) {
      const count = error.problems.length;
      console.error(`synth stopped: ${count} problem${count === 1 ? "" : "s"} in the config; nothing was written.`);
      for (const problem of error.problems) console.error(formatProblem(problem));
      return 1;
    }
    console.error("synth failed; nothing was written.");
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
}
