import { Worker } from "node:worker_threads";
import { join } from "node:path";
import { ConfigError, ConfigProblem } from "./problems";
import type { EnvironmentConfig } from "./schema";

/**
 * Validates every config file of a directory on a worker thread, so that loading and
 * running the validator (zod, yaml) overlaps with the main thread loading cdktf and the
 * provider modules. Resolves to the configs, or rejects with the same {@link ConfigError}
 * {@link loadEnvironmentDirectory} throws. This module loads neither zod nor yaml itself.
 */
export function validateInBackground(dir: string): Promise<EnvironmentConfig[]> {
  const register = join(__dirname, "..", "..", "scripts", "register.js");
  const loader = join(__dirname, "load");
  const source = `
    require(${JSON.stringify(register)});
    const { parentPort, workerData } = require("node:worker_threads");
    const { loadEnvironmentDirectory } = require(${JSON.stringify(loader)});
    const { ConfigError } = require(${JSON.stringify(join(__dirname, "problems"))});
    try {
      parentPort.postMessage({ configs: loadEnvironmentDirectory(workerData.dir) });
    } catch (error) {
      if (error instanceof ConfigError) parentPort.postMessage({ problems: error.problems });
      else parentPort.postMessage({ failure: error && error.stack ? error.stack : String(error) });
    }
  `;
  const validation = new Promise<EnvironmentConfig[]>((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData: { dir }, execArgv: [] });
    worker.once("message", (message: { configs?: EnvironmentConfig[]; problems?: ConfigProblem[]; failure?: string }) => {
      if (message.configs) resolve(message.configs);
      else if (message.problems) reject(new ConfigError(message.problems));
      else reject(new Error(`config validation failed: ${message.failure}`));
      void worker.terminate();
    });
    worker.once("error", reject);
  });
  // The caller awaits this only after loading the constructs; a rejection before then is not "unhandled".
  validation.catch(() => undefined);
  return validation;
}
