import { Worker } from "node:worker_threads";
import { join } from "node:path";
import { ConfigError } from "./problems";
import type { EnvironmentConfig } from "./schema";
import type { ValidationReply, ValidationRequest } from "./validation-worker";

/** The worker's entry, loaded through scripts/register.js like the rest of the TypeScript. */
const VALIDATION_WORKER = join(__dirname, "validation-worker.ts");
const REGISTER = join(__dirname, "..", "..", "scripts", "register.js");

export interface BackgroundValidationOptions {
  /**
   * The module the worker thread runs; it posts one {@link ValidationReply}.
   * @default lib/config/validation-worker.ts
   */
  readonly workerFile?: string;
}

/**
 * Validates every config file of a directory on a worker thread, so that loading and
 * running the validator (zod, yaml) overlaps with the main thread loading cdktf and the
 * provider modules. Resolves to the configs, or rejects with the same {@link ConfigError}
 * {@link loadEnvironmentDirectory} throws, or with an Error when the worker fails, including
 * when it stops without a reply. This module loads neither zod nor yaml itself.
 */
export function validateInBackground(dir: string, options: BackgroundValidationOptions = {}): Promise<EnvironmentConfig[]> {
  const validation = new Promise<EnvironmentConfig[]>((resolve, reject) => {
    const request: ValidationRequest = { dir };
    // execArgv: the worker does not inherit the main thread's flags (--cpu-prof and the like).
    const worker = new Worker(options.workerFile ?? VALIDATION_WORKER, { workerData: request, execArgv: ["--require", REGISTER] });
    worker.once("message", (reply: ValidationReply) => {
      if ("configs" in reply) resolve(reply.configs);
      else if ("problems" in reply) reject(new ConfigError(reply.problems));
      else reject(new Error(`config validation failed: ${reply.failure}`));
      void worker.terminate();
    });
    // Whichever comes first settles the promise; the later events change nothing.
    worker.once("error", (error) => reject(new Error(`config validation failed: the validation worker stopped with ${error.stack ?? String(error)}`)));
    worker.once("exit", (code) => reject(new Error(`config validation failed: the validation worker exited (code ${code}) without a result`)));
  });
  // The caller awaits this only after loading the constructs; a rejection before then is not "unhandled".
  validation.catch(() => undefined);
  return validation;
}
