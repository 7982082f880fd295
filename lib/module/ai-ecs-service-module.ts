import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { TerraformElement, TerraformIterator, TerraformLocal, TerraformOutput, TerraformResource, TerraformStack, Token } from "cdktf";
import { Construct, Node } from "constructs";
import { AWS_NAMESPACE_PREFIX, METRICS } from "../aws/cloudwatch";
import { FARGATE_CPU_VALUES, FARGATE_TASK_SIZES } from "../aws/fargate";
import { IMAGE_DIGEST } from "../aws/formats";
import { TIME_ZONES } from "../aws/time-zones";
import { GPU_INSTANCE_TYPES, taskCpuAvailableUnits, taskMemoryAvailableMiB } from "../aws/gpu-instances";
import { GPU_TASK_PLACEMENT } from "../capacity/kinds/gpu/placement";
import { METRIC_PLACEHOLDERS } from "../config/metric-placeholders";
import { DEFAULT_LOG_RETENTION_DAYS, PRODUCTION_LOG_RETENTION_MIN_DAYS } from "../config/security-defaults";
import { HclExpression } from "../hcl/hcl-expression";
import { indexInstanceReferences } from "../hcl/instance-references";
import { conditionOf, hclOf, onlyWhen, when } from "../hcl/plan-time";
import { hclString } from "../hcl/template";
import { ServiceRoute } from "../lb/service-route";
import { WorkQueue } from "../queue/work-queue";
import type { PolicyContext, PolicyKind } from "../scaling/policy-kind";
import { POLICY_KINDS } from "../scaling/policies";
import type { PolicyType } from "../scaling/policies/definitions";
import { DEFAULT_MAX_CAPACITY_BUFFER_PERCENT } from "../scaling/policies/predictive/definition";
import { scheduledAction } from "../scaling/scheduled-action";
import { ServiceRuntime } from "../service/service-runtime";
import type { SidecarContainer } from "../service/service-spec";
import { SERVER_MINIMUM_SHARE } from "../config/validate-observability";
import { collectorConfig } from "../metrics/collector-config";
import { COLLECTOR_CONFIG_VARIABLE, COLLECTOR_CONTAINER_NAME, SERVER_MEANINGS } from "../metrics/server-presets";
import { hclSeriesSelection, seriesLocals } from "./collector-series";
import { MAX_POLICIES, MODULE_INPUTS, MODULE_POLICY_TYPES } from "./inputs";
import { ModuleInputs } from "./module-inputs";
import { identityExpression, MODULE_POLICY_RULES, statsOf } from "./policy-rules";
import { hclLiteral, JsonSchema, snakeCase, tokensOf } from "./terraform-schema";

/** The AWS provider versions the module works with (the major version its resources were written for). */
export const AWS_PROVIDER_CONSTRAINT = ">= 6.0, < 7.0";
/** Terraform 1.3 brought optional object attributes with defaults, which the variables use, and startswith. */
export const TERRAFORM_CONSTRAINT = ">= 1.3";

/** Terraform conditions on the module's variables that the kind of service decides. */
const WEB = 'var.kind == "web"';
const WORKER = 'var.kind == "worker"';
const GPUS = "var.gpu_count > 0";
/** The log retention, resolved as the config resolves an environment's (lib/config/resolve.ts): the production default is the production minimum. */
const LOG_RETENTION = `coalesce(var.log_retention_days, var.production ? ${PRODUCTION_LOG_RETENTION_MIN_DAYS} : ${DEFAULT_LOG_RETENTION_DAYS})`;
/** The service publishes no model-server metrics (no sidecar, no server policies). */
const NO_METRICS = "var.server_metrics == null";
/** The CloudWatch namespace of the server's metrics (null without them: then there is no server policy either). */
const SERVER_NAMESPACE = "${try(var.server_metrics.namespace, null)}";
/** The server policies by name (a policy's name is its type unless it sets one). */
const SERVER_POLICIES = '{ for policy in var.server_policies : coalesce(policy.name, "server") => policy }';

/**
 * The metric stats of the custom and step policies that do not say who publishes their metric
 * (`published_by`); a policy whose metric source is not all there has none (its own validation
 * reports it). Every other kind reads AWS's metrics, or the server's by a meaning the module checks.
 */
const UNCLAIMED_STATS = `flatten([for policy in var.policies : policy.published_by != null ? [] : try(policy.type == "custom" ? ${statsOf("policy")} : policy.type == "step" ? ${statsOf("policy.alarm")} : [], [])])`;

/**
 * Whether the metric `stat` (an HCL object with namespace and name) is one AWS or the module
 * publishes, by the config's rule (unpublishedMetricFindings in lib/config/validate-observability.ts):
 * a namespace AWS publishes (isAwsPublishedNamespace in lib/aws/cloudwatch.ts), or the server's namespace and the
 * CloudWatch name of a meaning the sidecar publishes. The module has no GPU hosts, so the GPU
 * host metrics the environments' GPU capacity publishes are not among them.
 */
function publishedMetric(stat: string): string {
  const names = "[for meaning in local.server_meanings : local.meaning_metrics[meaning].metric_name]";
  return `startswith(${stat}.namespace, ${hclString(AWS_NAMESPACE_PREFIX)}) || ${stat}.namespace == ${hclString(METRICS.containerInsights.namespace)} || (${stat}.namespace == try(var.server_metrics.namespace, null) && contains(${names}, ${stat}.name))`;
}
const AWS_NAMESPACES_IN_WORDS = `${AWS_NAMESPACE_PREFIX}* and ${METRICS.containerInsights.namespace}`;

/** Policy kinds that need the load balancer's metrics; `requests` policies and predictive ones on requests. */
const WEB_ONLY_TYPES: readonly PolicyType[] = ["requests", "latency"];

/**
 * One AI service as a reusable Terraform module: a model server behind an existing ALB
 * listener (its target group and listener rule) or a queue worker (its SQS queue and
 * dead-letter queue), on Fargate or on the cluster's GPU capacity, with log group, execution
 * and task roles, the task definition (read-only root filesystem with scratch volumes, the
 * container health check; with server_metrics the metrics collector sidecar, its EMF log group
 * and the task role's permission on it), the ECS service and its autoscaling: every scaling
 * policy kind of the project and scheduled actions. Built by the same constructs as the environment stacks
 * (ServiceRuntime, each policy kind's own code), fed with Terraform variables instead of
 * config values; what only Terraform knows (the kind, the policies) is decided at plan time.
 * No backend and no provider block: the caller configures those.
 */
export class AiEcsServiceModule extends TerraformStack {
  public readonly inputs: ModuleInputs<typeof MODULE_INPUTS>;
  private readonly allocated = new Map<string, string>();
  private readonly policyResources: TerraformResource[] = [];

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.addOverride("terraform.required_version", TERRAFORM_CONSTRAINT);
    this.addOverride("terraform.required_providers", { aws: { source: "hashicorp/aws", version: AWS_PROVIDER_CONSTRAINT } });

    const inputs = (this.inputs = new ModuleInputs(this, "inputs", { inputs: MODULE_INPUTS }));
    this.addPolicyValidations();
    const input = inputs.value.bind(inputs);
    const name = input("name");
    const isWeb = HclExpression.of(WEB);
    const isWorker = HclExpression.of(WORKER);

    const partition = new DataAwsPartition(this, "partition");
    partition.overrideLogicalId("current");
    const region = new DataAwsRegion(this, "region");
    region.overrideLogicalId("current");
    const local = (localName: string, value: unknown) => new TerraformLocal(this, localName, value).overrideLogicalId(localName);
    local("fargate_memory_by_cpu", fargateMemoryByCpu());
    local("gpu_instance_types", gpuInstanceTable());
    local("time_zones", [...TIME_ZONES]);
    for (const [localName, value] of Object.entries(seriesLocals())) local(localName, value);

    const clusterName = HclExpression.of(`element(split("/", var.cluster_arn), 1)`).asString();
    const route = when(
      isWeb,
      () =>
        new ServiceRoute(this, "route", {
          targetGroupName: name,
          vpcId: input("vpc_id"),
          listenerArn: input("listener_arn")!,
          service: {
            port: input("port"),
            healthCheck: input("health_check"),
            deregistrationDelaySeconds: input("deregistration_delay_seconds"),
          },
          priority: input("listener_rule_priority")!,
          hosts: inputs.expression("host_headers"),
          paths: input("path_patterns"),
        }),
    )!;
    precondition(route.rule, "var.listener_arn != null", "listener_arn is required for a web service (kind web): the listener its rule is added to.");
    precondition(route.rule, "var.listener_rule_priority != null", "listener_rule_priority is required for a web service (kind web).");
    precondition(route.rule, "length(var.path_patterns) + length(var.host_headers) <= 5", "A listener rule matches at most 5 values: path_patterns and host_headers together.");

    const queue = when(isWorker, () => new WorkQueue(this, "queue", { name, deadLetterName: `${name}-dlq`, config: input("queue"), encryption: { kmsKeyArn: input("kms_key_arn"), region: region.region } }))!;
    const queueUrl = hclOf(this, queue.queue.url);

    const runtime = new ServiceRuntime(this, "runtime", {
      spec: {
        name,
        region: region.region,
        partition: partition.partition,
        cluster: { arn: input("cluster_arn"), name: clusterName },
        logs: { groupName: `/ecs/${name}`, retentionDays: HclExpression.of(LOG_RETENTION).asNumber(), kmsKeyArn: input("kms_key_arn") },
        roles: {
          executionRoleName: `${name}-execution`,
          taskRoleName: `${name}-task`,
          secretArns: HclExpression.of("values(var.secrets)"),
          taskStatements: queue.consumerStatements(),
        },
        task: {
          family: name,
          cpu: input("cpu"),
          memory: input("memory"),
          container: {
            image: input("image"),
            command: inputs.expression("command"),
            environment: HclExpression.of(`merge(var.environment, { for variable in concat(${WORKER} ? [var.queue.url_variable] : []) : variable => ${queueUrl} })`),
            secrets: inputs.expression("secrets"),
            healthCheck: inputs.expression("container_health_check"),
            stopTimeoutSeconds: input("stop_timeout_seconds"),
            portMappings: HclExpression.of(`${WEB} ? [{ container_port = var.port, protocol = "tcp", name = "http", app_protocol = "http" }] : []`),
          },
          filesystem: { readOnlyRoot: true, writablePaths: inputs.expression("writable_paths") },
          sidecars: [this.metricsSidecar(name, region.region, clusterName)],
        },
        compute: () => ({
          requiresCompatibilities: HclExpression.of(`${GPUS} ? ["EC2"] : ["FARGATE"]`).asList(),
          cpuArchitecture: input("cpu_architecture"),
          gpus: inputs.expression("gpu_count"),
          serviceSettings: { platformVersion: HclExpression.of(`${GPUS} ? null : "LATEST"`).asString() },
          strategyExpression: inputs.expression("capacity_provider_strategy"),
          placementExpression: HclExpression.of(`${GPUS} ? ${hclLiteral(GPU_TASK_PLACEMENT)} : []`),
          assignPublicIp: input("assign_public_ip"),
        }),
        network: { subnetIds: input("subnet_ids"), securityGroupIds: input("security_group_ids") },
        loadBalancer: {
          targetGroupArn: route.targetGroup.arn,
          containerPort: input("port"),
          healthCheckGracePeriodSeconds: input("health_check_grace_period_seconds"),
          when: isWeb,
        },
        scaling: {
          min: input("min_capacity"),
          max: input("max_capacity"),
          namePrefix: name,
          placeholders: {
            cluster: clusterName,
            service: name,
            // Empty for a worker (whose policies may not use them): the listener's load balancer, the target group that exists only for web services.
            loadBalancer: HclExpression.of(`try(regex("listener/(app/[^/]+/[^/]+)/", var.listener_arn)[0], "")`).asString(),
            targetGroup: HclExpression.of(`join("", ${route.targetGroup.terraformResourceType}.${route.targetGroup.friendlyUniqueId}[*].arn_suffix)`).asString(),
            queue: name,
          },
          addPolicies: (context: PolicyContext) => this.addPolicies(context),
          // Any meaning: which ones the server publishes Terraform checks at plan (see scalingPreconditions).
          serverMetrics: { namespace: SERVER_NAMESPACE, meanings: SERVER_MEANINGS },
        },
        dependsOn: [route.rule],
      },
    });
    if (!runtime.taskRole.policy) throw new Error("the worker's queue statements make the task role's policy");
    onlyWhen(isWorker, runtime.taskRole.policy);

    const taskDefinition = runtime.taskDefinition.resource;
    const service = runtime.service;
    const target = runtime.autoscaling.target.resource;
    const smallest = (attribute: string) => `min([for type in var.gpu_instance_types : local.gpu_instance_types[type].${attribute}]...)`;
    const withGpuTypes = `${GPUS} && length(var.gpu_instance_types) > 0`;
    const preconditions: [TerraformResource, string, string][] = [
      [taskDefinition, `${GPUS} || contains([${FARGATE_CPU_VALUES.join(", ")}], var.cpu)`, `cpu must be a Fargate CPU size (${FARGATE_CPU_VALUES.join(", ")}) when gpu_count is 0; tasks with GPUs run on EC2 and may use other sizes.`],
      [
        taskDefinition,
        `${GPUS} || contains(lookup(local.fargate_memory_by_cpu, tostring(var.cpu), []), var.memory)`,
        "memory must be a Fargate memory size for the cpu: see local.fargate_memory_by_cpu (GPU tasks on EC2 may use other sizes).",
      ],
      [taskDefinition, `!(${GPUS}) || length(var.gpu_instance_types) > 0`, "gpu_instance_types must list the GPU instance types of the capacity provider when gpu_count is above 0, so the task is checked against them."],
      [taskDefinition, `${GPUS} || length(var.gpu_instance_types) == 0`, "gpu_instance_types applies only with gpu_count above 0 (Fargate has no GPUs)."],
      // Conditionals, not ||: Terraform evaluates both sides of ||, and min() of no types fails.
      [taskDefinition, `${withGpuTypes} ? var.gpu_count <= ${smallest("gpus")} : true`, "gpu_count is more than the GPUs of the smallest of gpu_instance_types; every listed type must hold a task."],
      [taskDefinition, `${withGpuTypes} ? var.cpu <= ${smallest("cpu_units")} : true`, "cpu is more than the CPU units (1024 per vCPU) of the smallest of gpu_instance_types; every listed type must hold a task."],
      [
        taskDefinition,
        `${withGpuTypes} ? var.memory <= ${smallest("memory_mib")} : true`,
        "memory is more than the smallest of gpu_instance_types offers tasks (see local.gpu_instance_types: installed memory less 5% for the kernel and driver and the ECS agent's reservation); every listed type must hold a task.",
      ],
      [taskDefinition, `!(${GPUS}) || var.cpu_architecture == "X86_64"`, "GPU instance types run x86_64 (the ECS GPU-optimized AMI has no arm64 build): use cpu_architecture X86_64 with gpu_count above 0."],
      // The security rules that look at what the caller chooses, checked when Terraform plans (the rules find these; see checkedAtPlan).
      [taskDefinition, `!var.production || can(regex(${hclString(IMAGE_DIGEST.source)}, var.image))`, "AIS-IMG-1: in production (var.production) the image must be pinned by digest: <repository>:<tag>@sha256:<digest>."],
      [runtime.logGroup.resource, `${LOG_RETENTION} > 0`, "AIS-LOG-1: log_retention_days must be a retention period; the log group must not keep logs forever."],
      [
        runtime.logGroup.resource,
        `!var.production || ${LOG_RETENTION} >= ${PRODUCTION_LOG_RETENTION_MIN_DAYS}`,
        `AIS-LOG-3: in production (var.production) log_retention_days must be at least ${PRODUCTION_LOG_RETENTION_MIN_DAYS}: service logs hold prompts and outputs, kept long enough to investigate an incident found months later.`,
      ],
      ...runtime.emfLogGroups.flatMap((group): [TerraformResource, string, string][] => [
        [group.resource, `${LOG_RETENTION} > 0`, "AIS-LOG-1: log_retention_days must be a retention period; the metrics log group must not keep logs forever."],
        [
          group.resource,
          `!var.production || ${LOG_RETENTION} >= ${PRODUCTION_LOG_RETENTION_MIN_DAYS}`,
          `AIS-LOG-3: in production (var.production) log_retention_days must be at least ${PRODUCTION_LOG_RETENTION_MIN_DAYS}, for the metrics log group as for the service's.`,
        ],
      ]),
      [
        taskDefinition,
        `!var.production || ${NO_METRICS} ? true : can(regex(${hclString(IMAGE_DIGEST.source)}, var.server_metrics.sidecar.image))`,
        "AIS-IMG-1: in production (var.production) the metrics sidecar's image (server_metrics.sidecar.image) must be pinned by digest: <repository>:<tag>@sha256:<digest>.",
      ],
      [
        taskDefinition,
        "length(distinct(values(local.server_series))) == length(local.server_series)",
        "server_metrics.series puts two meanings on one series (local.server_series: the preset's series overridden by server_metrics.series): the collector renames a series once, so one of the two meanings would never be published; give each meaning its own series.",
      ],
      [
        taskDefinition,
        `${NO_METRICS} || local.metrics_port != null`,
        "server_metrics.port is required: a worker has no service port, and server_metrics.server has no default port (prometheus).",
      ],
      [service, "!(var.production && var.assign_public_ip)", "AIS-NET-1: in production (var.production) tasks get no public IP: set assign_public_ip to false and use private subnets with a NAT gateway or VPC endpoints."],
      [taskDefinition, "length(setintersection(keys(var.secrets), keys(var.environment))) == 0", "A variable can come from only one of environment and secrets."],
      [
        taskDefinition,
        `!(${WORKER}) || !contains(concat(keys(var.environment), keys(var.secrets)), var.queue.url_variable)`,
        "queue.url_variable is also set in environment or secrets; the queue URL needs its own variable.",
      ],
      [
        service,
        `!(${GPUS}) || alltrue([for share in var.capacity_provider_strategy : !contains(["FARGATE", "FARGATE_SPOT"], share.capacity_provider)])`,
        "Tasks with GPUs need EC2 capacity: capacity_provider_strategy must name the cluster's GPU capacity provider, not FARGATE or FARGATE_SPOT.",
      ],
      [service, `!(${GPUS} && var.assign_public_ip)`, "Tasks with GPUs run on EC2, where tasks cannot have public IPs: set assign_public_ip to false."],
      ...this.scalingPreconditions(target),
    ];
    for (const [resource, condition, message] of preconditions) precondition(resource, condition, message);

    const outputs: [string, string, string][] = [
      ["service_name", service.name, "Name of the ECS service."],
      ["service_arn", service.arn, "ARN of the ECS service."],
      ["task_definition_arn", taskDefinition.arn, "ARN of the task definition revision."],
      ["target_group_arn", route.targetGroup.arn, "ARN of the target group (kind web; null for a worker)."],
      ["target_group_arn_suffix", route.targetGroup.arnSuffix, "ARN suffix of the target group, for CloudWatch metrics (kind web; null for a worker)."],
      ["listener_rule_arn", route.rule.arn, "ARN of the listener rule (kind web; null for a worker)."],
      ["queue_url", queue.queue.url, "URL of the SQS queue jobs are sent to (kind worker; null for a web service)."],
      ["queue_arn", queue.queue.arn, "ARN of the SQS queue, to grant producers sqs:SendMessage (kind worker; null for a web service)."],
      ["dead_letter_queue_url", queue.deadLetterQueue.url, "URL of the dead-letter queue (kind worker; null for a web service)."],
      ["log_group_name", runtime.logGroup.resource.name, "CloudWatch log group of the containers."],
      ["execution_role_arn", runtime.executionRole.role.arn, "ARN of the task execution role (image pull, logs, secrets)."],
      ["task_role_arn", runtime.taskRole.role.arn, "ARN of the task role: what the container's code may call."],
      ["task_role_name", runtime.taskRole.role.name, "Name of the task role, to attach policies to."],
      ["autoscaling_resource_id", target.resourceId, "Application Auto Scaling resource id of the service."],
      [
        "scaling_policy_arns",
        HclExpression.of(
          `{ for policy in concat(${this.policyResources
            .filter((r) => r instanceof AppautoscalingPolicy)
            .map((r) => `values(${r.terraformResourceType}.${r.friendlyUniqueId})`)
            .join(", ")}) : policy.name => policy.arn }`,
        ).asString(),
        "ARNs of the scaling policies (scale-to-zero's included), by policy name.",
      ],
    ];
    for (const [outputName, value, description] of outputs) {
      new TerraformOutput(this, outputName, { value, description }).overrideLogicalId(outputName);
    }
  }

  /**
   * The metrics collector sidecar when var.server_metrics is set: the environments' collector
   * configuration (lib/metrics/collector-config.ts) in local.collector_config, its series, port
   * and path decided by Terraform from the server's preset and server_metrics
   * (lib/module/collector-series.ts).
   */
  private metricsSidecar(name: string, region: string, clusterName: string): SidecarContainer {
    const logGroupName = `/ecs/${name}/metrics`;
    const settings = collectorConfig({
      // Without server_metrics (no sidecar) or without a port (a precondition stops the plan) the value is never used.
      port: "${coalesce(local.metrics_port, 0)}",
      path: '${coalesce(try(var.server_metrics.path, null), try(local.server_presets[var.server_metrics.server].path, null), "/metrics")}',
      series: hclSeriesSelection(),
      clusterName,
      serviceName: name,
      namespace: SERVER_NAMESPACE,
      logGroupName,
      region,
    });
    new TerraformLocal(this, "collector_config", settings).overrideLogicalId("collector_config");
    return {
      name: COLLECTOR_CONTAINER_NAME,
      image: "${var.server_metrics.sidecar.image}",
      cpu: Token.asNumber("${var.server_metrics.sidecar.cpu}"),
      memory: Token.asNumber("${var.server_metrics.sidecar.memory}"),
      environment: HclExpression.of(`{ ${COLLECTOR_CONFIG_VARIABLE} = jsonencode(local.collector_config) }`),
      emfLogGroup: { name: logGroupName, retentionDays: HclExpression.of(LOG_RETENTION).asNumber() },
      when: HclExpression.of("var.server_metrics != null"),
    };
  }

  /** The Terraform JSON, references to resources with count or for_each naming their instance. */
  public toTerraform(): any {
    return indexInstanceReferences(super.toTerraform());
  }

  /**
   * Readable, stable names instead of cdktf's hashed ones: the words of the construct path
   * below the stack, each once (`task-definition/task` → `task_definition`,
   * `policy/cpu/policy-cpu` → `policy_cpu`), leaving out words Terraform fills in
   * (`policy-${each.key}`). Variables, outputs, locals and data sources set theirs explicitly.
   */
  protected allocateLogicalId(element: TerraformElement | Node): string {
    const node = element instanceof Node ? element : element.node;
    const words: string[] = [];
    for (const part of node.scopes.slice(this.node.scopes.length).map((scope) => scope.node.id).filter((id) => id !== "runtime")) {
      for (const word of part.split(/[-_]/)) if (word && !word.includes("${") && !words.includes(word)) words.push(word);
    }
    const name = words.join("_");
    const address = `${TerraformResource.isTerraformResource(element) ? element.terraformResourceType : "element"}.${name}`;
    const path = node.path;
    if (this.allocated.has(address) && this.allocated.get(address) !== path) throw new Error(`${path} and ${this.allocated.get(address)} would both be ${address}`);
    this.allocated.set(address, path);
    return name;
  }

  /**
   * The policies and scheduled actions: for each policy kind, the kind's own code makes its
   * resources from one policy's fields (`each.value`), and every resource it makes gets
   * `for_each` over the policies of that kind, keyed by name; a resource the kind makes only
   * under a condition (scale to zero with min_capacity 0) gets the matching policies only when
   * the condition holds. Scheduled actions likewise, over `var.schedules`.
   */
  private addPolicies(context: PolicyContext): void {
    const policies = this.inputs.schemaOf("policies").items!.oneOf!;
    const scope = new Construct(context.scope, "policy");
    const kinds: [PolicyType, JsonSchema, string][] = [
      ...MODULE_POLICY_TYPES.map((type): [PolicyType, JsonSchema, string] => [
        type,
        policies.find((option) => option.properties?.type?.const === type)!,
        `{ for policy in var.policies : coalesce(policy.name, policy.type) => policy if policy.type == ${hclString(type)} }`,
      ]),
      ["predictive", { ...this.inputs.schemaOf("predictive_policy"), required: [] }, "var.predictive_policy == null ? {} : { (coalesce(var.predictive_policy.name, \"predictive\")) = var.predictive_policy }"],
      ["server", { ...this.inputs.schemaOf("server_policies").items!, required: [] }, SERVER_POLICIES],
    ];
    for (const [type, option, entries] of kinds) {
      if (!option) throw new Error(`policy type ${type} has no schema`);
      const kindScope = new Construct(scope, type);
      const policy = { ...tokensOf(option, "each.value"), type, name: "${each.key}" };
      // The defaults the config resolves from other fields (lib/config/resolve.ts), resolved by Terraform.
      if (type === "step") policy.alarm = { ...policy.alarm, datapointsToAlarm: Token.asNumber("${coalesce(each.value.alarm.datapoints_to_alarm, each.value.alarm.evaluation_periods)}") };
      if (type === "predictive") policy.maxCapacityBufferPercent = Token.asNumber(`\${coalesce(each.value.max_capacity_buffer_percent, ${DEFAULT_MAX_CAPACITY_BUFFER_PERCENT})}`);
      (POLICY_KINDS[type] as PolicyKind<PolicyType>).synthesize({ ...context, scope: kindScope }, policy);
      this.forEachEntry(kindScope, entries);
    }
    const schedules = new Construct(context.scope, "schedule");
    const action = scheduledAction({ ...context, scope: schedules }, { ...tokensOf(this.inputs.schemaOf("schedules").items!, "each.value"), name: "${each.key}" });
    precondition(action, "contains(local.time_zones, each.value.timezone)", 'schedules[*].timezone must be an IANA time zone such as "UTC" or "Europe/Berlin" (see local.time_zones).');
    this.forEachEntry(schedules, "{ for schedule in var.schedules : schedule.name => schedule }");
  }

  /** Gives every resource below `scope` `for_each` over `entries`, or the entries for which its condition holds. */
  private forEachEntry(scope: Construct, entries: string): void {
    for (const resource of scope.node.findAll().filter(TerraformResource.isTerraformResource)) {
      const condition = conditionOf(resource);
      resource.count = undefined;
      const filtered = condition ? `{ for key, entry in ${entries} : key => entry if ${condition.text} }` : entries;
      resource.forEach = TerraformIterator.fromMap(Token.asAnyMap(`\${${filtered}}`));
      this.policyResources.push(resource);
    }
  }

  /**
   * Rules on var.policies, var.predictive_policy, var.health_check and var.schedules that the
   * schema cannot say: unique names and metrics, each policy kind's rules over its fields
   * (policy-rules.ts), the health check's timing.
   */
  private addPolicyValidations(): void {
    const policies = this.inputs.variables.get("policies")!;
    const validate = (variable: typeof policies, condition: string, errorMessage: string) => variable.addValidation({ condition: `\${${condition}}`, errorMessage });
    const union = this.inputs.schemaOf("policies").items!.oneOf!;
    validate(
      policies,
      "length(distinct([for policy in var.policies : coalesce(policy.name, policy.type)])) == length(var.policies)",
      "policies must have unique names (a policy's name is its type unless it sets name): give one of two policies of a type a name.",
    );
    validate(
      policies,
      `length(distinct([for policy in var.policies : ${identityExpression("policy", MODULE_POLICY_TYPES)}])) == length(var.policies)`,
      "policies must not repeat a metric: two policies on the same metric (two of cpu, memory, requests, latency or queue, two custom ones on one metric, two step ones facing the same way on one metric) fight each other, keep one.",
    );
    for (const type of MODULE_POLICY_TYPES) {
      const required = (union.find((option) => option.properties?.type?.const === type)?.required ?? []).filter((field) => field !== "type");
      const missing = required.map((field) => `policy.${snakeCase(field)} == null`).join(" || ");
      for (const rule of MODULE_POLICY_RULES[type].rules?.("policy") ?? []) {
        validate(
          policies,
          `alltrue([for policy in var.policies : policy.type == ${hclString(type)} ? (${missing ? `${missing} ? true : ` : ""}${rule.condition}) : true])`,
          `policies of type ${JSON.stringify(type)}: ${rule.errorMessage}`,
        );
      }
    }
    const predictive = this.inputs.variables.get("predictive_policy")!;
    for (const rule of MODULE_POLICY_RULES.predictive.rules?.("var.predictive_policy") ?? []) {
      validate(predictive, `var.predictive_policy == null ? true : (${rule.condition})`, `predictive_policy: ${rule.errorMessage}`);
    }
    const server = this.inputs.variables.get("server_policies")!;
    validate(
      server,
      'length(distinct([for policy in var.server_policies : coalesce(policy.name, "server")])) == length(var.server_policies)',
      'server_policies must have unique names (a server policy\'s name is "server" unless it sets name): give one of two server policies a name.',
    );
    validate(
      server,
      `length(distinct([for policy in var.server_policies : ${MODULE_POLICY_RULES.server.identity!("policy")}])) == length(var.server_policies)`,
      "server_policies must not repeat a metric: two policies on the same metric fight each other, keep one.",
    );
    for (const rule of MODULE_POLICY_RULES.server.rules?.("policy") ?? []) {
      validate(server, `alltrue([for policy in var.server_policies : ${rule.condition}])`, `server_policies: ${rule.errorMessage}`);
    }
    validate(
      this.inputs.variables.get("server_metrics")!,
      'var.server_metrics == null ? true : var.server_metrics.server != "prometheus" || length(var.server_metrics.series) > 0',
      'server_metrics.series must name at least one series for server prometheus (e.g. series = { waiting = "my_queue_length" }); the other servers have presets.',
    );
    const healthCheck = this.inputs.variables.get("health_check")!;
    validate(
      healthCheck,
      "var.health_check.timeout_seconds < var.health_check.interval_seconds",
      "health_check.timeout_seconds must be smaller than health_check.interval_seconds: AWS rejects a target group health check whose timeout is not below its interval.",
    );
    const schedules = this.inputs.variables.get("schedules")!;
    validate(schedules, "length(distinct([for schedule in var.schedules : schedule.name])) == length(var.schedules)", "schedules must have unique names.");
    validate(schedules, "alltrue([for schedule in var.schedules : schedule.min != null || schedule.max != null])", "every schedule must set min, max or both: a scheduled action changes at least one.");
    validate(
      schedules,
      "alltrue([for schedule in var.schedules : schedule.min == null || schedule.max == null ? true : schedule.min <= schedule.max])",
      "a schedule's min must be at most its max.",
    );
  }

  /** Preconditions on the scalable target: rules between the scaling variables and the service's kind. */
  private scalingPreconditions(target: TerraformResource): [TerraformResource, string, string][] {
    const hasQueuePolicy = 'anytrue([for policy in var.policies : policy.type == "queue"])';
    const allPolicyNames = `concat([for policy in var.policies : coalesce(policy.name, policy.type)], keys(${SERVER_POLICIES}), var.predictive_policy == null ? [] : [coalesce(var.predictive_policy.name, "predictive")])`;
    const policyCount = "length(var.policies) + length(var.server_policies) + (var.predictive_policy == null ? 0 : 1)";
    // A policy whose metric source is not all there has none here (its own validation reports it).
    const dimensionValues = `flatten([for policy in var.policies : try(policy.type == "custom" ? [for stat in ${statsOf("policy")} : values(stat.dimensions)] : policy.type == "step" ? [for stat in ${statsOf("policy.alarm")} : values(stat.dimensions)] : [], [])])`;
    const usesPlaceholder = (placeholders: readonly string[]) =>
      `anytrue([for value in ${dimensionValues} : anytrue([for placeholder in ${hclLiteral(placeholders)} : replace(value, placeholder, "") != value])])`;
    const webPlaceholders = Object.keys(METRIC_PLACEHOLDERS).filter((p) => p === "{loadBalancer}" || p === "{targetGroup}");
    return [
      [target, "var.min_capacity <= var.max_capacity", "min_capacity must not be greater than max_capacity."],
      [
        target,
        `var.min_capacity > 0 || ${hasQueuePolicy}`,
        "min_capacity 0 needs a queue policy (kind worker): only the queue's backlog can bring a service back from zero tasks; with no task there is no CPU, memory or request metric to scale out on. Use 1 or more.",
      ],
      [
        target,
        `${policyCount} >= 1 && ${policyCount} <= ${MAX_POLICIES}`,
        `policies, server_policies and predictive_policy together must hold from 1 to ${MAX_POLICIES} policies.`,
      ],
      [
        target,
        `length(distinct(${allPolicyNames})) == length(${allPolicyNames})`,
        "a policy name is used twice across policies, server_policies and predictive_policy (a policy's name is its type unless it sets one); give one of them another name.",
      ],
      [
        target,
        `length(var.server_policies) == 0 || !(${NO_METRICS})`,
        'a server policy needs the service\'s metrics section, server_metrics (e.g. server_metrics = { server = "vllm" }): nothing publishes the server\'s metrics without it.',
      ],
      [
        target,
        `${NO_METRICS} ? true : alltrue([for policy in var.server_policies : contains(local.server_meanings, policy.metric)])`,
        "a server policy's metric is not published by the server (local.server_meanings: the meanings of its preset's series and of server_metrics.series); name its series in server_metrics.series or use one of those.",
      ],
      [
        target,
        `!var.production || alltrue([for stat in ${UNCLAIMED_STATS} : ${publishedMetric("stat")}])`,
        `in production (var.production) a custom or step policy reads a metric neither AWS nor this module publishes (published: the ${AWS_NAMESPACES_IN_WORDS} namespaces, and the server's metrics by meaning in server_metrics.namespace, see local.server_meanings); a policy on a metric that never arrives never scales: use server_policies with server_metrics, or set published_by to say who publishes it.`,
      ],
      [
        target,
        `${NO_METRICS} ? true : var.cpu - var.server_metrics.sidecar.cpu >= ${SERVER_MINIMUM_SHARE.cpu}`,
        `server_metrics.sidecar.cpu leaves the model server less than ${SERVER_MINIMUM_SHARE.cpu} of the task's CPU units; lower the sidecar's cpu or raise the task's.`,
      ],
      [
        target,
        `${NO_METRICS} ? true : var.memory - var.server_metrics.sidecar.memory >= ${SERVER_MINIMUM_SHARE.memory}`,
        `server_metrics.sidecar.memory leaves the model server less than ${SERVER_MINIMUM_SHARE.memory} of the task's MiB; lower the sidecar's memory or raise the task's.`,
      ],
      [
        target,
        `${WEB} || alltrue([for policy in var.policies : !contains(${hclLiteral(WEB_ONLY_TYPES)}, policy.type)])`,
        `${WEB_ONLY_TYPES.join(" and ")} policies need the load balancer; they are for web services only (kind web).`,
      ],
      [
        target,
        `${WEB} || var.predictive_policy == null ? true : var.predictive_policy.metric != "requests"`,
        "a predictive policy on requests needs the load balancer; it is for web services only (kind web).",
      ],
      [target, `${WORKER} || !${hasQueuePolicy}`, "a queue policy scales on the worker's SQS queue; it is for workers only (kind worker)."],
      [target, `${WEB} || !${usesPlaceholder(webPlaceholders)}`, `${webPlaceholders.join(" and ")} in a metric's dimensions exist only for web services (kind web).`],
      [target, `${WORKER} || !${usesPlaceholder(["{queue}"])}`, "{queue} in a metric's dimensions exists only for workers (kind worker)."],
      [
        target,
        "alltrue([for schedule in var.schedules : schedule.min == null || schedule.max != null ? true : schedule.min <= var.max_capacity])",
        "a schedule's min is greater than max_capacity; set max in that schedule too.",
      ],
      [
        target,
        `${hasQueuePolicy} || alltrue([for schedule in var.schedules : schedule.min != 0])`,
        "a schedule's min of 0 would leave the service at 0 tasks with no queue policy to bring it back; use 1 or more.",
      ],
      [
        target,
        `!(${WORKER}) || alltrue([for policy in var.policies : policy.type != "queue" || policy.seconds_per_message == null ? true : var.queue.visibility_timeout_seconds >= policy.seconds_per_message])`,
        "queue.visibility_timeout_seconds is less than the queue policy's seconds_per_message; a message would reappear and be processed twice while a task still works on it.",
      ],
    ];
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

/** What each GPU instance type offers one task (the config's GPU checks use the same numbers, lib/aws/gpu-instances.ts). */
function gpuInstanceTable(): Record<string, unknown> {
  return Object.fromEntries(
    Object.values(GPU_INSTANCE_TYPES).map((type) => [type.name, { gpus: type.gpus, cpu_units: taskCpuAvailableUnits(type), memory_mib: taskMemoryAvailableMiB(type) }]),
  );
}

/** Adds a lifecycle precondition (Terraform >= 1.2) to a resource. */
function precondition(resource: TerraformResource, condition: string, errorMessage: string): void {
  const lifecycle = resource.lifecycle ?? {};
  resource.lifecycle = { ...lifecycle, precondition: [...(lifecycle.precondition ?? []), { condition: `\${${condition}}`, errorMessage }] };
}
