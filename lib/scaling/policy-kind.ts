import type { Construct } from "constructs";
import type { ScalingPolicyConfig } from "../config/scaling-schema";
import type { ServerMeaning } from "../metrics/server-presets";
import type { MetricPlaceholders, MetricQuery } from "./metric";
import type { PreviewContext, PreviewRule } from "./preview-rules";
import type { EcsScalableTarget } from "./scalable-target";

/** What a policy needs from the service it scales. */
export interface PolicyContext {
  readonly scope: Construct;
  readonly target: EcsScalableTarget;
  /** Prefix of policy and alarm names: `<project>-<environment>-<service>`. */
  readonly namePrefix: string;
  /** The service's names for metric dimensions. */
  readonly placeholders: MetricPlaceholders;
  /** The service's scaling minimum (a queue policy with 0 adds scale-from-zero alarms). */
  readonly min: number;
  /** What the service's metrics sidecar publishes, for server policies. @default none: the service publishes no server metrics */
  readonly serverMetrics?: ServerMetricsContext;
}

/** Where a service's model-server metrics are, and which meanings its server exposes. */
export interface ServerMetricsContext {
  readonly namespace: string;
  readonly meanings: readonly ServerMeaning[];
}

/**
 * One kind of scaling policy: how a config entry of its `type` becomes Terraform, and how
 * the same entry behaves in the scaling preview.
 */
export interface PolicyKind<T extends ScalingPolicyConfig["type"]> {
  readonly type: T;
  /** One-line description for docs and messages. */
  readonly description: string;
  /**
   * Adds the policy's resources to the context's scope. The Terraform module calls it with
   * values Terraform only knows at plan time (`each.value` of its policies: tokens, and an
   * HclExpression for an object that may be null), and so does `context.min`: code that
   * chooses on a value does it through lib/hcl/plan-time (`equals`, `choose`, `lookupIn`,
   * `when`) or builds dynamic blocks, so one implementation serves the config and the module.
   */
  synthesize(context: PolicyContext, policy: Extract<ScalingPolicyConfig, { type: T }>): void;
  /**
   * The rules the policy adds to the preview's model of Application Auto Scaling: how its
   * metric is computed from a simulated minute and how it acts on it. Throws a
   * PreviewUnsupportedError when the preview cannot model the policy as configured.
   */
  previewRules(context: PreviewContext, policy: Extract<ScalingPolicyConfig, { type: T }>): readonly PreviewRule[];
  /**
   * The metric the policy acts on, as the dashboard draws it against the policy's target: the
   * same queries the policy's Terraform uses, or for a predefined metric the AWS metric it averages.
   */
  dashboardMetric(context: { readonly min: number; readonly serverNamespace: string }, policy: Extract<ScalingPolicyConfig, { type: T }>): DashboardMetric;
}

/** A policy's metric and its target (or alarm threshold), for the dashboard. */
export interface DashboardMetric {
  readonly queries: readonly MetricQuery[];
  readonly target: number;
}
