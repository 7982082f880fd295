import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Construct } from "constructs";
import type { WebServiceConfig } from "../config/schema";
import type { SharedLoadBalancer } from "./load-balancer";

export interface ServiceRouteProps {
  /** Target group name (at most 32 characters; checked by the config schema). */
  readonly targetGroupName: string;
  readonly vpcId: string;
  readonly loadBalancer: SharedLoadBalancer;
  /** The service's config: port, health check, deregistration delay and routing. */
  readonly service: WebServiceConfig;
}

/** The path-pattern values of a path prefix: the prefix itself and everything below it. */
export function pathPatterns(prefix: string): string[] {
  if (prefix === "/") return ["/*"];
  const trimmed = prefix.replace(/\/+$/, "");
  return [trimmed, `${trimmed}/*`];
}

/** A service's target group (IP targets) and the listener rule that sends its requests there. */
export class ServiceRoute extends Construct {
  public readonly targetGroup: LbTargetGroup;
  public readonly rule: LbListenerRule;

  constructor(scope: Construct, id: string, props: ServiceRouteProps) {
    super(scope, id);
    const { service } = props;
    const check = service.healthCheck;
    this.targetGroup = new LbTargetGroup(this, "target-group", {
      name: props.targetGroupName,
      targetType: "ip",
      protocol: "HTTP",
      port: service.port,
      vpcId: props.vpcId,
      deregistrationDelay: String(service.deregistrationDelaySeconds),
      healthCheck: {
        enabled: true,
        path: check.path,
        matcher: check.matcher,
        protocol: "HTTP",
        port: "traffic-port",
        interval: check.intervalSeconds,
        timeout: check.timeoutSeconds,
        healthyThreshold: check.healthyThreshold,
        unhealthyThreshold: check.unhealthyThreshold,
      },
    });

    const { pathPrefix, host, priority } = service.routing;
    this.rule = new LbListenerRule(this, "rule", {
      listenerArn: props.loadBalancer.listener.arn,
      priority,
      action: [{ type: "forward", targetGroupArn: this.targetGroup.arn }],
      condition: [
        ...(host ? [{ hostHeader: { values: [host] } }] : []),
        ...(pathPrefix ? [{ pathPattern: { values: pathPatterns(pathPrefix) } }] : []),
      ],
    });
  }
}
