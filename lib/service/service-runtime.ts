import { EcsService, EcsServiceConfig } from "@cdktf/provider-aws/lib/ecs-service";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { Construct } from "constructs";
import { HclExpression } from "../hcl/hcl-expression";
import { dynamicBlock, hclOf, onlyWhen, optionalBlock } from "../hcl/plan-time";
import { ECS_DEPLOYMENT_STRATEGIES, ECS_LOAD_BALANCERS_INFRASTRUCTURE_POLICY } from "../aws/deployments";
import { ECS_VOLUMES_INFRASTRUCTURE_POLICY } from "../aws/storage";
import { ExecutionRole } from "../iam/execution-role";
import { assumeRolePolicy, partitionOf } from "../iam/policy-document";
import { type ConditionalTaskPolicy, TaskRole } from "../iam/task-role";
import type { PolicyStatement } from "../iam/policy-document";
import { ServiceLogGroup } from "../logs/log-group";
import { ServiceAutoscaling } from "../scaling/service-autoscaling";
import { WRITABLE_ROOT_METADATA } from "../security/rule-ids";
import { TaskDefinition } from "../task/task-definition";
import { SAFE_DEPLOYMENT_SETTINGS } from "./ecs-service";
import type { ServiceDeployment, ServiceSpec } from "./service-spec";

export interface ServiceRuntimeProps {
  /** The service in AWS terms (see {@link ServiceSpec}). */
  readonly spec: ServiceSpec;
}

/**
 * Everything one ECS service is made of, from its {@link ServiceSpec}: log group, execution and
 * task roles, the task definition (a read-only root with scratch volumes, the container health
 * check, GPUs where the compute has them), its own security group when asked, the ECS service
 * (capacity strategy and placement, safe deployments, `desired_count` left to autoscaling) and
 * its autoscaling. The one place an `aws_ecs_service` and its task definition are built, for the
 * environments and the Terraform module alike.
 */
export class ServiceRuntime extends Construct {
  public readonly service: EcsService;
  public readonly taskDefinition: TaskDefinition;
  public readonly logGroup: ServiceLogGroup;
  public readonly executionRole: ExecutionRole;
  public readonly taskRole: TaskRole;
  /** The role ECS uses to move traffic between target groups, for deployments other than rolling. */
  public readonly trafficRole?: IamRole;
  /** The role ECS uses for the service's managed EBS volumes, when it has an EBS model cache. */
  public readonly volumeRole?: IamRole;
  /** The service's own security group, when the spec asks for one. */
  public readonly securityGroup?: SecurityGroup;
  public readonly autoscaling: ServiceAutoscaling;
  /** Log groups the sidecars write embedded-metric-format events to. */
  public readonly emfLogGroups: ServiceLogGroup[] = [];

  constructor(scope: Construct, id: string, props: ServiceRuntimeProps) {
    super(scope, id);
    const { spec } = props;
    const { task, network } = spec;

    this.logGroup = new ServiceLogGroup(this, "logs", { name: spec.logs.groupName, retentionDays: spec.logs.retentionDays, kmsKeyArn: spec.logs.kmsKeyArn });
    const sidecars = task.sidecars ?? [];
    const emfStatements: PolicyStatement[] = [];
    const conditionalPolicies: ConditionalTaskPolicy[] = [];
    for (const sidecar of sidecars) {
      if (!sidecar.emfLogGroup) continue;
      const group = new ServiceLogGroup(this, `${sidecar.name}-logs`, {
        name: sidecar.emfLogGroup.name,
        retentionDays: sidecar.emfLogGroup.retentionDays,
        // Under the environment's log group prefix: the environment key's policy admits it.
        kmsKeyArn: spec.logs.kmsKeyArn,
      });
      this.emfLogGroups.push(group);
      // EMF publishes through CloudWatch Logs: the sidecar creates its stream and puts events in this group, nothing else.
      const statement: PolicyStatement = { Sid: "PublishEmbeddedMetrics", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [`${group.resource.arn}:*`] };
      if (!sidecar.when) {
        emfStatements.push(statement);
        continue;
      }
      onlyWhen(sidecar.when, group);
      conditionalPolicies.push({ name: sidecar.name, when: sidecar.when, statements: [statement] });
    }
    this.executionRole = new ExecutionRole(this, "execution-role", {
      name: spec.roles.executionRoleName,
      region: spec.region,
      partition: spec.partition,
      secretArns: spec.roles.secretArns,
    });
    this.taskRole = new TaskRole(this, "task-role", {
      name: spec.roles.taskRoleName,
      statements: [...(spec.roles.taskStatements ?? []), ...emfStatements],
      conditionalPolicies,
    });

    const placement = spec.compute(this);
    const cache = task.modelCache;
    const cacheVolume = cache && MODEL_CACHE_VOLUME;
    /** The infrastructure roles' policy attachments: the service waits for them (IAM takes a moment to apply a new attachment). */
    const infrastructurePolicies: IamRolePolicyAttachment[] = [];
    /** A role ECS assumes for the service (`<id>`), with an AWS managed policy attached (`<id>-policy`). */
    const infrastructureRole = (id: string, name: string, description: string, managedPolicy: string): IamRole => {
      const role = new IamRole(this, id, { name, description, assumeRolePolicy: assumeRolePolicy("ecs.amazonaws.com") });
      infrastructurePolicies.push(
        new IamRolePolicyAttachment(this, `${id}-policy`, { role: role.name, policyArn: `arn:${spec.partition ?? partitionOf(spec.region)}:iam::aws:policy/${managedPolicy}` }),
      );
      return role;
    };
    if (cache?.volume.kind === "ebs") {
      this.volumeRole = infrastructureRole("volume-role", cache.volume.roleName, "ECS infrastructure role: creates and attaches the service's managed EBS volumes", ECS_VOLUMES_INFRASTRUCTURE_POLICY);
    }
    const { readOnlyRoot, writablePaths, writableRootReason } = task.filesystem;
    const scratch = scratchVolumes(writablePaths);
    const container = task.container;
    this.taskDefinition = new TaskDefinition(this, "task-definition", {
      family: task.family,
      cpu: task.cpu,
      memory: task.memory,
      requiresCompatibilities: placement.requiresCompatibilities,
      cpuArchitecture: placement.cpuArchitecture,
      executionRoleArn: this.executionRole.role.arn,
      taskRoleArn: this.taskRole.role.arn,
      gpus: placement.gpus,
      scratchVolumes: scratch.volumes,
      ephemeralStorageGiB: task.ephemeralStorageGiB,
      volumes: cache
        ? [cache.volume.kind === "ebs" ? { name: MODEL_CACHE_VOLUME, configureAtLaunch: true } : { name: MODEL_CACHE_VOLUME, efs: { fileSystemId: cache.volume.fileSystemId, accessPointId: cache.volume.accessPointId } }]
        : undefined,
      containers: [
        {
          name: spec.name,
          image: container.image,
          command: container.command,
          portMappings: container.portMappings,
          environment: container.environment,
          secrets: container.secrets,
          healthCheck: container.healthCheck,
          logs: { logGroup: this.logGroup.resource.name, region: spec.region, streamPrefix: spec.name },
          stopTimeoutSeconds: container.stopTimeoutSeconds,
          readonlyRootFilesystem: readOnlyRoot,
          mountPoints: cache && cacheVolume ? withCacheMount(scratch.mountPoints, { sourceVolume: cacheVolume, containerPath: cache.path }) : scratch.mountPoints,
          sharedMemoryMiB: container.sharedMemoryMiB,
        },
        ...sidecars.map((sidecar) => ({
          name: sidecar.name,
          image: sidecar.image,
          essential: false,
          cpu: sidecar.cpu,
          memory: sidecar.memory,
          environment: sidecar.environment,
          logs: { logGroup: this.logGroup.resource.name, region: spec.region, streamPrefix: sidecar.name },
          readonlyRootFilesystem: true,
          when: sidecar.when,
        })),
      ],
    });
    if (!readOnlyRoot && writableRootReason) this.taskDefinition.resource.node.addMetadata(WRITABLE_ROOT_METADATA, writableRootReason);

    const own = network.ownSecurityGroup;
    if (own) {
      this.securityGroup = new SecurityGroup(this, "security-group", {
        name: own.name,
        description: own.description,
        vpcId: own.vpcId,
        tags: { Name: own.name },
      });
      new VpcSecurityGroupEgressRule(this, "egress", {
        securityGroupId: this.securityGroup.id,
        description: "Image pulls, AWS APIs and model downloads",
        ipProtocol: "-1",
        cidrIpv4: "0.0.0.0/0",
      });
    }

    const lb = spec.loadBalancer;
    const deployment = spec.deployment;
    const shift = deployment && deployment.strategy !== "rolling" ? lb?.trafficShift : undefined;
    if (deployment && deployment.strategy !== "rolling" && !shift) throw new Error(`service ${spec.name}: a ${deployment.strategy} deployment needs a load balancer with a second target group`);
    if (shift && deployment) {
      this.trafficRole = infrastructureRole(
        "traffic-role",
        deployment.trafficRoleName,
        "ECS infrastructure role: moves the service's traffic between its target groups during deployments",
        ECS_LOAD_BALANCERS_INFRASTRUCTURE_POLICY,
      );
    }
    this.service = new EcsService(this, "service", {
      name: spec.name,
      cluster: spec.cluster.arn,
      taskDefinition: this.taskDefinition.resource.arn,
      desiredCount: spec.scaling.min,
      ...placement.serviceSettings,
      ...SAFE_DEPLOYMENT_SETTINGS,
      lifecycle: {
        ignoreChanges: [...SAFE_DEPLOYMENT_SETTINGS.lifecycle.ignoreChanges],
        ...(shift ? { precondition: [forwardsToBothGroups(shift.productionListenerRuleAddress)] } : {}),
      },
      ...(lb && !lb.when
        ? {
            healthCheckGracePeriodSeconds: lb.healthCheckGracePeriodSeconds,
            loadBalancer: [
              {
                targetGroupArn: lb.targetGroupArn,
                containerName: spec.name,
                containerPort: lb.containerPort,
                ...(shift && this.trafficRole
                  ? { advancedConfiguration: { alternateTargetGroupArn: shift.alternateTargetGroupArn, productionListenerRule: shift.productionListenerRuleArn, roleArn: this.trafficRole.arn } }
                  : {}),
              },
            ],
          }
        : {}),
      ...(lb?.when ? { healthCheckGracePeriodSeconds: HclExpression.of(`${lb.when.text} ? ${hclOf(this, lb.healthCheckGracePeriodSeconds)} : null`).asNumber() } : {}),
      networkConfiguration: {
        subnets: network.subnetIds,
        securityGroups: [...(this.securityGroup ? [this.securityGroup.id] : []), ...(network.securityGroupIds ?? [])],
        assignPublicIp: placement.assignPublicIp,
      },
      ...(cache?.volume.kind === "ebs" && this.volumeRole ? { volumeConfiguration: managedEbsVolume(cache.volume, this.volumeRole.arn) } : {}),
      ...(deployment ? deploymentSettings(deployment) : {}),
      dependsOn: [...(spec.dependsOn ?? []), ...(spec.cluster.capacityProviders ? [spec.cluster.capacityProviders] : []), ...infrastructurePolicies],
    });
    if (placement.strategyExpression) {
      this.service.addOverride("dynamic.capacity_provider_strategy", {
        for_each: placement.strategyExpression.asString(),
        content: {
          capacity_provider: "${capacity_provider_strategy.value.capacity_provider}",
          base: "${capacity_provider_strategy.value.base}",
          weight: "${capacity_provider_strategy.value.weight}",
        },
      });
    }
    if (placement.placementExpression) {
      this.service.addOverride(
        "dynamic.ordered_placement_strategy",
        dynamicBlock(placement.placementExpression, { type: "${ordered_placement_strategy.value.type}", field: "${ordered_placement_strategy.value.field}" }),
      );
    }
    if (lb?.when) {
      this.service.addOverride(
        "dynamic.load_balancer",
        optionalBlock(lb.when, { target_group_arn: lb.targetGroupArn, container_name: spec.name, container_port: lb.containerPort }),
      );
    }
    this.node.defaultChild = this.service;

    this.autoscaling = new ServiceAutoscaling(this, "autoscaling", {
      clusterName: spec.cluster.name,
      serviceName: this.service.name,
      min: spec.scaling.min,
      max: spec.scaling.max,
      namePrefix: spec.scaling.namePrefix,
      placeholders: spec.scaling.placeholders,
      addPolicies: spec.scaling.addPolicies,
      serverMetrics: spec.scaling.serverMetrics,
    });
  }

  /** The ECS service's name. */
  public get serviceName(): string {
    return this.service.name;
  }

  /** The log group's name. */
  public get logGroupName(): string {
    return this.logGroup.resource.name;
  }
}

/** One task-scoped volume per writable path, `scratch-<i>`, mounted at the path. */
function scratchVolumes(paths: readonly string[] | HclExpression): {
  volumes: readonly string[] | HclExpression;
  mountPoints: readonly { sourceVolume: string; containerPath: string }[] | HclExpression;
} {
  if (HclExpression.isHclExpression(paths)) {
    return {
      volumes: HclExpression.of(`[for i, path in ${paths.text} : "scratch-\${i}"]`),
      mountPoints: HclExpression.of(`[for i, path in ${paths.text} : { sourceVolume = "scratch-\${i}", containerPath = path, readOnly = false }]`),
    };
  }
  return {
    volumes: paths.map((_, i) => `scratch-${i}`),
    mountPoints: paths.map((path, i) => ({ sourceVolume: `scratch-${i}`, containerPath: path })),
  };
}

/** The task volume name of the model cache. */
export const MODEL_CACHE_VOLUME = "model-cache";

function withCacheMount(
  mounts: readonly { sourceVolume: string; containerPath: string }[] | HclExpression,
  cache: { sourceVolume: string; containerPath: string },
): readonly { sourceVolume: string; containerPath: string }[] | HclExpression {
  if (HclExpression.isHclExpression(mounts)) {
    return HclExpression.of(`concat(${mounts.text}, [{ sourceVolume = "${cache.sourceVolume}", containerPath = "${cache.containerPath}", readOnly = false }])`);
  }
  return [...mounts, cache];
}

/**
 * The ECS service's managed EBS volume for the model cache: encrypted gp3, created per task
 * (from the snapshot with the weights when given) and deleted with the task; tags follow the service.
 * Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ebs-volumes.html
 */
function managedEbsVolume(volume: Extract<NonNullable<ServiceSpec["task"]["modelCache"]>["volume"], { kind: "ebs" }>, roleArn: string) {
  return {
    name: MODEL_CACHE_VOLUME,
    managedEbsVolume: {
      roleArn,
      sizeInGb: volume.sizeGiB,
      volumeType: "gp3",
      encrypted: true,
      fileSystemType: "ext4",
      ...(volume.snapshotId ? { snapshotId: volume.snapshotId } : {}),
      ...(volume.iops !== undefined ? { iops: volume.iops } : {}),
      ...(volume.throughputMiBps !== undefined ? { throughput: volume.throughputMiBps } : {}),
      ...(volume.initializationRateMiBps !== undefined ? { volumeInitializationRate: volume.initializationRateMiBps } : {}),
      tagSpecifications: [{ resourceType: "volume", propagateTags: "SERVICE" }],
    },
  };
}

/**
 * The ECS service's deployment settings: the strategy with its bake times (ECS takes them as
 * strings), and the alarms that roll a deployment back. Rolling with no alarms adds nothing, so
 * such a service keeps ECS's defaults.
 * Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-alarm-failure.html
 */
function deploymentSettings(deployment: ServiceDeployment): Pick<EcsServiceConfig, "deploymentConfiguration" | "alarms"> {
  const alarms = deployment.alarmNames.length > 0 ? { alarms: { alarmNames: [...deployment.alarmNames], enable: true, rollback: true } } : {};
  if (deployment.strategy === "rolling") return alarms;
  return {
    ...alarms,
    deploymentConfiguration: {
      strategy: ECS_DEPLOYMENT_STRATEGIES[deployment.strategy],
      bakeTimeInMinutes: String(deployment.bakeMinutes),
      ...(deployment.canary
        ? { canaryConfiguration: { canaryPercent: deployment.canary.percent, canaryBakeTimeInMinutes: String(deployment.canary.stepMinutes) } }
        : {}),
      ...(deployment.linear
        ? { linearConfiguration: { stepPercent: deployment.linear.stepPercent, stepBakeTimeInMinutes: String(deployment.linear.stepMinutes) } }
        : {}),
    },
  };
}

/**
 * The plan-time check of a service that moves traffic between two target groups: its production
 * listener rule forwards to both. ECS owns the rule's weights, so Terraform ignores changes to the
 * rule's action; a rule created before the service moved from rolling to blue/green, canary or
 * linear (or back) keeps its old action, and ECS would fail on a target group no rule uses. The
 * plan stops with the command that recreates the rule once instead.
 */
function forwardsToBothGroups(ruleAddress: string): { condition: string; errorMessage: string } {
  return {
    condition: `\${length(flatten([for action in ${ruleAddress}.action : [for forward in action.forward : tolist(forward.target_group)]])) == 2}`,
    errorMessage: `The listener rule ${ruleAddress} does not forward to both of the service's target groups: it was created before the service's deployment strategy changed, and Terraform leaves its action to ECS. Recreate it once: terraform apply -replace=${ruleAddress}`,
  };
}
