import { gpuNames, NAME_SCOPES, type NameKind, names, RESERVED_NAME_PREFIXES, serviceAlarmName } from "../aws/names";
import { isAwsRegion, partitionOf } from "../aws/regions";
import { policyName } from "../scaling/policies/definition";
import type { AlarmKind } from "../observability/service-alarms";
import type { ParsedEnvironment, ParsedService } from "./schema";
import { deploymentStrategy } from "./validate-deployment";
import type { Finding } from "./validate";

/**
 * AWS names of an environment's resources (lib/aws/names.ts) checked as AWS checks them: no name
 * with a prefix AWS reserves, and no two resources of a kind with one name where AWS wants it
 * unique, in one environment or across environments. Two environments or services that would
 * name a resource alike are reported with both names: project a with environment b-c and project
 * a-b with environment c both call their cluster a-b-c.
 */

/** One AWS name an environment gives a resource, and who gives it. */
export interface AwsName {
  readonly kind: NameKind;
  readonly name: string;
  /** Where AWS wants the name unique, within the scope of {@link NAME_SCOPES}. */
  readonly namespace: string;
  /** The config field whose value makes the name (for the message's line). */
  readonly path: readonly PropertyKey[];
  /** What the resource is, for messages: `the dead-letter queue of service "a"`. */
  readonly owner: string;
  /** A name the stacks add on their own (the queue policy's scale-to-zero policies), not one the config lists. @default false */
  readonly internal?: boolean;
  /** The value at `path`, when it is a single one (the project). @default none */
  readonly value?: unknown;
}

/** What the names of an environment depend on: the same in a parsed and in a resolved config. */
export interface NamingInput {
  readonly project: string;
  readonly region: string;
  readonly network: ParsedEnvironment["network"];
  readonly services: Readonly<
    Record<
      string,
      {
        readonly kind: "web" | "worker";
        /** Parsed: `gpu` with a provisioning; resolved: `gpu` (an Auto Scaling group) or `managed-instances`. */
        readonly compute: { readonly type: string; readonly provisioning?: string };
        readonly scaling: { readonly min: number; readonly policies: readonly { readonly type: string; readonly name?: string }[] };
        /** @default no model cache */
        readonly modelCache?: { readonly ebs?: unknown };
        /** Whether the service has alarms (lib/observability/service-alarms.ts). @default no alarms */
        readonly alarms?: { readonly enabled: boolean };
        /** The deployment: parsed (the strategy may be left to its default) or resolved. @default rolling */
        readonly deployment?: { readonly strategy?: string };
      }
    >
  >;
  /** @default no dashboard */
  readonly observability?: { readonly dashboard: boolean };
  /** @default false */
  readonly production?: boolean;
  readonly loadBalancer?: {
    /** Parsed: a web ACL without an ARN is one the stack creates; resolved: kind managed. @default no web ACL */
    readonly webAcl?: { readonly arn?: string } | { readonly kind: string };
    /** Parsed (enabled left to its default: production, or a bucket named) or resolved. @default no access logs outside production */
    readonly accessLogs?: { readonly enabled?: boolean; readonly bucket?: string; readonly existingBucket?: string };
  };
}

/** How a service's GPU instances are provisioned, from a parsed or a resolved compute section; undefined on Fargate. */
function gpuProvisioning(compute: NamingInput["services"][string]["compute"]): "auto-scaling-group" | "managed-instances" | undefined {
  if (compute.type === "managed-instances") return "managed-instances";
  if (compute.type !== "gpu") return undefined;
  return compute.provisioning === "managed-instances" ? "managed-instances" : "auto-scaling-group";
}

/** The alarms lib/observability/service-alarms.ts gives a service of a kind, as named there (`<prefix>-<kind>`). */
export function serviceAlarmKinds(kind: "web" | "worker"): readonly AlarmKind[] {
  return kind === "web" ? ["latency", "errors", "unhealthy", "at-max"] : ["at-max", "dead-letters", "oldest-message"];
}

/** Every AWS name an environment gives its resources, with the namespace each must be unique in. */
export function environmentAwsNames(config: NamingInput, environment: string): AwsName[] {
  const naming = { project: config.project, environment };
  const partition = isAwsRegion(config.region) ? partitionOf(config.region) : "aws";
  const vpc = config.network.mode === "existing" ? config.network.vpcId : "the default VPC";
  const namespaceOf = (kind: NameKind, service?: string): string => {
    const scope = NAME_SCOPES[kind];
    if (scope === "account") return `${kind} in ${partition}`;
    if (scope === "region") return `${kind} in ${config.region}`;
    if (scope === "vpc") return `${kind} in ${vpc} of ${config.region}`;
    return `${kind} of ${environment}/${service}`;
  };
  const all: AwsName[] = [];
  const add = (kind: NameKind, name: string, owner: string, path: readonly PropertyKey[], service?: string, internal = false) =>
    all.push({ kind, name, namespace: namespaceOf(kind, service), path, owner, internal });

  const project = (kind: NameKind, name: string, owner: string) => all.push({ kind, name, namespace: namespaceOf(kind), path: ["project"], owner, value: config.project });
  project("ECS cluster", names.cluster(naming), "the ECS cluster");
  const services = Object.entries(config.services);
  if (services.some(([, service]) => service.kind === "web")) {
    project("load balancer", names.loadBalancer(naming), "the load balancer");
    project("security group", names.loadBalancerSecurityGroup(naming), "the load balancer's security group");
    const webAcl = config.loadBalancer?.webAcl;
    if (webAcl && ("kind" in webAcl ? webAcl.kind === "managed" : webAcl.arn === undefined)) project("WAF web ACL", names.webAcl(naming), "the load balancer's web ACL");
    // The access log bucket the stack creates (none with existingBucket): named in the config, or from the project, environment and account.
    const logs = config.loadBalancer?.accessLogs;
    const logsEnabled = logs?.enabled ?? (config.production === true || logs?.bucket !== undefined || logs?.existingBucket !== undefined);
    if (logsEnabled && logs?.existingBucket === undefined) {
      if (logs?.bucket !== undefined) {
        const at = ["loadBalancer", "accessLogs", "bucket"];
        all.push({ kind: "S3 bucket", name: logs.bucket, namespace: namespaceOf("S3 bucket"), path: at, owner: "the load balancer's access log bucket", value: logs.bucket });
      } else project("S3 bucket", names.loadBalancerLogBucket(naming, "<account id>"), "the load balancer's access log bucket");
    }
  }
  if (config.observability?.dashboard) project("CloudWatch dashboard", names.dashboard(naming), "the dashboard");
  if (services.some(([, service]) => service.alarms?.enabled)) project("SNS topic", names.alertTopic(naming), "the alert topic");
  for (const [name, service] of services) {
    const at = ["services", name];
    const of = (what: string) => `the ${what} of service "${name}"`;
    add("security group", names.serviceSecurityGroup(naming, name), of("security group"), at);
    add("IAM role", names.executionRole(naming, name), of("execution role"), at);
    add("IAM role", names.taskRole(naming, name), of("task role"), at);
    add("task definition family", names.taskFamily(naming, name), of("task definition family"), at);
    if (service.modelCache?.ebs) add("IAM role", names.volumeRole(naming, name), of("EBS volume role"), at);
    add("log group", names.logGroup(naming, name), of("log group"), at);
    if (service.kind === "web") add("target group", names.targetGroup(naming, name), of("target group"), at);
    // Blue/green, canary and linear deployments: a second target group and the role that moves traffic.
    if (service.kind === "web" && service.deployment && deploymentStrategy(service as unknown as ParsedService) !== "rolling") {
      add("target group", names.alternateTargetGroup(naming, name), of("second target group"), [...at, "deployment"]);
      add("IAM role", names.deploymentRole(naming, name), of("deployment role"), [...at, "deployment"]);
    }
    else {
      add("SQS queue", names.queue(naming, name), of("queue"), at);
      add("SQS queue", names.deadLetterQueue(naming, name), of("dead-letter queue"), at);
    }
    const provisioning = gpuProvisioning(service.compute);
    if (provisioning) {
      const capacity = gpuNames.capacity(naming, name);
      add("ECS capacity provider", capacity, of("capacity provider"), at);
      add("security group", gpuNames.hostSecurityGroup(naming, name), of("GPU hosts' security group"), at);
      if (provisioning === "managed-instances") {
        for (const role of [gpuNames.managedInstanceRole(naming, name), gpuNames.infrastructureRole(naming, name)]) add("IAM role", role, of("Managed Instances role"), at);
        add("instance profile", gpuNames.managedInstanceRole(naming, name), of("instance profile"), at);
      } else {
        add("launch template", capacity, of("launch template"), at);
        add("Auto Scaling group", capacity, of("Auto Scaling group"), at);
        add("IAM role", gpuNames.instanceRole(naming, name), of("instance role"), at);
        add("instance profile", gpuNames.instanceRole(naming, name), of("instance profile"), at);
      }
    }
    // Scaling policy names (unique per service) and the alarms step policies and the service's alarms create (unique in the Region).
    const prefix = names.scalingPrefix(naming, name);
    if (service.alarms?.enabled) {
      for (const kind of serviceAlarmKinds(service.kind)) add("CloudWatch alarm", serviceAlarmName(prefix, kind), `the ${kind} alarm of service "${name}"`, [...at, "alarms"]);
    }
    service.scaling.policies.forEach((policy, index) => {
      const policyAt = [...at, "scaling", "policies", index, policy.name ? "name" : "type"];
      const scalingName = `${prefix}-${policyName(policy)}`;
      add("scaling policy", scalingName, `policy ${policyName(policy)} of service "${name}"`, policyAt, name);
      if (policy.type === "step") add("CloudWatch alarm", scalingName, `the alarm of step policy ${policyName(policy)} of service "${name}"`, policyAt);
      if (policy.type === "queue" && service.scaling.min === 0) {
        for (const internal of ["scale-from-zero", "scale-to-zero"]) {
          add("scaling policy", `${prefix}-${internal}`, `the ${internal} policy of service "${name}"`, policyAt, name, true);
          add("CloudWatch alarm", `${prefix}-${internal}`, `the ${internal} alarm of service "${name}"`, policyAt);
        }
      }
    });
  }
  return all;
}

/** Names with a prefix AWS reserves for their kind. */
export function reservedPrefixFindings(awsNames: readonly AwsName[]): Finding[] {
  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const entry of awsNames) {
    const prefix = RESERVED_NAME_PREFIXES[entry.kind]?.find((p) => entry.name.startsWith(p));
    const key = `${entry.kind}:${entry.path.join(".")}`;
    if (!prefix || reported.has(key)) continue;
    reported.add(key);
    findings.push({
      path: entry.path,
      value: entry.value,
      message: `makes the ${entry.kind} name "${entry.name}" (${entry.owner}), which starts with "${prefix}"; AWS refuses ${entry.kind} names starting with ${RESERVED_NAME_PREFIXES[entry.kind]!.join(", ")}: rename the project or environment${entry.path[0] === "services" ? " or the service" : ""}`,
    });
  }
  return findings;
}

/** Two resources of one environment that would get one name where AWS wants it unique. */
export function nameCollisionFindings(awsNames: readonly AwsName[]): Finding[] {
  const findings: Finding[] = [];
  const first = new Map<string, AwsName>();
  const seen = new Set<string>();
  for (const entry of awsNames) {
    const key = `${entry.namespace}\u0000${entry.name}`;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, entry);
      continue;
    }
    // Two policies the config names alike are reported by the scaling checks (validate-scaling.ts).
    if (entry.kind === "scaling policy" && !entry.internal && !earlier.internal) continue;
    const reported = `${entry.path.join("\u0000")}\u0000${entry.name}`;
    if (seen.has(reported)) continue;
    seen.add(reported);
    findings.push({
      path: entry.path,
      value: entry.value,
      message: `makes the ${entry.kind} name "${entry.name}" for ${entry.owner}, which is also the name of ${earlier.owner}; AWS wants ${entry.kind} names unique (${NAME_SCOPES[entry.kind] === "scalable target" ? "per service" : `per ${NAME_SCOPES[entry.kind]}`}): rename one of them`,
    });
  }
  return findings;
}

/** One environment's names, for comparing environments: the config, its file, and how to find a field's line. */
export interface EnvironmentNames {
  readonly environment: string;
  readonly project: string;
  readonly file: string;
  /** The account the environment deploys to (its accountId). @default unknown: any account */
  readonly account?: string;
  readonly names: readonly AwsName[];
}

/** A collision of a name between two environments, reported on the later one, naming the earlier one. */
export interface CrossEnvironmentCollision {
  readonly environment: EnvironmentNames;
  readonly name: AwsName;
  readonly other: EnvironmentNames;
  readonly otherName: AwsName;
}

/**
 * Names two environments would both give in one account: environments that name different
 * accounts (accountId) never collide; one without accountId may deploy to any account, so it is
 * compared with all. Environments sharing a VPC share its security group names; all share the
 * Region's and the account's.
 */
export function crossEnvironmentCollisions(environments: readonly EnvironmentNames[]): CrossEnvironmentCollision[] {
  const collisions: CrossEnvironmentCollision[] = [];
  const seen = new Map<string, { environment: EnvironmentNames; name: AwsName }[]>();
  const sameAccount = (a: EnvironmentNames, b: EnvironmentNames) => a.account === undefined || b.account === undefined || a.account === b.account;
  for (const environment of environments) {
    const own = new Set<string>();
    for (const name of environment.names) {
      if (NAME_SCOPES[name.kind] === "scalable target") continue;
      const key = `${name.namespace}\u0000${name.name}`;
      if (own.has(key)) continue;
      own.add(key);
      const earlier = (seen.get(key) ?? []).find((e) => sameAccount(e.environment, environment));
      if (earlier) collisions.push({ environment, name, other: earlier.environment, otherName: earlier.name });
      seen.set(key, [...(seen.get(key) ?? []), { environment, name }]);
    }
  }
  return collisions;
}

/** The message of a collision between environments, for the later environment's field. */
export function crossEnvironmentMessage(collision: CrossEnvironmentCollision): string {
  const { name, other, otherName } = collision;
  const where = NAME_SCOPES[name.kind] === "account" ? "in one account" : NAME_SCOPES[name.kind] === "vpc" ? `in one VPC (${name.namespace.split(" in ")[1]})` : `in one account and Region (${name.namespace.split(" in ")[1]})`;
  const account = collision.environment.account ?? other.account;
  const known = collision.environment.account !== undefined && other.account !== undefined;
  const which = known ? ` (both deploy to account ${account})` : " (give each environment its accountId if they deploy to different accounts)";
  return `makes the ${name.kind} name "${name.name}" for ${name.owner}, which ${other.file} (project "${other.project}", environment "${other.environment}") also gives ${otherName.owner}; the two environments cannot both deploy ${where}${which}: rename a project, environment or service`;
}
