import { Construct } from "constructs";
import type { MetricPlaceholders } from "./metric";
import type { PolicyContext, ServerMetricsContext } from "./policy-kind";
import { EcsScalableTarget } from "./scalable-target";

export interface ServiceAutoscalingProps {
  readonly clusterName: string;
  readonly serviceName: string;
  /** Fewest tasks autoscaling keeps. */
  readonly min: number;
  /** Most tasks autoscaling runs. */
  readonly max: number;
  /** Prefix of policy, alarm and scheduled action names: `<project>-<environment>-<service>`. */
  readonly namePrefix: string;
  /** Values of the metric dimension placeholders. */
  readonly placeholders: MetricPlaceholders;
  /**
   * Adds the policies and scheduled actions to the target, each made by its kind's code
   * (`configuredScaling` for a config's scaling section; the module's own for its variables).
   */
  readonly addPolicies: (context: PolicyContext) => void;
  /** What the service's metrics sidecar publishes. @default none */
  readonly serverMetrics?: ServerMetricsContext;
}

/** The scalable target of an ECS service, with its policies and scheduled actions. */
export class ServiceAutoscaling extends Construct {
  public readonly target: EcsScalableTarget;

  constructor(scope: Construct, id: string, props: ServiceAutoscalingProps) {
    super(scope, id);
    this.target = new EcsScalableTarget(this, "target", {
      clusterName: props.clusterName,
      serviceName: props.serviceName,
      min: props.min,
      max: props.max,
    });
    this.node.defaultChild = this.target.resource;
    props.addPolicies({
      scope: this,
      target: this.target,
      namePrefix: props.namePrefix,
      placeholders: props.placeholders,
      min: props.min,
      serverMetrics: props.serverMetrics,
    });
  }
}
