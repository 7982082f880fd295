import type { EcsServiceConfig } from "@cdktf/provider-aws/lib/ecs-service";
import type { ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import type { HclExpression } from "../hcl/hcl-expression";
import type { PolicyStatement } from "../iam/policy-document";
import type { MetricPlaceholders } from "../scaling/metric";
import type { ServiceAutoscalingProps } from "../scaling/service-autoscaling";
import type { ContainerHealthCheck, PortMapping } from "../task/container-definition";

/**
 * One ECS service in AWS terms: its container, task size and filesystem, where its tasks run,
 * its network, its load balancer registration and its scaling. The environments build it from
 * a config (`stacks/service-spec.ts`), the Terraform module from its variables; the lowest
 * constructs ({@link ServiceRuntime}) take only this. Values may be Terraform tokens, and the
 * fields whose shape Terraform only knows at plan time also take an {@link HclExpression}.
 */
export interface ServiceSpec {
  /** ECS service name; also the container name and the log stream prefix. */
  readonly name: string;
  /** Region of the service (log driver, managed policy partition). */
  readonly region: string;
  /** AWS partition of managed policy ARNs. @default the partition of `region` */
  readonly partition?: string;
  readonly cluster: ServiceCluster;
  readonly logs: ServiceLogs;
  readonly roles: ServiceRoles;
  readonly task: ServiceTask;
  /**
   * Where the tasks run: called with the service's construct as scope, so capacity a compute
   * kind creates (a GPU Auto Scaling group) belongs to the service.
   */
  readonly compute: (scope: Construct) => ServicePlacement;
  readonly network: ServiceNetwork;
  /** Registration with a load balancer target group. @default none: no load balancer */
  readonly loadBalancer?: ServiceLoadBalancer;
  readonly scaling: ServiceScaling;
  /** @default rolling, rollback on the circuit breaker only */
  readonly deployment?: ServiceDeployment;
  /** Resources the ECS service must be created after (its listener rule). @default none */
  readonly dependsOn?: ITerraformDependable[];
}

export interface ServiceCluster {
  readonly arn: string;
  readonly name: string;
  /** What services wait for so their capacity provider strategy is valid at create time. @default none */
  readonly capacityProviders?: ITerraformDependable;
}

export interface ServiceLogs {
  readonly groupName: string;
  /** Days CloudWatch keeps the logs. */
  readonly retentionDays: number;
  /** Customer-managed KMS key ARN of the log group. @default CloudWatch Logs' own encryption */
  readonly kmsKeyArn?: string;
}

export interface ServiceRoles {
  readonly executionRoleName: string;
  readonly taskRoleName: string;
  /**
   * Secret references the execution role may read (the container's secrets); an expression is
   * a list Terraform computes.
   */
  readonly secretArns: readonly string[] | HclExpression;
  /** What the container's code may call. @default none */
  readonly taskStatements?: readonly PolicyStatement[];
}

/** The task: its family, size, the model server container and its filesystem. */
export interface ServiceTask {
  readonly family: string;
  /** CPU units. */
  readonly cpu: number;
  /** MiB. */
  readonly memory: number;
  readonly container: ServiceContainer;
  readonly filesystem: ServiceFilesystem;
  /** Fargate task storage (GiB). @default Fargate's 20 GiB */
  readonly ephemeralStorageGiB?: number;
  /** A model cache volume mounted into the container. @default none */
  readonly modelCache?: ServiceModelCache;
  /**
   * Containers beside the model server (a metrics collector). Their CPU and memory come out of
   * the task's; they are not essential and run with a read-only root. @default none
   */
  readonly sidecars?: readonly SidecarContainer[];
}

/** A model cache: a managed EBS volume per task (optionally from a snapshot), or a shared EFS file system. */
export interface ServiceModelCache {
  /** Mount path in the container (writable with a read-only root). */
  readonly path: string;
  readonly volume:
    | {
        readonly kind: "ebs";
        /** The role ECS assumes to create and attach the volumes. */
        readonly roleName: string;
        readonly sizeGiB: number;
        /** @default an empty volume */
        readonly snapshotId?: string;
        /** @default gp3's baseline */
        readonly iops?: number;
        /** @default gp3's baseline */
        readonly throughputMiBps?: number;
        /** @default EBS lazy loading */
        readonly initializationRateMiBps?: number;
      }
    | { readonly kind: "efs"; readonly fileSystemId: string; readonly accessPointId?: string };
}

/** A non-essential container beside the model server, with its own share of the task. */
export interface SidecarContainer {
  /** Container name; also its log stream prefix. */
  readonly name: string;
  readonly image: string;
  /** CPU units reserved for it (taken from the task's). */
  readonly cpu: number;
  /** Its memory hard limit, MiB (taken from the task's). */
  readonly memory: number;
  /** Its variables; an expression is a map of strings Terraform computes. */
  readonly environment: Readonly<Record<string, string>> | HclExpression;
  /**
   * A log group it writes embedded-metric-format events to (CloudWatch extracts the metrics):
   * created with the service, and the task role may write to this group only. @default none
   */
  readonly emfLogGroup?: { readonly name: string; readonly retentionDays: number };
  /**
   * A condition Terraform decides at plan time (the module's optional sidecar): the container,
   * its log group and the task role's permission on it exist only when it holds. @default always
   */
  readonly when?: HclExpression;
}

export interface ServiceContainer {
  readonly image: string;
  /** @default the image's command */
  readonly command?: readonly string[] | HclExpression;
  readonly environment: Readonly<Record<string, string>> | HclExpression;
  readonly secrets: Readonly<Record<string, string>> | HclExpression;
  /** The container health check; an expression Terraform computes (see ContainerDefinition). @default none */
  readonly healthCheck?: ContainerHealthCheck | HclExpression;
  readonly stopTimeoutSeconds: number;
  /** The container's ports; an expression Terraform computes (see ContainerDefinition). @default none */
  readonly portMappings?: readonly PortMapping[] | HclExpression;
  /** Size of /dev/shm (MiB), EC2 only. @default Docker's 64 MiB */
  readonly sharedMemoryMiB?: number;
}

/** A read-only root filesystem with task-scoped scratch volumes at the writable paths. */
export interface ServiceFilesystem {
  readonly readOnlyRoot: boolean;
  /** Directories that stay writable (one scratch volume each). */
  readonly writablePaths: readonly string[] | HclExpression;
  /** Why the root must be writable, recorded for the security rules. @default none */
  readonly writableRootReason?: string;
}

/** What a compute kind decides for the task definition and the ECS service. */
export interface ServicePlacement {
  /** FARGATE, EC2 or MANAGED_INSTANCES; a list token may choose at plan time. */
  readonly requiresCompatibilities: string[];
  /** @default "X86_64" */
  readonly cpuArchitecture?: "X86_64" | "ARM64";
  /** GPUs of the model server container. @default none */
  readonly gpus?: number | HclExpression;
  /** Spread into the ECS service: capacity provider strategy, placement, platform version. */
  readonly serviceSettings: Pick<EcsServiceConfig, "capacityProviderStrategy" | "orderedPlacementStrategy" | "platformVersion">;
  /**
   * Task placement strategies Terraform computes (a list of objects with type and field),
   * written as a dynamic block. @default none
   */
  readonly placementExpression?: HclExpression;
  /**
   * A capacity provider strategy Terraform computes (a list of objects with capacity_provider,
   * base and weight), written as a dynamic block. @default none
   */
  readonly strategyExpression?: HclExpression;
  /** Whether task ENIs get public IPs (Fargate only). */
  readonly assignPublicIp: boolean;
}

export interface ServiceNetwork {
  readonly subnetIds: string[];
  /** Security groups of the tasks besides their own. @default none */
  readonly securityGroupIds?: string[];
  /** A security group the service gets for itself (egress to anywhere; ingress added by the caller). @default none */
  readonly ownSecurityGroup?: { readonly name: string; readonly description: string; readonly vpcId: string };
}

export interface ServiceLoadBalancer {
  readonly targetGroupArn: string;
  readonly containerPort: number;
  /** Seconds after a task starts during which failed load balancer health checks are ignored. */
  readonly healthCheckGracePeriodSeconds: number;
  /** Registered only when this holds at plan time (a module's choice of service kind). @default always */
  readonly when?: HclExpression;
  /**
   * What a deployment that moves traffic (blue/green, canary, linear) needs: the second target
   * group and the production listener rule ECS shifts between them. @default none (rolling only)
   */
  readonly trafficShift?: {
    readonly alternateTargetGroupArn: string;
    readonly productionListenerRuleArn: string;
    /** The production listener rule's Terraform address as text (`aws_lb_listener_rule.<id>`), for the plan-time check that it forwards to both target groups. */
    readonly productionListenerRuleAddress: string;
  };
}

/**
 * How new task definitions roll out (ECS-native deployments), with rollback on the circuit
 * breaker and on alarms.
 */
export interface ServiceDeployment {
  readonly strategy: "rolling" | "blue-green" | "canary" | "linear";
  /** Minutes the old set stays ready after all traffic moved. */
  readonly bakeMinutes: number;
  /** @default none */
  readonly canary?: { readonly percent: number; readonly stepMinutes: number };
  /** @default none */
  readonly linear?: { readonly stepPercent: number; readonly stepMinutes: number };
  /** CloudWatch alarms that roll a deployment back. */
  readonly alarmNames: readonly string[];
  /** The role ECS assumes to move traffic between target groups (strategies other than rolling). */
  readonly trafficRoleName: string;
}

/**
 * The service's autoscaling: what {@link ServiceAutoscaling} takes besides the cluster and service
 * names. `min` is also the desired count on the first apply; `placeholders` are the metric
 * dimension values the service knows itself (cluster, service), the kind adds the rest.
 */
export type ServiceScaling = Omit<ServiceAutoscalingProps, "clusterName" | "serviceName">;

/** What a service kind adds to a spec: its queue's variable and permissions, its load balancer, its metric names. */
export interface ServiceSpecAdditions {
  /** Variables added to the container's environment. @default none */
  readonly environment?: Readonly<Record<string, string>>;
  /** Statements put before the task role's own. @default none */
  readonly taskStatements?: readonly PolicyStatement[];
  /** @default none */
  readonly portMappings?: readonly PortMapping[];
  /** @default none */
  readonly loadBalancer?: ServiceLoadBalancer;
  /** Placeholders the kind knows (load balancer, target group, queue). @default none */
  readonly placeholders?: Partial<MetricPlaceholders>;
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/** A spec with a service kind's additions. */
export function extendSpec(spec: ServiceSpec, additions: ServiceSpecAdditions): ServiceSpec {
  const container = spec.task.container;
  const environment = container.environment;
  if (additions.environment && !isRecord(environment)) throw new Error(`service ${spec.name}: cannot add variables to an environment Terraform computes`);
  return {
    ...spec,
    task: {
      ...spec.task,
      container: {
        ...container,
        environment: additions.environment ? { ...(environment as Record<string, string>), ...additions.environment } : environment,
        portMappings: additions.portMappings ?? container.portMappings,
      },
    },
    roles: { ...spec.roles, taskStatements: [...(additions.taskStatements ?? []), ...(spec.roles.taskStatements ?? [])] },
    loadBalancer: additions.loadBalancer ?? spec.loadBalancer,
    scaling: { ...spec.scaling, placeholders: { ...spec.scaling.placeholders, ...additions.placeholders } },
    dependsOn: [...(spec.dependsOn ?? []), ...(additions.dependsOn ?? [])],
  };
}

function isRecord(value: unknown): value is Record<string, string> {
  return typeof value === "object" && value !== null && value.constructor === Object;
}
