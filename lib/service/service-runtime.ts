import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { serviceCompute } from "../capacity/kinds";
import { names } from "../aws/names";
import type { EnvironmentConfig, ServiceConfig } from "../config/schema";
import type { Cluster } from "../cluster/cluster";
import { ExecutionRole } from "../iam/execution-role";
import type { PolicyStatement } from "../iam/policy-document";
import { TaskRole } from "../iam/task-role";
import { ServiceLogGroup } from "../logs/log-group";
import type { Network } from "../network/network";
import type { MetricPlaceholders } from "../scaling/metric";
import { WRITABLE_ROOT_METADATA } from "../security/rule-ids";
import { ServiceAutoscaling } from "../scaling/service-autoscaling";
import { SAFE_DEPLOYMENT_SETTINGS } from "./ecs-service";
import type { PortMapping } from "../task/container-definition";

export interface ServiceRuntimeProps {
  /** Service name (the key under `services:`). */
  readonly name: string;
  readonly service: ServiceConfig;
  readonly environment: EnvironmentConfig;
  readonly cluster: Cluster;
  readonly network: Network;
  /** What the security group is for (its description). */
  readonly securityGroupDescription: string;
  /** @default none */
  readonly portMappings?: readonly PortMapping[];
  /** Variables the service kind adds (the queue URL of a worker). @default none */
  readonly extraEnvironment?: Readonly<Record<string, string>>;
  /** Permissions the service kind adds to the task role (consuming its queue). @default none */
  readonly extraTaskStatements?: readonly PolicyStatement[];
  /** Target group registration of a load-balanced service. @default none */
  readonly loadBalancer?: {
    readonly targetGroupArn: string;
    readonly containerPort: number;
    readonly healthCheckGracePeriodSeconds: number;
  };
  /** Metric placeholders the service kind knows (load balancer, target group, queue). @default none */
  readonly placeholders?: Partial<MetricPlaceholders>;
  /** Resources the ECS service must wait for (its listener rule). @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * What every kind of service has: log group, execution and task roles, a task definition on
 * its compute (Fargate, or its own GPU capacity provider: see `serviceCompute`), a security
 * group, the ECS service (capacity strategy and placement, safe deployments, `desired_count`
 * left to autoscaling), and its autoscaling.
 */
export class ServiceRuntime extends Construct {
  public readonly service: EcsService;
  public readonly logGroup: ServiceLogGroup;
  public readonly securityGroup: SecurityGroup;
  public readonly autoscaling: ServiceAutoscaling;

  constructor(scope: Construct, id: string, props: ServiceRuntimeProps) {
    super(scope, id);
    const { name, service, environment, cluster, network } = props;
    const naming = { project: environment.project, environment: environment.environment };

    this.logGroup = new ServiceLogGroup(this, "logs", {
      name: names.logGroup(naming, name),
      retentionDays: service.logRetentionDays,
    });
    const executionRole = new ExecutionRole(this, "execution-role", {
      name: names.executionRole(naming, name),
      region: environment.region,
      secretArns: Object.values(service.secrets),
    });
    const taskRole = new TaskRole(this, "task-role", {
      name: names.taskRole(naming, name),
      statements: [
        ...(props.extraTaskStatements ?? []),
        ...service.taskPolicy.map((s) => ({ Action: [...s.actions], Resource: [...s.resources] })),
      ],
    });
    const health = service.containerHealthCheck;
    const { readOnlyRoot, writablePaths, reason } = service.filesystem;
    const scratch = writablePaths.map((path, i) => ({ volume: `scratch-${i}`, path }));
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
      scratchVolumes: scratch.map((s) => s.volume),
      containers: [
        {
          name,
          image: service.image,
          command: service.command,
          portMappings: props.portMappings,
          environment: { ...service.environment, ...props.extraEnvironment },
          secrets: service.secrets,
          healthCheck: health && {
            shellCommand: health.command,
            intervalSeconds: health.intervalSeconds,
            timeoutSeconds: health.timeoutSeconds,
            retries: health.retries,
            startPeriodSeconds: health.startPeriodSeconds,
          },
          logs: { logGroup: this.logGroup.resource.name, region: environment.region, streamPrefix: name },
          stopTimeoutSeconds: service.stopTimeoutSeconds,
          readonlyRootFilesystem: readOnlyRoot,
          mountPoints: scratch.map((s) => ({ sourceVolume: s.volume, containerPath: s.path })),
        },
      ],
    }, service.compute);
    if (!readOnlyRoot && reason) compute.taskDefinition.node.addMetadata(WRITABLE_ROOT_METADATA, reason);

    const securityGroupName = names.serviceSecurityGroup(naming, name);
    this.securityGroup = new SecurityGroup(this, "security-group", {
      name: securityGroupName,
      description: props.securityGroupDescription,
      vpcId: network.vpcId,
      tags: { Name: securityGroupName },
    });
    new VpcSecurityGroupEgressRule(this, "egress", {
      securityGroupId: this.securityGroup.id,
      description: "Image pulls, AWS APIs and model downloads",
      ipProtocol: "-1",
      cidrIpv4: "0.0.0.0/0",
    });

    const lb = props.loadBalancer;
    this.service = new EcsService(this, "service", {
      name: names.service(naming, name),
      cluster: cluster.cluster.arn,
      taskDefinition: compute.taskDefinition.arn,
      desiredCount: service.scaling.min,
      ...compute.serviceSettings,
      ...SAFE_DEPLOYMENT_SETTINGS,
      lifecycle: { ignoreChanges: [...SAFE_DEPLOYMENT_SETTINGS.lifecycle.ignoreChanges] },
      ...(lb
        ? {
            healthCheckGracePeriodSeconds: lb.healthCheckGracePeriodSeconds,
            loadBalancer: [{ targetGroupArn: lb.targetGroupArn, containerName: name, containerPort: lb.containerPort }],
          }
        : {}),
      networkConfiguration: {
        subnets: network.taskSubnetIds,
        securityGroups: [this.securityGroup.id],
        assignPublicIp: compute.assignPublicIp,
      },
      dependsOn: [...(props.dependsOn ?? []), cluster.capacityProviders],
    });

    this.autoscaling = new ServiceAutoscaling(this, "autoscaling", {
      clusterName: cluster.cluster.name,
      serviceName: this.service.name,
      namePrefix: names.scalingPrefix(naming, name),
      scaling: service.scaling,
      placeholders: { cluster: names.cluster(naming), service: names.service(naming, name), ...props.placeholders },
    });
  }
}
