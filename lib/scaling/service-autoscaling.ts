import { Construct } from "constructs";
import type { ScalingConfig, ScalingPolicyConfig } from "../config/schema";
import { cpuPolicy } from "./policies/cpu";
import { memoryPolicy } from "./policies/memory";
import { requestsPolicy } from "./policies/requests";
import type { PolicyKind } from "./policy-kind";
import { EcsScalableTarget } from "./scalable-target";

/** Every policy kind, by its config `type`. */
export const POLICY_KINDS: { readonly [T in ScalingPolicyConfig["type"]]: PolicyKind<T> } = {
  cpu: cpuPolicy,
  memory: memoryPolicy,
  requests: requestsPolicy,
};

export interface ServiceAutoscalingProps {
  readonly clusterName: string;
  readonly serviceName: string;
  /** The service's `scaling` section. */
  readonly scaling: ScalingConfig;
  /** `<load balancer arn_suffix>/<target group arn_suffix>`, for request-count policies. @default none */
  readonly requestCountResourceLabel?: string;
}

/** The scalable target of an ECS service and one policy per configured policy. */
export class ServiceAutoscaling extends Construct {
  public readonly target: EcsScalableTarget;

  constructor(scope: Construct, id: string, props: ServiceAutoscalingProps) {
    super(scope, id);
    this.target = new EcsScalableTarget(this, "target", {
      clusterName: props.clusterName,
      serviceName: props.serviceName,
      min: props.scaling.min,
      max: props.scaling.max,
    });
    const context = {
      scope: this,
      target: this.target,
      serviceName: props.serviceName,
      requestCountResourceLabel: props.requestCountResourceLabel,
    };
    for (const policy of props.scaling.policies) {
      (POLICY_KINDS[policy.type] as PolicyKind<typeof policy.type>).synthesize(context, policy);
    }
  }
}
