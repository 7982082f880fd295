import { MEANINGS, SCRAPE_INTERVAL_SECONDS, type ServerMeaning } from "./server-presets";

/** What the collector sidecar scrapes and where it publishes. Strings may be Terraform tokens. */
export interface CollectorSettings {
  /** Port of the server's metrics endpoint (the task shares one network namespace: localhost); a string only as a Terraform token. */
  readonly port: number | string;
  readonly path: string;
  /**
   * Prometheus series by meaning (the meanings published), or the parts of the configuration that
   * depend on them, built elsewhere: the Terraform module computes them at plan time from its
   * variables (lib/module/collector-series.ts), with the same result as {@link seriesSelection}.
   */
  readonly series: { readonly [M in ServerMeaning]?: string } | SeriesSelection;
  /** Values of the ClusterName and ServiceName dimensions. */
  readonly clusterName: string;
  readonly serviceName: string;
  /** CloudWatch namespace of the metrics. */
  readonly namespace: string;
  /** Log group the EMF events go to (CloudWatch extracts the metrics from them). */
  readonly logGroupName: string;
  readonly region: string;
}

/** The parts of the collector's configuration that depend on which series it publishes. */
export interface SeriesSelection {
  /** The metric_relabel_configs regex that keeps the chosen series (and a histogram's _bucket, _sum and _count). */
  readonly keep: string;
  /** metricstransform's transforms: each series renamed to its meaning's CloudWatch metric name. */
  readonly transforms: unknown;
  /** The EMF exporter's metric_name_selectors: the CloudWatch names published. */
  readonly metricNameSelectors: unknown;
}

/** The series-dependent parts of the configuration, meanings in name order. */
export function seriesSelection(series: { readonly [M in ServerMeaning]?: string }): SeriesSelection {
  const chosen = (Object.entries(series) as [ServerMeaning, string][]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    keep: `(${chosen.map(([, name]) => escapeRegex(name)).join("|")})(_bucket|_sum|_count)?`,
    transforms: chosen.map(([meaning, name]) => ({
      include: metricPattern(name, MEANINGS[meaning].type),
      match_type: "regexp",
      action: "update",
      new_name: MEANINGS[meaning].metricName,
    })),
    metricNameSelectors: chosen.map(([meaning]) => `^${MEANINGS[meaning].metricName}$`),
  };
}

const isSelection = (series: CollectorSettings["series"]): series is SeriesSelection => "keep" in series && typeof series.keep === "string";

/**
 * The ADOT collector's configuration (AOT_CONFIG_CONTENT), as a typed object: the Prometheus
 * receiver scrapes the server on localhost and keeps only the chosen series, which it labels with
 * ClusterName and ServiceName; metricstransform renames each to its meaning's CloudWatch name
 * (renaming in the scrape would lose the series' type); cumulativetodelta turns counters and
 * histograms into per-scrape increments; the EMF exporter writes them to the log group with
 * exactly the dimensions ClusterName and ServiceName, without roll-ups.
 * Components: https://github.com/aws-observability/aws-otel-collector (README, built-in components).
 */
export function collectorConfig(settings: CollectorSettings): Record<string, unknown> {
  const selection = isSelection(settings.series) ? settings.series : seriesSelection(settings.series);
  return {
    receivers: {
      prometheus: {
        config: {
          global: { scrape_interval: `${SCRAPE_INTERVAL_SECONDS}s`, scrape_timeout: "10s" },
          scrape_configs: [
            {
              job_name: "model-server",
              metrics_path: settings.path,
              static_configs: [{ targets: [`localhost:${settings.port}`], labels: { ClusterName: settings.clusterName, ServiceName: settings.serviceName } }],
              metric_relabel_configs: [
                // Histograms expose <name>_bucket, _sum and _count; counters <name> (the name ends in _total).
                { source_labels: ["__name__"], regex: selection.keep, action: "keep" },
              ],
            },
          ],
        },
      },
    },
    processors: {
      metricstransform: { transforms: selection.transforms },
      cumulativetodelta: {},
      // Fills the task id the log stream is named after, from the ECS task metadata endpoint.
      resourcedetection: { detectors: ["ecs"], timeout: "2s", override: false },
      batch: { timeout: "10s" },
    },
    exporters: {
      awsemf: {
        namespace: settings.namespace,
        region: settings.region,
        log_group_name: settings.logGroupName,
        log_stream_name: "{TaskId}",
        dimension_rollup_option: "NoDimensionRollup",
        metric_declarations: [
          { dimensions: [["ClusterName", "ServiceName"]], metric_name_selectors: selection.metricNameSelectors },
        ],
      },
    },
    service: {
      pipelines: { metrics: { receivers: ["prometheus"], processors: ["resourcedetection", "metricstransform", "cumulativetodelta", "batch"], exporters: ["awsemf"] } },
    },
  };
}

/** A Prometheus (RE2) pattern matching the series name literally. */
function escapeRegex(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The series' name as the collector's metric is named: exactly, except that a counter's `_total`
 * suffix may be dropped (the Prometheus receiver drops it when it normalizes names).
 */
function metricPattern(series: string, type: string): string {
  if (type === "counter" && series.endsWith("_total")) return `^${escapeRegex(series.slice(0, -"_total".length))}(_total)?$`;
  return `^${escapeRegex(series)}$`;
}
