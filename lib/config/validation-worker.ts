import { parentPort, workerData } from "node:worker_threads";
import { loadEnvironmentDirectory } from "./load";
import { ConfigError, ConfigProblem } from "./problems";
import type { EnvironmentConfig } from "./schema";

/** What validateInBackground (lib/config/background.ts) gives its worker: the directory to validate. */
export interface ValidationRequest {
  readonly dir: string;
}

/** The one message the worker posts: the configs, the problems, or an unexpected failure. */
export type ValidationReply =
  | { readonly configs: EnvironmentConfig[] }
  | { readonly problems: readonly ConfigProblem[] }
  | { readonly failure: string };

/** Validates the requested directory, as {@link loadEnvironmentDirectory} does, into one reply. */
export function validate(request: ValidationRequest): ValidationReply {
  try {
    return { configs: loadEnvironmentDirectory(request.dir) };
  } catch (error) {
    if (error instanceof ConfigError) return { problems: error.problems };
    return { failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

// The worker thread's entry (see lib/config/background.ts): it loads zod and yaml, never cdktf.
if (!parentPort) throw new Error("lib/config/validation-worker.ts runs on a worker thread; call validateInBackground instead");
parentPort.postMessage(validate(workerData as ValidationRequest));
