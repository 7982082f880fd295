import type { PreviewConfig } from "./preview-schema";
import type { ParsedScalingConfig as ScalingConfig } from "./scaling-schema";
import type { Finding } from "./validate";
import { policyName } from "../scaling/policies/definition";

type At = (...path: PropertyKey[]) => PropertyKey[];

/** Policy types whose metric the preview cannot compute on its own: `preview.metrics` says what it stands for. */
export const MAPPED_POLICY_TYPES = ["custom", "step"] as const;

/** The rules of a service's `preview` section that span fields (`startupSeconds`: the service's, the preview's default). */
export function previewFindings(preview: PreviewConfig | undefined, scaling: ScalingConfig, at: At, startupSeconds: number): Finding[] {
  if (!preview) return [];
  const findings: Finding[] = [];
  if (preview.requestsPerMinute !== undefined && preview.tokensPerSecond !== undefined) {
    findings.push({
      path: at("preview", "tokensPerSecond"),
      value: preview.tokensPerSecond,
      message: "is given together with requestsPerMinute; a task's capacity is one or the other",
    });
  }
  const startup = preview.startupSeconds ?? startupSeconds;
  if (preview.imagePullSeconds > startup) {
    findings.push({
      path: at("preview", "imagePullSeconds"),
      value: preview.imagePullSeconds,
      message: `is part of startupSeconds (${startup}); it must be at most that`,
    });
  }
  const seen = new Set<string>();
  for (const [i, objective] of (preview.objectives ?? []).entries()) {
    const key = `${objective.metric}@${objective.percentile}`;
    if (seen.has(key)) {
      findings.push({ path: at("preview", "objectives", i), value: `p${objective.percentile} ${objective.metric}`, message: "repeats an objective of the same metric and percentile" });
    }
    seen.add(key);
  }
  const mapped = scaling.policies.filter((p) => (MAPPED_POLICY_TYPES as readonly string[]).includes(p.type)).map(policyName);
  for (const name of Object.keys(preview.metrics)) {
    if (!mapped.includes(name)) {
      findings.push({
        path: at("preview", "metrics", name),
        value: preview.metrics[name],
        message: `names no custom or step policy of this service; ${mapped.length > 0 ? `allowed: ${mapped.join(", ")}` : "the service has none"}`,
      });
    }
  }
  return findings;
}
