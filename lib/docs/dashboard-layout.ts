import { loadEnvironmentFile } from "../config/load";
import { dashboardBody } from "../observability/dashboard-body";
import { dashboardService } from "../observability/dashboard-services";

/** The README's picture of the dashboard's layout, drawn from config/prod.yaml. */
export const DASHBOARD_LAYOUT_FILE = "docs/images/dashboard-prod.svg";

const COLUMN = 40;
const ROW = 22;

/**
 * An SVG of the environment dashboard's grid for config/prod.yaml: each widget where the
 * dashboard body places it, with its title. Drawn from the same {@link dashboardBody} the stack
 * deploys, so the picture cannot drift from the dashboard.
 */
export function renderDashboardLayout(file = "config/prod.yaml"): string {
  const config = loadEnvironmentFile(file);
  const services = Object.entries(config.services).map(([name, service]) =>
    dashboardService(config, name, service, service.kind === "web" ? { loadBalancer: "app/genai-prod/0", targetGroup: `targetgroup/${name}/0` } : undefined),
  );
  const { widgets } = dashboardBody(config.region, services);
  const height = Math.max(...widgets.map((w) => w.y + w.height)) * ROW;
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const shapes = widgets.map((w) => {
    const x = w.x * COLUMN;
    const y = w.y * ROW;
    const title = w.type === "text" ? String(w.properties.markdown).replace(/^## /, "") : String(w.properties.title);
    if (w.type === "text") {
      return `  <text x="${x + 4}" y="${y + 16}" font-size="14" font-weight="bold">${escape(title)}</text>`;
    }
    return [
      `  <rect x="${x + 2}" y="${y + 2}" width="${w.width * COLUMN - 4}" height="${w.height * ROW - 4}" rx="4" fill="#f4f6f8" stroke="#8a96a3"/>`,
      `  <text x="${x + 10}" y="${y + 20}" font-size="12">${escape(title)}</text>`,
    ].join("\n");
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${24 * COLUMN}" height="${height}" viewBox="0 0 ${24 * COLUMN} ${height}" font-family="sans-serif">`,
    `  <rect width="100%" height="100%" fill="#ffffff"/>`,
    ...shapes,
    "</svg>",
    "",
  ].join("\n");
}
