import { rmSync } from "node:fs";

/** Jest's globalTeardown: removes the run's temporary folder (see global-setup.ts) and restores TMPDIR. */
export default function globalTeardown(): void {
  const root = process.env.ECS_AI_TEST_TMPDIR;
  if (root) rmSync(root, { recursive: true, force: true });
  if (process.env.ECS_AI_TEST_TMPDIR_BEFORE) process.env.TMPDIR = process.env.ECS_AI_TEST_TMPDIR_BEFORE;
  else delete process.env.TMPDIR;
  delete process.env.ECS_AI_TEST_TMPDIR;
  delete process.env.ECS_AI_TEST_TMPDIR_BEFORE;
}
