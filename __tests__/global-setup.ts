import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Jest's globalSetup: every temporary folder of the run (the tests' scratch folders,
 * cdktf's `Testing.app()` output folders, those of the processes the tests start) goes
 * into one folder of the system temp folder, which global-teardown.ts removes. Runs in
 * jest's main process before the test workers start, so they and their children inherit it.
 */
export default function globalSetup(): void {
  const root = mkdtempSync(join(tmpdir(), "ecs-ai-test-run-"));
  process.env.ECS_AI_TEST_TMPDIR = root;
  process.env.ECS_AI_TEST_TMPDIR_BEFORE = process.env.TMPDIR ?? "";
  process.env.TMPDIR = root;
}
