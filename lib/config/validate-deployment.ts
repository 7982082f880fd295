import { gpuCapacityPlan } from "../aws/gpu-instances";
import { IAM_ROLE_NAME_MAX, names, NamingContext, TARGET_GROUP_NAME_MAX } from "../aws/names";
import { computeTypeOf } from "../capacity/kinds/compute";
import type { ParsedService } from "./schema";
import type { Finding } from "./validate";

type At = (...path: PropertyKey[]) => PropertyKey[];
export type DeploymentStrategy = "rolling" | "blue-green" | "canary" | "linear";


/**
 * The scaling policies (by index) that read a metric of the service's target group: requests
 * (ALBRequestCountPerTarget), latency, predictive on requests, and any policy whose metric (a
 * custom metric, a step alarm) has a {targetGroup} dimension. Blue/green, canary and linear deployments move the service's traffic
 * to a second target group, so those policies would watch a target group without traffic
 * afterwards; AWS does not support ALBRequestCountPerTarget with blue/green deployments.
 * Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-autoscaling-targettracking.html
 */
export function targetGroupPolicies(service: ParsedService): number[] {
  return service.scaling.policies.flatMap((policy, index) => {
    const reads =
      policy.type === "requests" ||
      policy.type === "latency" ||
      (policy.type === "predictive" && policy.metric === "requests") ||
      // Custom metrics and step alarms may name the target group through the {targetGroup} placeholder.
      JSON.stringify(policy).includes("{targetGroup}");
    return reads ? [index] : [];
  });
}

/**
 * The strategy a service deploys with: the configured one, else blue/green for a GPU web
 * service (its tasks take minutes to become healthy, so a full new set is started and checked
 * before any traffic moves) unless a scaling policy reads its target group's metrics (see
 * {@link targetGroupPolicies}), and rolling for everything else.
 */
export function deploymentStrategy(service: ParsedService): DeploymentStrategy {
  if (service.deployment.strategy) return service.deployment.strategy;
  const gpuWeb = service.kind === "web" && computeTypeOf(service.compute) !== "fargate";
  return gpuWeb && targetGroupPolicies(service).length === 0 ? "blue-green" : "rolling";
}

/**
 * A deployment's settings against its service: strategies that move traffic between target
 * groups need the load balancer; each strategy's own settings only with it; names AWS limits;
 * GPU capacity for a second full set.
 */
export function deploymentFindings(service: ParsedService, name: string, naming: NamingContext, at: At): Finding[] {
  const findings: Finding[] = [];
  const deployment = service.deployment;
  const strategy = deploymentStrategy(service);
  const path = (...rest: PropertyKey[]) => at("deployment", ...rest);
  if (strategy !== "rolling" && service.kind !== "web") {
    findings.push({
      path: path("strategy"),
      value: strategy,
      message: `moves traffic between two target groups of a load balancer, which a ${service.kind} has none of; workers deploy rolling`,
    });
  }
  const only = (field: "canaryPercent" | "linearStepPercent" | "stepMinutes", strategies: readonly DeploymentStrategy[]) => {
    if (deployment[field] !== undefined && !strategies.includes(strategy)) {
      findings.push({ path: path(field), value: deployment[field], message: `applies to strategy ${strategies.join(" or ")} only (this service deploys ${strategy})` });
    }
  };
  only("canaryPercent", ["canary"]);
  only("linearStepPercent", ["linear"]);
  only("stepMinutes", ["canary", "linear"]);
  deployment.alarms.forEach((alarm, index) => {
    if (/[\u0000-\u001f]/.test(alarm)) findings.push({ path: path("alarms", index), value: alarm, message: "must not contain control characters (a CloudWatch alarm name)" });
    // ECS reports and may join deployment alarm names with ",": a name containing one would read as two.
    // Source: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceDeploymentAlarms.html
    if (alarm.includes(",")) findings.push({ path: path("alarms", index), value: alarm, message: 'must not contain "," (ECS separates deployment alarm names with ",")' });
  });
  if (strategy !== "rolling" && service.kind === "web") {
    for (const index of targetGroupPolicies(service)) {
      const policy = service.scaling.policies[index];
      findings.push({
        path: path("strategy"),
        value: strategy,
        message: `moves traffic to a second target group, but scaling.policies[${index}] (type ${policy.type}) scales on the first one's metrics, which see no traffic after the move (AWS does not support ALBRequestCountPerTarget with blue/green deployments): use strategy rolling, or scale on cpu, memory, server or custom metrics`,
      });
    }
    const green = names.alternateTargetGroup(naming, name);
    if (green.length > TARGET_GROUP_NAME_MAX) {
      findings.push({ path: path("strategy"), value: strategy, message: `needs a second target group, "${green}", ${green.length} characters long; AWS allows at most ${TARGET_GROUP_NAME_MAX}: shorten the service, project or environment name` });
    }
    const role = names.deploymentRole(naming, name);
    if (role.length > IAM_ROLE_NAME_MAX) {
      findings.push({ path: path("strategy"), value: strategy, message: `needs the IAM role "${role}" (it moves traffic), ${role.length} characters long; AWS allows at most ${IAM_ROLE_NAME_MAX}: shorten the service, project or environment name` });
    }
    const compute = service.compute;
    if (compute.type === "gpu" && compute.provisioning !== "managed-instances" && compute.maxInstances !== undefined) {
      const plan = gpuCapacityPlan(compute, service, 2 * service.scaling.max);
      if (plan.tasksPerInstance > 0 && compute.maxInstances < plan.instancesForMax) {
        findings.push({
          path: at("compute", "maxInstances"),
          value: compute.maxInstances,
          message: `cannot hold a ${strategy} deployment at full scale: it starts a second set, 2 x scaling.max = ${2 * service.scaling.max} tasks, which needs ${plan.instancesForMax} ${plan.limitingType.name} instances; raise maxInstances or leave it out to derive it`,
        });
      }
    }
  }
  return findings;
}
