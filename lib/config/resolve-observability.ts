import { meaningsOf, SERVER_PRESETS, type ServerKind, type ServerMeaning } from "../metrics/server-presets";
import { ALARM_DEFAULTS } from "../observability/alarm-defaults";
import type { ParsedAlarmsConfig, ServerMetricsConfig } from "./observability-schema";

/** A service's metrics section with the server's preset applied: every field known. */
export interface ResolvedServerMetrics {
  readonly server: ServerKind;
  readonly port: number;
  readonly path: string;
  /** Prometheus series by meaning: the preset's, overridden by the config's. */
  readonly series: { readonly [M in ServerMeaning]?: string };
  /** The meanings the server publishes (those with a series). */
  readonly meanings: readonly ServerMeaning[];
  readonly sidecar: { readonly image: string; readonly cpu: number; readonly memory: number };
}

/** A service's alarms with every threshold resolved. */
export interface ResolvedAlarms {
  readonly enabled: boolean;
  readonly latencySeconds: number;
  readonly errorRatePercent: number;
  readonly unhealthyTargets: number;
  readonly evaluationMinutes: number;
  readonly atMaxMinutes: number;
  readonly oldestMessageSeconds: number;
}

/** The metrics endpoint's port: the config's, Triton's metrics port, the web service's port, or the server's default. */
export function metricsPort(metrics: ServerMetricsConfig, servicePort: number | undefined): number | undefined {
  const preset = SERVER_PRESETS[metrics.server];
  return metrics.port ?? preset.metricsPort ?? servicePort ?? preset.defaultPort;
}

/** Resolves a valid metrics section (its port is known: checked by the validation). */
export function resolveServerMetrics(metrics: ServerMetricsConfig, servicePort: number | undefined): ResolvedServerMetrics {
  const preset = SERVER_PRESETS[metrics.server];
  const series = { ...preset.series, ...metrics.series };
  return {
    server: metrics.server,
    port: metricsPort(metrics, servicePort)!,
    path: metrics.path ?? preset.path,
    series,
    meanings: meaningsOf(series),
    sidecar: { ...metrics.sidecar },
  };
}

/** Resolves the alarms: the latency objective from the preview section, the oldest message age from the queue policy. */
export function resolveAlarms(alarms: ParsedAlarmsConfig, latencyObjectiveSeconds: number | undefined, acceptableLatencySeconds: number | undefined): ResolvedAlarms {
  return {
    ...alarms,
    latencySeconds: alarms.latencySeconds ?? latencyObjectiveSeconds ?? ALARM_DEFAULTS.latencySeconds,
    oldestMessageSeconds: alarms.oldestMessageSeconds ?? acceptableLatencySeconds ?? ALARM_DEFAULTS.oldestMessageSeconds,
  };
}
