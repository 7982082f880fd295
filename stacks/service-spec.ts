import { names } from "../lib/aws/names";
import { serviceCompute } from "../lib/capacity/kinds";
import type { Cluster } from "../lib/cluster/cluster";
import type { EnvironmentConfig, ServiceConfig } from "../lib/config/schema";
import type { Network } from "../lib/network/network";
import { configuredScaling } from "../lib/scaling/configured-scaling";
import type { ServiceSpec } from "../lib/service/service-spec";

export interface ServiceSpecContext {
  readonly config: EnvironmentConfig;
  readonly cluster: Cluster;
  readonly network: Network;
}

/**
 * The adapter from a validated, resolved config to the {@link ServiceSpec} the constructs take:
 * AWS names from `lib/aws/names`, the container and filesystem, the compute kind's placement,
 * the network and the scaling policies. The service kinds (web, worker) add their load balancer
 * or queue to it.
 */
export function serviceSpec(context: ServiceSpecContext, name: string, service: ServiceConfig, securityGroupDescription: string): ServiceSpec {
  const { config, cluster, network } = context;
  const naming = { project: config.project, environment: config.environment };
  const health = service.containerHealthCheck;
  return {
    name: names.service(naming, name),
    region: config.region,
    cluster: { arn: cluster.cluster.arn, name: cluster.cluster.name, capacityProviders: cluster.capacityProviders },
    logs: { groupName: names.logGroup(naming, name), retentionDays: service.logRetentionDays },
    roles: {
      executionRoleName: names.executionRole(naming, name),
      taskRoleName: names.taskRole(naming, name),
      secretArns: Object.values(service.secrets),
      taskStatements: service.taskPolicy.map((s) => ({ Action: [...s.actions], Resource: [...s.resources] })),
    },
    task: {
      family: names.taskFamily(naming, name),
      cpu: service.cpu,
      memory: service.memory,
      container: {
        image: service.image,
        command: service.command,
        environment: service.environment,
        secrets: service.secrets,
        healthCheck: health && {
          shellCommand: health.command,
          intervalSeconds: health.intervalSeconds,
          timeoutSeconds: health.timeoutSeconds,
          retries: health.retries,
          startPeriodSeconds: health.startPeriodSeconds,
        },
        stopTimeoutSeconds: service.stopTimeoutSeconds,
      },
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
    scaling: {
      min: service.scaling.min,
      max: service.scaling.max,
      namePrefix: names.scalingPrefix(naming, name),
      placeholders: { cluster: names.cluster(naming), service: names.service(naming, name) },
      addPolicies: configuredScaling(service.scaling),
    },
  };
}
