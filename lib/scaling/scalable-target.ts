import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { Construct } from "constructs";

export interface EcsScalableTargetProps {
  readonly clusterName: string;
  readonly serviceName: string;
  /** Fewest tasks autoscaling keeps. */
  readonly min: number;
  /** Most tasks autoscaling runs. */
  readonly max: number;
}

/** Registers an ECS service's desired count with Application Auto Scaling. */
export class EcsScalableTarget extends Construct {
  public readonly resource: AppautoscalingTarget;

  constructor(scope: Construct, id: string, props: EcsScalableTargetProps) {
    super(scope, id);
    this.resource = new AppautoscalingTarget(this, "target", {
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: `service/${props.clusterName}/${props.serviceName}`,
      minCapacity: props.min,
      maxCapacity: props.max,
    });
  }
}
