import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { Construct } from "constructs";
import { serviceCompute } from "../capacity/service-compute";
import { names } from "../config/names";
import type { EnvironmentConfig, WebServiceConfig } from "../config/schema";
import type { Cluster } from "../cluster/cluster";
import { ExecutionRole } from "../iam/execution-role";
import { TaskRole } from "../iam/task-role";
import type { SharedLoadBalancer } from "../lb/load-balancer";
import { pathPatterns, ServiceRoute } from "../lb/service-route";
import { ServiceLogGroup } from "../logs/log-group";
import type { Network } from "../network/network";
import { ServiceAutoscaling } from "../scaling/service-autoscaling";

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
 * A model server behind the shared load balancer: logs, execution and task roles, a task
 * definition on its compute (Fargate, or its own GPU capacity provider), target group and
 * listener rule, the ECS service, and its autoscaling.
 */
export class WebService extends Construct {
  public readonly service: EcsService;
  public readonly logGroup: ServiceLogGroup;
  public readonly route: ServiceRoute;
  /** The URL the service answers on. */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: WebServiceProps) {
    super(scope, id);
    const { name, service, environment, cluster, network, loadBalancer } = props;
    const naming = { project: environment.project, environment: environment.environment };

    this.logGroup = new ServiceLogGroup(this, "logs", {
      name: names.logGroup(naming, name),
      retentionDays: service.logRetentionDays ?? environment.logRetentionDays,
    });
    const executionRole = new ExecutionRole(this, "execution-role", {
      name: names.executionRole(naming, name),
      region: environment.region,
      secretArns: Object.values(service.secrets),
    });
    const taskRole = new TaskRole(this, "task-role", {
      name: names.taskRole(naming, name),
      statements: service.taskPolicy.map((s) => ({ Action: [...s.actions], Resource: [...s.resources] })),
    });
    const compute = serviceCompute(this, {
      name,
      service,
      naming,
      region: environment.region,
      cluster,
      network,
      family: names.taskFamily(naming, name),
      executionRoleArn: executionRole.role.arn,
      taskRoleArn: taskRole.role.arn,
      containers: [
        {
          name,
          image: service.image,
          command: service.command,
          portMappings: [{ containerPort: service.port, name: "http", appProtocol: "http" }],
          environment: service.environment,
          secrets: service.secrets,
          healthCheck: service.containerHealthCheck && {
            shellCommand: service.containerHealthCheck.command,
            intervalSeconds: service.containerHealthCheck.intervalSeconds,
            timeoutSeconds: service.containerHealthCheck.timeoutSeconds,
            retries: service.containerHealthCheck.retries,
            startPeriodSeconds: service.containerHealthCheck.startPeriodSeconds,
          },
          logs: { logGroup: this.logGroup.resource.name, region: environment.region, streamPrefix: name },
          stopTimeoutSeconds: service.stopTimeoutSeconds,
        },
      ],
    });

    const securityGroupName = names.serviceSecurityGroup(naming, name);
    const securityGroup = new SecurityGroup(this, "security-group", {
      name: securityGroupName,
      description: `Service ${name}: container port from the load balancer only`,
      vpcId: network.vpcId,
      tags: { Name: securityGroupName },
    });
    new VpcSecurityGroupEgressRule(this, "egress", {
      securityGroupId: securityGroup.id,
      description: "Image pulls, AWS APIs and model downloads",
      ipProtocol: "-1",
      cidrIpv4: "0.0.0.0/0",
    });
    loadBalancer.allowTrafficTo(name, securityGroup.id, service.port);

    this.route = new ServiceRoute(this, "route", {
      targetGroupName: names.targetGroup(naming, name),
      vpcId: network.vpcId,
      loadBalancer,
      service,
    });

    this.service = new EcsService(this, "service", {
      name: names.service(naming, name),
      cluster: cluster.cluster.arn,
      taskDefinition: compute.taskDefinition.arn,
      desiredCount: service.scaling.min,
      ...compute.serviceSettings,
      healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      loadBalancer: [{ targetGroupArn: this.route.targetGroup.arn, containerName: name, containerPort: service.port }],
      networkConfiguration: {
        subnets: network.taskSubnetIds,
        securityGroups: [securityGroup.id],
        assignPublicIp: compute.assignPublicIp,
      },
      propagateTags: "SERVICE",
      enableEcsManagedTags: true,
      lifecycle: { ignoreChanges: ["desired_count"] },
      dependsOn: [this.route.rule, cluster.capacityProviders],
    });

    new ServiceAutoscaling(this, "autoscaling", {
      clusterName: cluster.cluster.name,
      serviceName: this.service.name,
      scaling: service.scaling,
      requestCountResourceLabel: `${loadBalancer.loadBalancer.arnSuffix}/${this.route.targetGroup.arnSuffix}`,
    });

    const { host, pathPrefix } = service.routing;
    const path = pathPrefix && pathPrefix !== "/" ? pathPatterns(pathPrefix)[0] : "/";
    const hostName = host && !host.startsWith("*.") ? host : loadBalancer.loadBalancer.dnsName;
    this.url = `${loadBalancer.scheme}://${hostName}${path}`;
  }
}
