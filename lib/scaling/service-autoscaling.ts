import { AppautoscalingScheduledAction } from "@cdktf/provider-aws/lib/appautoscaling-scheduled-action";
import { Construct } from "constructs";
import type { ScalingConfig } from "../config/scaling-schema";
import type { MetricPlaceholders } from "./metric";
import { POLICY_KINDS } from "./policies";
import type { PolicyContext, PolicyKind } from "./policy-kind";
import { EcsScalableTarget } from "./scalable-target";

export interface ServiceAutoscalingProps {
  readonly clusterName: string;
  readonly serviceName: string;
  /** Prefix of policy, alarm and scheduled action names: `<project>-<environment>-<service>`. */
  readonly namePrefix: string;
  /** The service's `scaling` section. */
  readonly scaling: ScalingConfig;
  /** Values of the metric dimension placeholders. */
  readonly placeholders: MetricPlaceholders;
}

/** The scalable target of an ECS service, one policy per configured policy, and its scheduled actions. */
export class ServiceAutoscaling extends Construct {
  public readonly target: EcsScalableTarget;

  constructor(scope: Construct, id: string, props: ServiceAutoscalingProps) {
    super(scope, id);
    const { scaling } = props;
    this.target = new EcsScalableTarget(this, "target", {
      clusterName: props.clusterName,
      serviceName: props.serviceName,
      min: scaling.min,
      max: scaling.max,
    });
    const context: PolicyContext = {
      scope: this,
      target: this.target,
      namePrefix: props.namePrefix,
      placeholders: props.placeholders,
      min: scaling.min,
    };
    for (const policy of scaling.policies) {
      (POLICY_KINDS[policy.type] as PolicyKind<typeof policy.type>).synthesize(context, policy);
    }
    const target = this.target.resource;
    for (const schedule of scaling.schedules) {
      new AppautoscalingScheduledAction(this, `schedule-${schedule.name}`, {
        name: `${props.namePrefix}-${schedule.name}`,
        serviceNamespace: target.serviceNamespace,
        scalableDimension: target.scalableDimension,
        resourceId: target.resourceId,
        schedule: schedule.schedule,
        timezone: schedule.timezone,
        scalableTargetAction: {
          ...(schedule.min !== undefined ? { minCapacity: String(schedule.min) } : {}),
          ...(schedule.max !== undefined ? { maxCapacity: String(schedule.max) } : {}),
        },
      });
    }
  }
}
