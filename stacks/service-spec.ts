import { names } from "../lib/aws/names";
import { serviceCompute } from "../lib/capacity/kinds";
import type { Cluster } from "../lib/cluster/cluster";
import type { EnvironmentConfig, ModelCacheConfig, ServiceConfig } from "../lib/config/schema";
import { efsArnParts } from "../lib/aws/storage";
import type { PolicyStatement } from "../lib/iam/policy-document";
import type { Network } from "../lib/network/network";
import { configuredScaling } from "../lib/scaling/configured-scaling";
import type { ResolvedServerMetrics } from "../lib/config/resolve-observability";
import { collectorConfig } from "../lib/metrics/collector-config";
import { COLLECTOR_CONFIG_VARIABLE, COLLECTOR_CONTAINER_NAME } from "../lib/metrics/server-presets";
import type { ServiceModelCache, ServiceSpec, SidecarContainer } from "../lib/service/service-spec";
import { literalText } from "../lib/hcl/template";

export interface ServiceSpecContext {
  readonly config: EnvironmentConfig;
  readonly cluster: Cluster;
  readonly network: Network;
  /** The environment's customer-managed KMS key (log groups). */
  readonly kmsKeyArn: string;
}

/**
 * The adapter from a validated, resolved config to the {@link ServiceSpec} the constructs take:
 * AWS names from `lib/aws/names`, the container and filesystem, the compute kind's placement,
 * the network and the scaling policies. The service kinds (web, worker) add their load balancer
 * or queue to it.
 */
export function serviceSpec(context: ServiceSpecContext, name: string, service: ServiceConfig, securityGroupDescription: string): ServiceSpec {
  const { config, cluster, network, kmsKeyArn } = context;
  const naming = { project: config.project, environment: config.environment };
  const health = service.containerHealthCheck;
  return {
    name: names.service(naming, name),
    region: config.region,
    cluster: { arn: cluster.cluster.arn, name: cluster.cluster.name, capacityProviders: cluster.capacityProviders },
    logs: { groupName: names.logGroup(naming, name), retentionDays: service.logRetentionDays, kmsKeyArn },
    roles: {
      executionRoleName: names.executionRole(naming, name),
      taskRoleName: names.taskRole(naming, name),
      secretArns: Object.values(service.secrets),
      taskStatements: [
        // IAM policy variables such as ${aws:PrincipalTag/team} are IAM's, not Terraform's.
        ...service.taskPolicy.map((s) => ({ Action: s.actions.map(literalText), Resource: s.resources.map(literalText) })),
        ...(service.modelCache?.efs ? [efsClientStatement(service.modelCache.efs)] : []),
      ],
    },
    task: {
      sidecars: service.metrics ? [metricsSidecar(config, name, service.metrics, service.logRetentionDays)] : [],
      family: names.taskFamily(naming, name),
      cpu: service.cpu,
      memory: service.memory,
      container: {
        image: service.image,
        // The config's own text, passed on as written (a shell's ${PORT} is not Terraform's).
        command: service.command?.map(literalText),
        environment: Object.fromEntries(Object.entries(service.environment).map(([variable, value]) => [variable, literalText(value)])),
        secrets: service.secrets,
        healthCheck: health && {
          shellCommand: literalText(health.command),
          intervalSeconds: health.intervalSeconds,
          timeoutSeconds: health.timeoutSeconds,
          retries: health.retries,
          startPeriodSeconds: health.startPeriodSeconds,
        },
        stopTimeoutSeconds: service.stopTimeoutSeconds,
        sharedMemoryMiB: service.sharedMemoryMiB,
      },
      ephemeralStorageGiB: service.ephemeralStorageGiB,
      modelCache: service.modelCache && modelCache(service.modelCache, names.volumeRole(naming, name)),
      filesystem: {
        readOnlyRoot: service.filesystem.readOnlyRoot,
        writablePaths: service.filesystem.writablePaths,
        writableRootReason: service.filesystem.reason,
      },
    },
    compute: (scope) => serviceCompute(scope, { name, service, naming, region: config.region, cluster, network }, service.compute),
    network: {
      subnetIds: network.taskSubnetIds,
      ownSecurityGroup: { name: names.serviceSecurityGroup(naming, name), description: securityGroupDescription, vpcId: network.vpcId },
    },
    deployment: {
      strategy: service.deployment.strategy,
      bakeMinutes: service.deployment.bakeMinutes,
      canary: service.deployment.canary,
      linear: service.deployment.linear,
      alarmNames: service.deployment.alarms,
      trafficRoleName: names.deploymentRole(naming, name),
    },
    scaling: {
      min: service.scaling.min,
      max: service.scaling.max,
      namePrefix: names.scalingPrefix(naming, name),
      placeholders: { cluster: names.cluster(naming), service: names.service(naming, name) },
      addPolicies: configuredScaling(service.scaling),
      serverMetrics: service.metrics && { namespace: config.observability.namespace, meanings: service.metrics.meanings },
    },
  };
}

/** The spec's model cache from the config's: an EBS volume per task, or the EFS file system and access point. */
function modelCache(cache: ModelCacheConfig, roleName: string): ServiceModelCache {
  if (cache.ebs) return { path: cache.path, volume: { kind: "ebs", roleName, ...cache.ebs } };
  const efs = cache.efs!;
  return {
    path: cache.path,
    volume: { kind: "efs", fileSystemId: efsArnParts(efs.fileSystemArn).id, accessPointId: efs.accessPointArn && efsArnParts(efs.accessPointArn).id },
  };
}

/**
 * What the task role needs to mount (and write to) an EFS model cache with IAM authorization:
 * ClientMount and ClientWrite on the file system, through the access point when one is given.
 * Source: https://docs.aws.amazon.com/efs/latest/ug/iam-access-control-nfs-efs.html
 */
function efsClientStatement(efs: NonNullable<ModelCacheConfig["efs"]>): PolicyStatement {
  return {
    Sid: "MountModelCache",
    Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
    Resource: [efs.fileSystemArn],
    ...(efs.accessPointArn ? { Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": efs.accessPointArn } } } : {}),
  };
}

/** The collector sidecar of a service that declares its server's metrics: scrape, rename, publish as EMF. */
function metricsSidecar(config: EnvironmentConfig, name: string, metrics: ResolvedServerMetrics, retentionDays: number): SidecarContainer {
  const naming = { project: config.project, environment: config.environment };
  const logGroupName = names.metricsLogGroup(naming, name);
  const settings = collectorConfig({
    port: metrics.port,
    path: metrics.path,
    series: metrics.series,
    clusterName: names.cluster(naming),
    serviceName: names.service(naming, name),
    namespace: config.observability.namespace,
    logGroupName,
    region: config.region,
  });
  return {
    name: COLLECTOR_CONTAINER_NAME,
    image: metrics.sidecar.image,
    cpu: metrics.sidecar.cpu,
    memory: metrics.sidecar.memory,
    environment: { [COLLECTOR_CONFIG_VARIABLE]: JSON.stringify(settings) },
    emfLogGroup: { name: logGroupName, retentionDays },
  };
}
