import { Construct } from "constructs";
import type { SharedLoadBalancer } from "../lb/load-balancer";
import { pathPatterns, ServiceRoute, ServiceRouteProps } from "../lb/service-route";
import { ServiceRuntime } from "./service-runtime";
import { extendSpec, ServiceSpec } from "./service-spec";

export interface WebServiceProps {
  /** The service in AWS terms; its load balancer registration is added here. */
  readonly spec: ServiceSpec;
  /** Its target group and listener rule (the listener is the shared load balancer's). */
  readonly route: Omit<ServiceRouteProps, "listenerArn">;
  readonly loadBalancer: SharedLoadBalancer;
  /** Seconds after a task starts during which failed load balancer health checks are ignored. */
  readonly healthCheckGracePeriodSeconds: number;
  /** The route as the config gave it, for the service's URL. @default any host, any path */
  readonly routing?: { readonly host?: string; readonly pathPrefix?: string };
}

/**
 * A model server behind the shared load balancer: its target group and listener rule,
 * the service runtime (roles, task definition, ECS service, autoscaling), and the
 * security group rules that let only the load balancer reach its port.
 */
export class WebService extends Construct {
  public readonly runtime: ServiceRuntime;
  public readonly route: ServiceRoute;
  /** The URL the service answers on. */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: WebServiceProps) {
    super(scope, id);
    const { spec, loadBalancer } = props;
    const port = props.route.service.port;

    this.route = new ServiceRoute(this, "route", { ...props.route, listenerArn: loadBalancer.listener.arn });
    this.runtime = new ServiceRuntime(this, "runtime", {
      spec: extendSpec(spec, {
        portMappings: [{ containerPort: port, name: "http", appProtocol: "http" }],
        loadBalancer: {
          targetGroupArn: this.route.targetGroup.arn,
          containerPort: port,
          healthCheckGracePeriodSeconds: props.healthCheckGracePeriodSeconds,
          ...(this.route.alternateTargetGroup
            ? {
                trafficShift: {
                  alternateTargetGroupArn: this.route.alternateTargetGroup.arn,
                  productionListenerRuleArn: this.route.rule.arn,
                  productionListenerRuleAddress: `${this.route.rule.terraformResourceType}.${this.route.rule.friendlyUniqueId}`,
                },
              }
            : {}),
        },
        placeholders: { loadBalancer: loadBalancer.loadBalancer.arnSuffix, targetGroup: this.route.targetGroup.arnSuffix },
        dependsOn: [this.route.rule],
      }),
    });
    if (!this.runtime.securityGroup) throw new Error(`web service ${spec.name} needs its own security group for the load balancer's ingress rule`);
    loadBalancer.allowTrafficTo(id, this.runtime.securityGroup.id, port);
    this.node.defaultChild = this.runtime.service;

    const { host, pathPrefix } = props.routing ?? {};
    const path = pathPrefix && pathPrefix !== "/" ? pathPatterns(pathPrefix)[0] : "/";
    const hostName = host && !host.startsWith("*.") ? host : loadBalancer.loadBalancer.dnsName;
    this.url = `${loadBalancer.scheme}://${hostName}${path}`;
  }

  /** The ECS service's name. */
  public get serviceName(): string {
    return this.runtime.serviceName;
  }

  /** The log group's name. */
  public get logGroupName(): string {
    return this.runtime.logGroupName;
  }
}
