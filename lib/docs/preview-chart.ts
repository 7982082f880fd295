import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sharedTracePath } from "../preview/shared-traces";

/**
 * The preview chart in the README: a real run of the preview CLI on the shared Azure trace,
 * kept as `docs/images/preview-prod-chat.svg` by `npm run docs` (a test fails when the
 * committed chart differs from what the CLI draws now).
 */

/** The trace the chart replays, in `../shared/traces/` (read from there, never copied). */
export const PREVIEW_CHART_TRACE = "azure-llm-inference-conv-2023.csv";

/** The preview options the chart is drawn with, as the README shows them. */
export const PREVIEW_CHART_ARGS: readonly string[] = ["--env", "prod", "--service", "chat", "--trace", `../shared/traces/${PREVIEW_CHART_TRACE}`];

/** Where the chart is kept. */
export const PREVIEW_CHART_FILE = "docs/images/preview-prod-chat.svg";

/** The command the README names as the chart's source. */
export function previewChartCommand(): string {
  return `npm run preview -- ${PREVIEW_CHART_ARGS.join(" ")} --out <dir>`;
}

/**
 * Runs `npm run preview` (the command package.json defines, in a child process) with the
 * chart's options and `--out` set to a temporary directory; returns the SVG it wrote.
 * Run from the project root. The trace is found where `sharedTracePath` finds it (beside the
 * project, through ECS_AI_SHARED_DIR, or in /work/shared), so any clone works.
 */
export function renderPreviewChart(): string {
  const script: string = JSON.parse(readFileSync("package.json", "utf8")).scripts.preview;
  const [command, ...scriptArgs] = script.split(" ");
  if (command !== "node") throw new Error(`expected the preview script to run node, found: ${script}`);
  const args = PREVIEW_CHART_ARGS.map((arg) => (arg.endsWith(PREVIEW_CHART_TRACE) ? sharedTracePath(PREVIEW_CHART_TRACE) : arg));
  const out = mkdtempSync(join(tmpdir(), "ecs-ai-docs-chart-"));
  try {
    execFileSync(process.execPath, [...scriptArgs, ...args, "--out", out], { stdio: ["ignore", "ignore", "pipe"] });
    return readFileSync(join(out, "preview.svg"), "utf8");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
