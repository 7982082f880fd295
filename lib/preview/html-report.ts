import { chartSpec, renderSvg } from "./chart";
import type { MatrixCell } from "./matrix";
import { shareText } from "./summary";

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * The matrix as one self-contained HTML page: the table, then for each cell its chart (demand,
 * capacity, desired, serving and reference tasks, scale events) as inline SVG.
 */
export async function renderHtmlReport(cells: readonly MatrixCell[]): Promise<string> {
  const rows = cells
    .map((c, i) => {
      const trace = escape(c.trace.split("/").pop()!);
      if (!c.summary) return `<tr><td>${escape(c.environment)}</td><td>${escape(c.service)}</td><td>${trace}</td><td colspan="6" class="error">${escape(c.error ?? "")}</td></tr>`;
      const s = c.summary;
      const objectives = s.objectives.map((o) => `${escape(o.objective)}: ${shareText(o.withinPct)}%`).join("<br>");
      return `<tr><td>${escape(c.environment)}</td><td><a href="#cell-${i}">${escape(c.service)}</a></td><td>${trace}</td><td>x${c.scale?.toPrecision(3) ?? "1"}</td><td>${objectives}</td><td class="${s.meetsObjectives ? "ok" : "miss"}">${s.meetsObjectives ? "yes" : "no"}</td><td>${s.cost.toFixed(2)}</td><td>${s.referenceCost?.toFixed(2) ?? "-"}</td><td>${s.costVsReference?.toFixed(2) ?? "-"}x</td></tr>`;
    })
    .join("\n");
  const charts: string[] = [];
  for (const [i, c] of cells.entries()) {
    if (!c.result || !c.summary) continue;
    const title = `${c.environment} / ${c.service} on ${c.trace.split("/").pop()} (x${c.scale?.toPrecision(3) ?? "1"})`;
    const svg = await renderSvg(chartSpec(c.result, title, c.reference));
    const warnings = c.summary.warnings.map((w) => `<p class="warning">${escape(w)}</p>`).join("");
    charts.push(`<section id="cell-${i}"><h2>${escape(title)}</h2>${warnings}${svg}</section>`);
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Scaling preview matrix</title>
<style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}td.ok{color:#2a7}td.miss,td.error{color:#c33}.warning{color:#a60}</style>
</head><body>
<h1>Scaling preview: every environment x service x trace</h1>
<p>Each trace is scaled to the service (its busiest minute needs 70% of what the maximum serves within the objectives) unless a scale was given. Cost against the reference: the cheapest schedule that meets the objectives knowing the trace.</p>
<table><thead><tr><th>environment</th><th>service</th><th>trace</th><th>scale</th><th>objectives (within)</th><th>met</th><th>cost ($)</th><th>reference ($)</th><th>cost / reference</th></tr></thead>
<tbody>
${rows}
</tbody></table>
${charts.join("\n")}
</body></html>
`;
}
