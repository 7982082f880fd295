import { existsSync } from "node:fs";
import { join } from "node:path";

/**
 * Where the shared load traces are: `../shared/traces` beside the project (the documented
 * place), else the directory `ECS_AI_SHARED_DIR` names, else `/work/shared` (a clone made
 * elsewhere on the same machine, as CI does). The traces are read from there, never copied
 * into the project.
 */
export function sharedTracePath(file: string, env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [join("..", "shared", "traces", file), ...(env.ECS_AI_SHARED_DIR ? [join(env.ECS_AI_SHARED_DIR, "traces", file)] : []), join("/work/shared/traces", file)];
  return candidates.find((path) => existsSync(path)) ?? candidates[0];
}
