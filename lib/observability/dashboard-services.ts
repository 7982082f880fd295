import { gpuNames, names } from "../aws/names";
import type { EnvironmentConfig, ServiceConfig } from "../config/schema";
import { POLICY_KINDS } from "../scaling/policies";
import type { PolicyKind } from "../scaling/policy-kind";
import type { DashboardService } from "./dashboard-body";

/**
 * A service's row of the environment dashboard, from its resolved config: its names, each
 * scaling policy's metric and target (made by the policy's kind, so the dashboard draws what the
 * policy tracks), its queues, its server metrics and its GPU hosts' Auto Scaling group.
 * `web` holds the load balancer's and target group's ARN suffixes (Terraform tokens in a stack).
 */
export function dashboardService(
  config: EnvironmentConfig,
  name: string,
  service: ServiceConfig,
  web?: { readonly loadBalancer: string; readonly targetGroup: string; readonly alternateTargetGroup?: string },
): DashboardService {
  const naming = { project: config.project, environment: config.environment };
  const worker = service.kind === "worker";
  return {
    name,
    kind: service.kind,
    placeholders: {
      cluster: names.cluster(naming),
      service: names.service(naming, name),
      ...(web ? { loadBalancer: web.loadBalancer, targetGroup: web.targetGroup } : {}),
      queue: worker ? names.queue(naming, name) : undefined,
    },
    min: service.scaling.min,
    max: service.scaling.max,
    policies: service.scaling.policies.map((policy) => ({
      name: policy.name,
      ...(POLICY_KINDS[policy.type] as PolicyKind<typeof policy.type>).dashboardMetric({ min: service.scaling.min, serverNamespace: config.observability.namespace }, policy),
    })),
    deadLetterQueue: worker ? names.deadLetterQueue(naming, name) : undefined,
    server: service.metrics && { namespace: config.observability.namespace, meanings: service.metrics.meanings },
    gpuGroup: service.compute.type === "gpu" ? gpuNames.capacity(naming, name) : undefined,
    alternateTargetGroup: web?.alternateTargetGroup,
  };
}
