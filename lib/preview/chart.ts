import type { SimulationResult } from "./simulate";
import { MINUTE_MS } from "./trace";

/** Names of the chart's series, as its legend shows them. */
export const CHART_SERIES = {
  demand: "demand (requests/min)",
  capacity: "capacity (requests/min)",
  running: "desired tasks",
  ready: "serving tasks",
  reference: "reference tasks",
  scaleOut: "scale-out",
  scaleIn: "scale-in",
} as const;

/** Most points per line: longer replays are averaged (demand, capacity) or maxed (tasks) into buckets. */
export const MAX_POINTS = 1500;

/**
 * The Vega-Lite spec of a replay's chart: demand and capacity (requests per minute, left axis),
 * desired, serving and reference tasks (right axis), and a point at every scale event (at its new task count).
 */
export function chartSpec(result: SimulationResult, title: string, reference?: Int32Array): Record<string, unknown> {
  const bucket = Math.max(1, Math.ceil(result.minutes / MAX_POINTS));
  const rates: Array<{ time: string; series: string; value: number }> = [];
  const tasks: Array<{ time: string; series: string; value: number }> = [];
  const timeOf = (minute: number) => new Date(result.startMs + minute * MINUTE_MS).toISOString();
  for (let start = 0; start < result.minutes; start += bucket) {
    const end = Math.min(result.minutes, start + bucket);
    let demand = 0;
    let capacity = 0;
    let desired = 0;
    let ready = 0;
    let best = 0;
    for (let t = start; t < end; t++) {
      demand += result.demand[t];
      capacity += result.capacity[t];
      desired = Math.max(desired, result.desiredTasks[t]);
      ready = Math.max(ready, result.readyTasks[t]);
      if (reference) best = Math.max(best, reference[t]);
    }
    const time = timeOf(start);
    rates.push({ time, series: CHART_SERIES.demand, value: demand / (end - start) }, { time, series: CHART_SERIES.capacity, value: capacity / (end - start) });
    tasks.push({ time, series: CHART_SERIES.running, value: desired }, { time, series: CHART_SERIES.ready, value: Math.round(ready * 100) / 100 });
    if (reference) tasks.push({ time, series: CHART_SERIES.reference, value: best });
  }
  const events = result.events.map((e) => ({
    time: timeOf(e.minute),
    series: e.to > e.from ? CHART_SERIES.scaleOut : CHART_SERIES.scaleIn,
    value: e.to,
    detail: `${e.from} -> ${e.to} (${e.cause})`,
  }));
  const color = {
    field: "series",
    type: "nominal",
    title: null,
    scale: {
      domain: Object.values(CHART_SERIES),
      range: ["#4c78a8", "#54a24b", "#e45756", "#b279a2", "#9d9d9d", "#f58518", "#72b7b2"],
    },
  };
  // Many events (a flapping policy over weeks) get small markers, so the lines stay readable.
  const dense = events.length > 300;
  const format = result.minutes <= 2 * 1440 ? "%H:%M" : "%b %d";
  const x = { field: "time", type: "temporal", title: "time (UTC)", scale: { type: "utc" }, axis: { format } };
  const tasksAxis = { field: "value", type: "quantitative", title: "tasks", axis: { orient: "right" } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    width: 900,
    height: 320,
    layer: [
      {
        data: { values: rates },
        mark: { type: "line", strokeWidth: 1.5 },
        encoding: { x, y: { field: "value", type: "quantitative", title: "requests per minute" }, color },
      },
      {
        layer: [
          { data: { values: tasks }, mark: { type: "line", interpolate: "step-after", strokeWidth: 1.5 }, encoding: { x, y: tasksAxis, color } },
          { data: { values: events }, mark: { type: "point", filled: true, size: dense ? 12 : 70, opacity: 0.9, stroke: "white", strokeWidth: dense ? 0 : 1 }, encoding: { x, y: tasksAxis, color } },
        ],
      },
    ],
    resolve: { scale: { y: "independent" } },
    config: { legend: { orient: "bottom", labelLimit: 0 } },
  };
}

/** A point of the recommender's search: its cost and worst objective margin (points of %). */
export interface ParetoPoint {
  readonly cost: number;
  readonly margin: number;
  readonly label: string;
  readonly chosen: boolean;
}

/** The Vega-Lite spec of the recommender's Pareto front: cost against the worst objective margin, the chosen setting marked. */
export function paretoSpec(points: readonly ParetoPoint[], title: string): Record<string, unknown> {
  const values = points.map((p) => ({ cost: Math.round(p.cost * 100) / 100, margin: Math.round(p.margin * 100) / 100, label: p.label, kind: p.chosen ? "chosen" : "Pareto front" }));
  const x = { field: "cost", type: "quantitative", title: "cost ($)", scale: { zero: false } };
  const y = { field: "margin", type: "quantitative", title: "worst objective: within % minus percentile" };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    width: 700,
    height: 320,
    data: { values },
    layer: [
      { mark: { type: "line", interpolate: "step-after", color: "#9d9d9d" }, encoding: { x, y } },
      { mark: { type: "point", filled: true, size: 80 }, encoding: { x, y, color: { field: "kind", type: "nominal", title: null, scale: { domain: ["Pareto front", "chosen"], range: ["#4c78a8", "#e45756"] } }, tooltip: [{ field: "label" }] } },
      { mark: { type: "rule", strokeDash: [4, 4], color: "#54a24b" }, encoding: { y: { datum: 0 } } },
    ],
    config: { legend: { orient: "bottom" } },
  };
}

/**
 * Renders a Vega-Lite spec to SVG with vega and vega-lite, which are loaded here and only
 * here (they are ES modules; nothing else in the project needs them).
 */
export async function renderSvg(spec: Record<string, unknown>): Promise<string> {
  const vegaLiteName = "vega-lite";
  const vegaName = "vega";
  const vegaLite = (await import(vegaLiteName)) as { compile(spec: unknown): { spec: unknown } };
  const vega = (await import(vegaName)) as {
    parse(spec: unknown): unknown;
    View: new (runtime: unknown, options: { renderer: "none" }) => { toSVG(): Promise<string>; finalize(): void };
  };
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
