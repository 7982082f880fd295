import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { PREVIEW_CHART_FILE, renderPreviewChart } from "../../lib/docs/preview-chart";
import { generatedFiles, REFERENCE_DIR } from "../../lib/docs/reference-pages";

// Generated documents equal what their generators write now (`npm run docs` rewrites them).
const files = generatedFiles();

describe("generated files are up to date (run `npm run docs` to update)", () => {
  test.each(Object.keys(files))("%s", (path) => {
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, "utf8")).toBe(files[path]);
  });

  test("docs/reference holds only generated pages", () => {
    const generated = Object.keys(files).filter((path) => path.startsWith(`${REFERENCE_DIR}/`)).map((path) => basename(path));
    expect(readdirSync(REFERENCE_DIR).sort()).toEqual(generated.sort());
  });

  test("the README's preview chart is what npm run preview draws now", () => {
    const svg = renderPreviewChart();
    expect(svg.startsWith("<svg")).toBe(true);
    expect(readFileSync(PREVIEW_CHART_FILE, "utf8")).toBe(svg);
  });
});
