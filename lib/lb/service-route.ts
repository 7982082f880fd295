import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Construct } from "constructs";
import type { RoutingConfig, WebServiceConfig } from "../config/schema";
import { HclExpression } from "../hcl/hcl-expression";

export interface ServiceRouteProps {
  /** Target group name (at most 32 characters; checked by the config schema). */
  readonly targetGroupName: string;
  /** VPC of the target group. */
  readonly vpcId: string;
  /** ARN of the listener the rule is added to. */
  readonly listenerArn: string;
  /** The service's port, target group health check and deregistration delay (numbers may be Terraform tokens). */
  readonly service: Pick<WebServiceConfig, "port" | "healthCheck" | "deregistrationDelaySeconds">;
  /** Listener rule priority (lower wins). */
  readonly priority: number;
  /**
   * Host names the rule matches; an expression is a list Terraform computes (no host
   * condition when it is empty).
   * @default any host
   */
  readonly hosts?: readonly string[] | HclExpression;
  /** Path patterns the rule matches. @default any path */
  readonly paths?: readonly string[];
  /**
   * Name of a second target group for deployments that move traffic (blue/green, canary,
   * linear): the rule then forwards to both, weighted, and ECS owns the weights.
   * @default none: one target group
   */
  readonly alternateTargetGroupName?: string;
}

/** The path-pattern values of a path prefix: the prefix itself and everything below it. */
export function pathPatterns(prefix: string): string[] {
  if (prefix === "/") return ["/*"];
  const trimmed = prefix.replace(/\/+$/, "");
  return [trimmed, `${trimmed}/*`];
}

/** The hosts and paths a config's routing section matches. */
export function routeMatch(routing: RoutingConfig): Pick<ServiceRouteProps, "hosts" | "paths"> {
  return {
    ...(routing.host ? { hosts: [routing.host] } : {}),
    ...(routing.pathPrefix ? { paths: pathPatterns(routing.pathPrefix) } : {}),
  };
}

/** A service's target group (IP targets) and the listener rule that sends its requests there. */
export class ServiceRoute extends Construct {
  public readonly targetGroup: LbTargetGroup;
  /** The second target group a deployment moves traffic to, when the route has one. */
  public readonly alternateTargetGroup?: LbTargetGroup;
  public readonly rule: LbListenerRule;

  constructor(scope: Construct, id: string, props: ServiceRouteProps) {
    super(scope, id);
    const { service, hosts, paths } = props;
    const check = service.healthCheck;
    const targetGroup = (groupId: string, name: string) =>
      new LbTargetGroup(this, groupId, {
        name,
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
    this.targetGroup = targetGroup("target-group", props.targetGroupName);
    if (props.alternateTargetGroupName) this.alternateTargetGroup = targetGroup("alternate-target-group", props.alternateTargetGroupName);

    const staticHosts = HclExpression.isHclExpression(hosts) ? undefined : hosts;
    this.rule = new LbListenerRule(this, "rule", {
      listenerArn: props.listenerArn,
      priority: props.priority,
      action: [
        this.alternateTargetGroup
          ? {
              type: "forward",
              forward: {
                targetGroup: [
                  { arn: this.targetGroup.arn, weight: 100 },
                  { arn: this.alternateTargetGroup.arn, weight: 0 },
                ],
              },
            }
          : { type: "forward", targetGroupArn: this.targetGroup.arn },
      ],
      // ECS moves the weights between the two target groups during deployments; Terraform must not move them back.
      ...(this.alternateTargetGroup ? { lifecycle: { ignoreChanges: ["action"] } } : {}),
      condition: [
        ...(staticHosts ? [{ hostHeader: { values: [...staticHosts] } }] : []),
        ...(paths ? [{ pathPattern: { values: [...paths] } }] : []),
      ],
    });
    if (HclExpression.isHclExpression(hosts)) {
      // A condition block only when there are hosts: a dynamic block over a zero- or one-element list.
      this.rule.addOverride("dynamic.condition", {
        for_each: HclExpression.of(`length(${hosts.text}) > 0 ? [${hosts.text}] : []`).asString(),
        content: { host_header: { values: "${condition.value}" } },
      });
    }
  }
}
