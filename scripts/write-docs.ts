import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { PREVIEW_CHART_FILE, renderPreviewChart } from "../lib/docs/preview-chart";
import { generatedFiles } from "../lib/docs/reference-pages";
import { DASHBOARD_LAYOUT_FILE, renderDashboardLayout } from "../lib/docs/dashboard-layout";

// `npm run docs` (also `npm run schema`): regenerates config/schema.json, the reference pages in
// docs/reference/ (config reference, scaling policy kinds, security rules, AWS limits) and the
// README's preview chart (docs/images/preview-prod-chat.svg, drawn by `npm run preview`) and the
// dashboard's layout (docs/images/dashboard-prod.svg).
// A test fails when any of them differs from what this writes.
if (require.main === module) {
  const files = { ...generatedFiles(), [PREVIEW_CHART_FILE]: renderPreviewChart(), [DASHBOARD_LAYOUT_FILE]: renderDashboardLayout() };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    console.log(`${String(Buffer.byteLength(text)).padStart(7)} bytes  ${path}`);
  }
}
