import { Construct } from "constructs";
import { names } from "../aws/names";
import type { EnvironmentConfig, WebServiceConfig } from "../config/schema";
import type { Cluster } from "../cluster/cluster";
import type { SharedLoadBalancer } from "../lb/load-balancer";
import { pathPatterns, routeMatch, ServiceRoute } from "../lb/service-route";
import type { Network } from "../network/network";
import { ServiceRuntime } from "./service-runtime";

export interface WebServiceProps {
  /** Service name (the key under `services:`). */
  readonly name: string;
  readonly service: WebServiceConfig;
  readonly environment: EnvironmentConfig;
  readonly cluster: Cluster;
  readonly network: Network;
  readonly loadBalancer: SharedLoadBalancer;
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
    const { name, service, environment, loadBalancer } = props;
    const naming = { project: environment.project, environment: environment.environment };

    this.route = new ServiceRoute(this, "route", {
      targetGroupName: names.targetGroup(naming, name),
      vpcId: props.network.vpcId,
      listenerArn: loadBalancer.listener.arn,
      service,
      priority: service.routing.priority,
      ...routeMatch(service.routing),
    });
    this.runtime = new ServiceRuntime(this, "runtime", {
      name,
      service,
      environment,
      cluster: props.cluster,
      network: props.network,
      securityGroupDescription: `Service ${name}: container port from the load balancer only`,
      portMappings: [{ containerPort: service.port, name: "http", appProtocol: "http" }],
      loadBalancer: {
        targetGroupArn: this.route.targetGroup.arn,
        containerPort: service.port,
        healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds,
      },
      placeholders: { loadBalancer: loadBalancer.loadBalancer.arnSuffix, targetGroup: this.route.targetGroup.arnSuffix },
      dependsOn: [this.route.rule],
    });
    loadBalancer.allowTrafficTo(name, this.runtime.securityGroup.id, service.port);

    const { host, pathPrefix } = service.routing;
    const path = pathPrefix && pathPrefix !== "/" ? pathPatterns(pathPrefix)[0] : "/";
    const hostName = host && !host.startsWith("*.") ? host : loadBalancer.loadBalancer.dnsName;
    this.url = `${loadBalancer.scheme}://${hostName}${path}`;
  }
}
