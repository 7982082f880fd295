import { readFileSync } from "node:fs";
import { PREVIEW_CHART_FILE, previewChartCommand } from "../../lib/docs/preview-chart";

// The README's shape. Its diagram and synth output are checked against the stacks in generated.test.ts.
const README = readFileSync("README.md", "utf8");

describe("README.md", () => {
  test("fits a few screens (at most 350 lines)", () => {
    expect(README.split("\n").length).toBeLessThanOrEqual(350);
  });

  test("the quick start is the two commands, and both are scripts", () => {
    const quickStart = /## Quick start\n\n```sh\n([\s\S]*?)```/.exec(README)![1];
    expect(quickStart.split("\n").map((line) => line.replace(/\s+#.*$/, "")).filter(Boolean)).toEqual(["npm ci && npm run synth", "npm test"]);
    const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts;
    expect([scripts.synth, scripts.test].every(Boolean)).toBe(true);
  });

  test("shows the preview chart and names the command that drew it", () => {
    expect(README).toContain(`](${PREVIEW_CHART_FILE})`);
    expect(README).toContain(`${previewChartCommand()}\``);
  });
});
