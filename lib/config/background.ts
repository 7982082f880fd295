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
 * when it stops without a reply or sends one of another shape ({@link MALFORMED_REPLY}). The
 * worker is stopped once it has replied. This module loads neither zod nor yaml itself.
 */
export function validateInBackground(dir: string, options: BackgroundValidationOptions = {}): Promise<EnvironmentConfig[]> {
  const validation = new Promise<EnvironmentConfig[]>((resolve, reject) => {
    const request: ValidationRequest = { dir };
    // execArgv: the worker does not inherit the main thread's flags (--cpu-prof and the like).
    const worker = new Worker(options.workerFile ?? VALIDATION_WORKER, { workerData: request, execArgv: ["--require", REGISTER] });
    worker.once("message", (reply: unknown) => {
      // Whatever the reply, the promise settles and the worker stops.
      try {
        settle(reply, resolve, reject);
      } catch (error) {
        reject(new Error(`config validation failed: the validation worker's reply could not be read: ${error instanceof Error ? error.message : String(error)}`));
      } finally {
        void worker.terminate();
      }
    });
    // Whichever comes first settles the promise; the later events change nothing.
    worker.once("error", (error) => reject(new Error(`config validation failed: the validation worker stopped with ${error.stack ?? String(error)}`)));
    worker.once("exit", (code) => reject(new Error(`config validation failed: the validation worker exited (code ${code}) without a result`)));
  });
  // The caller awaits this only after loading the constructs; a rejection before then is not "unhandled".
  validation.catch(() => undefined);
  return validation;
}

/** What a malformed reply rejects with. */
export const MALFORMED_REPLY = 'config validation failed: the validation worker sent a malformed reply; expected { configs: [...] }, { problems: [...] } or { failure: "..." }';

/** Resolves to the reply's configs, or rejects with its problems or failure, or as malformed when it is no {@link ValidationReply}. */
function settle(reply: unknown, resolve: (configs: EnvironmentConfig[]) => void, reject: (error: Error) => void): void {
  if (!isValidationReply(reply)) reject(new Error(MALFORMED_REPLY));
  else if ("configs" in reply) resolve(reply.configs);
  else if ("problems" in reply) reject(new ConfigError(reply.problems));
  else reject(new Error(`config validation failed: ${reply.failure}`));
}

/**
 * Whether a message has the shape of a {@link ValidationReply}: an object with `configs`, an
 * array of objects; or `problems`, an array of problems (a file, a path and a message, all
 * strings); or `failure`, a string.
 */
function isValidationReply(reply: unknown): reply is ValidationReply {
  if (typeof reply !== "object" || reply === null) return false;
  const fields = reply as Record<string, unknown>;
  if ("configs" in fields) return Array.isArray(fields.configs) && fields.configs.every((config) => typeof config === "object" && config !== null);
  if ("problems" in fields) return Array.isArray(fields.problems) && fields.problems.every(isProblem);
  return typeof fields.failure === "string";
}

/** Whether a value has what formatting a {@link ConfigError}'s problem needs: file, path and message as strings. */
function isProblem(problem: unknown): boolean {
  if (typeof problem !== "object" || problem === null) return false;
  const { file, path, message } = problem as Record<string, unknown>;
  return typeof file === "string" && typeof path === "string" && typeof message === "string";
}
