import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { TerraformElement, TerraformIterator, TerraformLocal, TerraformOutput, TerraformResource, TerraformStack, Token } from "cdktf";
import { Construct, Node } from "constructs";
import { FARGATE_TASK_SIZES } from "../aws/fargate";
import type { PolicyType } from "../config/scaling-schema";
import { HclExpression } from "../hcl/hcl-expression";
import { hclString } from "../hcl/template";
import { ServiceRoute } from "../lb/service-route";
import type { PolicyContext, PolicyKind } from "../scaling/policy-kind";
import { POLICY_KINDS } from "../scaling/policies";
import { ServiceRuntime } from "../service/service-runtime";
import { MODULE_INPUTS, MODULE_POLICY_TYPES } from "./inputs";
import { ModuleInputs } from "./module-inputs";
import { tokensOf } from "./terraform-schema";

/** The AWS provider versions the module works with (the major version its resources were written for). */
export const AWS_PROVIDER_CONSTRAINT = ">= 6.0, < 7.0";
/** Terraform 1.3 brought optional object attributes with defaults, which the variables use. */
export const TERRAFORM_CONSTRAINT = ">= 1.3";

/**
 * One AI service as a reusable Terraform module: log group, execution and task roles,
 * task definition (Fargate, or EC2 with GPUs), target group and listener rule on an
 * existing listener, the ECS service, and its autoscaling with one policy per entry of
 * `var.policies`. Built from the same constructs as the environment stacks, fed with
 * Terraform variables instead of config values. No backend and no provider block: the
 * caller configures those; the module only constrains the AWS provider version.
 */
export class AiEcsServiceModule extends TerraformStack {
  public readonly inputs: ModuleInputs<typeof MODULE_INPUTS>;
  private readonly allocated = new Map<string, string>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.addOverride("terraform.required_version", TERRAFORM_CONSTRAINT);
    this.addOverride("terraform.required_providers", { aws: { source: "hashicorp/aws", version: AWS_PROVIDER_CONSTRAINT } });

    const inputs = (this.inputs = new ModuleInputs(this, "inputs", { inputs: MODULE_INPUTS }));
    // One resource per policy type (see addPolicies).
    inputs.variables.get("policies")!.addValidation({
      condition: "${length(distinct([for policy in var.policies : policy.type])) == length(var.policies)}",
      errorMessage: "policies may have at most one policy of each type.",
    });
    const input = inputs.value.bind(inputs);
    const name = input("name");
    const gpus = "var.gpu_count > 0";

    const partition = new DataAwsPartition(this, "partition");
    partition.overrideLogicalId("current");
    const region = new DataAwsRegion(this, "region");
    region.overrideLogicalId("current");
    const fargateMemory = new TerraformLocal(this, "fargate-memory-by-cpu", fargateMemoryByCpu());
    fargateMemory.overrideLogicalId("fargate_memory_by_cpu");

    const clusterName = HclExpression.of(`element(split("/", var.cluster_arn), 1)`).asString();
    const route = new ServiceRoute(this, "route", {
      targetGroupName: name,
      vpcId: input("vpc_id"),
      listenerArn: input("listener_arn"),
      service: {
        port: input("port"),
        healthCheck: input("health_check"),
        deregistrationDelaySeconds: input("deregistration_delay_seconds"),
      },
      priority: input("listener_rule_priority"),
      hosts: inputs.expression("host_headers"),
      paths: input("path_patterns"),
    });
    precondition(route.rule, "length(var.path_patterns) + length(var.host_headers) <= 5", "A listener rule matches at most 5 values: path_patterns and host_headers together.");

    let policyResources: TerraformResource[] = [];
    const runtime = new ServiceRuntime(this, "runtime", {
      spec: {
        name,
        region: region.region,
        partition: partition.partition,
        cluster: { arn: input("cluster_arn"), name: clusterName },
        logs: { groupName: `/ecs/${name}`, retentionDays: input("log_retention_days") },
        roles: { executionRoleName: `${name}-execution`, taskRoleName: `${name}-task`, secretArns: HclExpression.of("values(var.secrets)") },
        task: {
          family: name,
          cpu: input("cpu"),
          memory: input("memory"),
          container: {
            image: input("image"),
            command: inputs.expression("command"),
            environment: inputs.expression("environment"),
            secrets: inputs.expression("secrets"),
            stopTimeoutSeconds: input("stop_timeout_seconds"),
            portMappings: [{ containerPort: input("port"), name: "http", appProtocol: "http" }],
          },
          filesystem: { readOnlyRoot: false, writablePaths: [] },
        },
        compute: () => ({
          requiresCompatibilities: HclExpression.of(`${gpus} ? ["EC2"] : ["FARGATE"]`).asList(),
          cpuArchitecture: input("cpu_architecture"),
          gpus: inputs.expression("gpu_count"),
          serviceSettings: { platformVersion: HclExpression.of(`${gpus} ? null : "LATEST"`).asString() },
          strategyExpression: inputs.expression("capacity_provider_strategy"),
          assignPublicIp: input("assign_public_ip"),
        }),
        network: { subnetIds: input("subnet_ids"), securityGroupIds: input("security_group_ids") },
        loadBalancer: { targetGroupArn: route.targetGroup.arn, containerPort: input("port"), healthCheckGracePeriodSeconds: input("health_check_grace_period_seconds") },
        scaling: {
          min: input("min_capacity"),
          max: input("max_capacity"),
          namePrefix: name,
          placeholders: {
            cluster: clusterName,
            service: name,
            loadBalancer: HclExpression.of(`regex("listener/(app/[^/]+/[^/]+)/", var.listener_arn)[0]`).asString(),
            targetGroup: route.targetGroup.arnSuffix,
          },
          addPolicies: (context: PolicyContext) => {
            policyResources = this.addPolicies(context);
          },
        },
        dependsOn: [route.rule],
      },
    });
    const taskDefinition = runtime.taskDefinition;
    const service = runtime.service;
    const target = runtime.autoscaling.target;
    const logGroup = runtime.logGroup;
    const executionRole = runtime.executionRole;
    const taskRole = runtime.taskRole;
    precondition(
      taskDefinition.resource,
      `${gpus} || contains(lookup(local.fargate_memory_by_cpu, tostring(var.cpu), []), var.memory)`,
      "memory must be a Fargate memory size for the cpu: see local.fargate_memory_by_cpu (GPU tasks on EC2 may use any size).",
    );
    precondition(
      service,
      `!(${gpus}) || alltrue([for share in var.capacity_provider_strategy : !contains(["FARGATE", "FARGATE_SPOT"], share.capacity_provider)])`,
      "Tasks with GPUs need EC2 capacity: capacity_provider_strategy must name the cluster's GPU capacity provider, not FARGATE or FARGATE_SPOT.",
    );
    precondition(service, `!(${gpus} && var.assign_public_ip)`, "Tasks with GPUs run on EC2, where tasks cannot have public IPs: set assign_public_ip to false.");
    precondition(target.resource, "var.min_capacity <= var.max_capacity", "min_capacity must not be greater than max_capacity.");

    const outputs: [string, string, string][] = [
      ["service_name", service.name, "Name of the ECS service."],
      ["service_arn", service.arn, "ARN of the ECS service."],
      ["task_definition_arn", taskDefinition.resource.arn, "ARN of the task definition revision."],
      ["target_group_arn", route.targetGroup.arn, "ARN of the target group."],
      ["target_group_arn_suffix", route.targetGroup.arnSuffix, "ARN suffix of the target group (for CloudWatch metrics)."],
      ["listener_rule_arn", route.rule.arn, "ARN of the listener rule."],
      ["log_group_name", logGroup.resource.name, "CloudWatch log group of the containers."],
      ["execution_role_arn", executionRole.role.arn, "ARN of the task execution role (image pull, logs, secrets)."],
      ["task_role_arn", taskRole.role.arn, "ARN of the task role: what the container's code may call."],
      ["task_role_name", taskRole.role.name, "Name of the task role, to attach policies to."],
      ["autoscaling_resource_id", target.resource.resourceId, "Application Auto Scaling resource id of the service."],
      [
        "scaling_policy_arns",
        HclExpression.of(`merge(${policyResources.map((r) => `{ for type, policy in ${r.terraformResourceType}.${r.friendlyUniqueId} : type => policy.arn }`).join(", ")})`).asString(),
        "ARNs of the scaling policies, by type.",
      ],
    ];
    for (const [outputName, value, description] of outputs) {
      new TerraformOutput(this, outputName, { value, description }).overrideLogicalId(outputName);
    }
  }

  /**
   * Readable, stable names instead of cdktf's hashed ones: the words of the construct path
   * below the stack, each once (`task-definition/task` → `task_definition`,
   * `policy/cpu/policy-cpu` → `policy_cpu`). Variables, outputs, locals and data sources
   * set theirs explicitly.
   */
  protected allocateLogicalId(element: TerraformElement | Node): string {
    const node = element instanceof Node ? element : element.node;
    const words: string[] = [];
    for (const part of node.scopes.slice(this.node.scopes.length).map((scope) => scope.node.id).filter((id) => id !== "runtime")) {
      for (const word of part.split(/[-_]/)) if (!words.includes(word)) words.push(word);
    }
    const name = words.join("_");
    const address = `${TerraformResource.isTerraformResource(element) ? element.terraformResourceType : "element"}.${name}`;
    const path = node.path;
    if (this.allocated.has(address) && this.allocated.get(address) !== path) throw new Error(`${path} and ${this.allocated.get(address)} would both be ${address}`);
    this.allocated.set(address, path);
    return name;
  }

  /**
   * One resource per policy type, for_each over the entries of `var.policies` of that type,
   * each made by the kind's own code from the entry's fields. A kind added to
   * MODULE_POLICY_TYPES becomes a policy type of the module.
   */
  private addPolicies(context: PolicyContext): TerraformResource[] {
    const union = this.inputs.schemaOf("policies").items!;
    const scope = new Construct(context.scope, "policy");
    const resources: TerraformResource[] = [];
    for (const type of MODULE_POLICY_TYPES) {
      const option = union.oneOf!.find((o) => o.properties?.type?.const === type);
      if (!option) throw new Error(`policy type ${type} has no schema`);
      const kindScope = new Construct(scope, type);
      const entries = TerraformIterator.fromMap(Token.asAnyMap(`\${{ for policy in var.policies : policy.type => policy if policy.type == ${hclString(type)} }}`));
      (POLICY_KINDS[type] as PolicyKind<PolicyType>).synthesize({ ...context, scope: kindScope }, { ...tokensOf(option, "each.value"), name: type });
      for (const resource of kindScope.node.findAll().filter(TerraformResource.isTerraformResource)) {
        resource.forEach = entries;
        resources.push(resource);
      }
    }
    return resources;
  }
}

/** The valid Fargate memory sizes by CPU value, evenly spaced sizes as `range()` expressions. */
function fargateMemoryByCpu(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(FARGATE_TASK_SIZES).map(([cpu, sizes]) => {
      const step = sizes[1] - sizes[0];
      const even = sizes.length > 3 && sizes.every((size, i) => size === sizes[0] + i * step);
      return [cpu, even ? `\${range(${sizes[0]}, ${sizes[sizes.length - 1]} + 1, ${step})}` : [...sizes]];
    }),
  );
}

/** Adds a lifecycle precondition (Terraform >= 1.2) to a resource. */
function precondition(resource: TerraformResource, condition: string, errorMessage: string): void {
  const lifecycle = resource.lifecycle ?? {};
  resource.lifecycle = { ...lifecycle, precondition: [...(lifecycle.precondition ?? []), { condition: `\${${condition}}`, errorMessage }] };
}

