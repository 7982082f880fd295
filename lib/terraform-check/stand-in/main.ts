import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ANSWERS_ENV, StandInAnswers } from "./answers";
import { handshakeLine, launchProblem } from "./handshake";
import { startResponder } from "./responder";

/**
 * Entry point of the stand-in hashicorp/aws provider plugin (Terraform runs it through the
 * launcher that `stand-in-install.ts` writes). Serves the answers file named by
 * STAND_IN_PROVIDER_ANSWERS on a Unix socket in a private temporary folder and prints
 * go-plugin's handshake line; exits when Terraform shuts it down, or on a signal.
 */

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function main(): void {
  const problem = launchProblem(process.env);
  if (problem) fail(problem);
  const answersFile = process.env[ANSWERS_ENV];
  if (!answersFile) fail(`${ANSWERS_ENV} is not set: it names the answers file the stand-in serves (see docs/terraform-validation.md).`);
  const answers = JSON.parse(readFileSync(answersFile, "utf8")) as StandInAnswers;
  const socketDir = mkdtempSync(join(tmpdir(), "tf-stand-in-"));
  const socket = join(socketDir, "plugin.sock");
  const stop = () => {
    rmSync(socketDir, { recursive: true, force: true });
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, stop);
  const shared = process.argv.includes("--shared");
  if (shared) {
    process.stdin.on("end", stop);
    process.stdin.resume();
  } else {
    // Started by Terraform: if Terraform goes away without shutting the plugin down (killed), so does the plugin.
    const parent = process.ppid;
    setInterval(() => process.ppid !== parent && stop(), 1000).unref();
  }
  const server = startResponder(answers, socket, shared ? () => undefined : stop, () => process.stdout.write(handshakeLine(socket)));
  server.on("error", (error) => fail(`stand-in provider: cannot serve on ${socket}: ${error.message}`));
}

main();
