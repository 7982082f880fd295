import type { SeriesSelection } from "../metrics/collector-config";
import { MEANINGS, SERVER_KINDS, SERVER_MEANINGS, SERVER_PRESETS } from "../metrics/server-presets";
import { HclExpression } from "../hcl/hcl-expression";

/**
 * The model server's series in the Terraform module, decided at plan time from
 * `var.server_metrics` as the config's resolution decides them at synth
 * (lib/config/resolve-observability.ts): the preset's series overridden by `series`, the port
 * and path defaulted the same way, and the collector configuration's series-dependent parts
 * ({@link seriesSelection} in lib/metrics/collector-config.ts) built by `for` expressions.
 * The parity table's `terraform test` rows compare the module's configuration with the
 * environments' for the same series (lib/terraform-check/module-parity).
 */

/** Locals the expressions below read, by name. */
export function seriesLocals(): Record<string, unknown> {
  return {
    // Every server: its preset's series, path and ports (prometheus: no series, no port).
    server_presets: Object.fromEntries(
      SERVER_KINDS.map((server) => {
        const preset = SERVER_PRESETS[server];
        return [server, { series: preset.series, path: preset.path, metrics_port: preset.metricsPort ?? null, default_port: preset.defaultPort ?? null }];
      }),
    ),
    // Each meaning's CloudWatch name, and whether a name ending in _total may lose it (counters).
    meaning_metrics: Object.fromEntries(SERVER_MEANINGS.map((meaning) => [meaning, { metric_name: MEANINGS[meaning].metricName, counter: MEANINGS[meaning].type === "counter" }])),
    // The series published, by meaning: the preset's, overridden by server_metrics.series ({} without server_metrics).
    server_series: "${merge(try(local.server_presets[var.server_metrics.server].series, {}), try(var.server_metrics.series, {}))}",
    // The meanings published, in name order (keys() sorts), as the environments order them.
    server_meanings: "${keys(local.server_series)}",
    // The metrics endpoint's port: the given one, the server's metrics port, the web service's, the server's default; null when none applies.
    metrics_port:
      '${try(coalesce(var.server_metrics.port, local.server_presets[var.server_metrics.server].metrics_port, var.kind == "web" ? var.port : null, local.server_presets[var.server_metrics.server].default_port), null)}',
  };
}

/**
 * {@link SeriesSelection} as Terraform expressions over `local.server_series`. Series names are not
 * escaped for the regular expressions: `server_metrics.series` and the presets admit only letters,
 * digits, `_` and `:` (PROMETHEUS_METRIC_NAME), none of which a regular expression treats specially.
 */
export function hclSeriesSelection(): SeriesSelection {
  const series = "local.server_series[meaning]";
  const include = `local.meaning_metrics[meaning].counter && endswith(${series}, "_total") ? "^\${trimsuffix(${series}, "_total")}(_total)?$" : "^\${${series}}$"`;
  return {
    keep: '(${join("|", [for meaning in local.server_meanings : local.server_series[meaning]])})(_bucket|_sum|_count)?',
    transforms: HclExpression.of(`[for meaning in local.server_meanings : { include = ${include}, match_type = "regexp", action = "update", new_name = local.meaning_metrics[meaning].metric_name }]`).asString(),
    metricNameSelectors: HclExpression.of('[for meaning in local.server_meanings : "^${local.meaning_metrics[meaning].metric_name}$"]').asString(),
  };
}
