import type { Construct } from "constructs";
import type { ScalingPolicyConfig } from "../config/schema";
import type { EcsScalableTarget } from "./scalable-target";

/** What a policy needs from the service it scales. */
export interface PolicyContext {
  readonly scope: Construct;
  readonly target: EcsScalableTarget;
  /** Service name, used in policy names. */
  readonly serviceName: string;
  /** `<load balancer arn_suffix>/<target group arn_suffix>` for load-balanced services. @default none */
  readonly requestCountResourceLabel?: string;
}

/** One kind of scaling policy: how a config entry of its `type` becomes Terraform. */
export interface PolicyKind<T extends ScalingPolicyConfig["type"]> {
  readonly type: T;
  /** One-line description for docs and messages. */
  readonly description: string;
  synthesize(context: PolicyContext, policy: Extract<ScalingPolicyConfig, { type: T }>): void;
}
