import { FARGATE_CPU_VALUES } from "../../lib/aws/fargate";
import { GPU_INSTANCE_TYPES, taskCpuAvailableUnits, taskMemoryAvailableMiB } from "../../lib/aws/gpu-instances";
import { GPU_TASK_PLACEMENT } from "../../lib/capacity/kinds/gpu/placement";
import { MODULE_INPUTS } from "../../lib/module/inputs";
import { synthesizeModule } from "../../lib/module/module-files";

/** The ai-ecs-service module as Terraform JSON: its shape, its variables' rules, and the service it builds. */

const json = synthesizeModule().toTerraform() as Record<string, any>;
const resource = (type: string, name: string) => {
  const found = json.resource[type]?.[name];
  if (!found) throw new Error(`no ${type}.${name}; have ${Object.keys(json.resource[type] ?? {}).join(", ")}`);
  return found;
};
const conditions = (body: any): string[] => (body.validation ?? body.lifecycle?.precondition ?? []).map((c: any) => c.condition);
const messages = (body: any): string[] => (body.validation ?? body.lifecycle?.precondition ?? []).map((c: any) => c.error_message);
const container = () => resource("aws_ecs_task_definition", "task_definition").container_definitions as string;

describe("module shape", () => {
  test("no backend and no provider block", () => {
    expect(json.terraform.backend).toBeUndefined();
    expect(json.provider).toBeUndefined();
  });

  test("the AWS provider is constrained to major version 6, not pinned", () => {
    expect(json.terraform.required_providers).toEqual({ aws: { source: "hashicorp/aws", version: ">= 6.0, < 7.0" } });
    expect(json.terraform.required_version).toBe(">= 1.3");
  });

  test("variables are the module inputs, by name, each with a description and a type", () => {
    expect(Object.keys(json.variable)).toEqual(Object.keys(MODULE_INPUTS));
    for (const [name, variable] of Object.entries<any>(json.variable)) {
      expect([name, typeof variable.description, typeof variable.type]).toEqual([name, "string", "string"]);
    }
  });

  test("required inputs have no default; inputs with a default are not nullable", () => {
    const required = Object.entries<any>(json.variable).filter(([, v]) => !("default" in v)).map(([name]) => name);
    expect(required).toEqual(["name", "image", "cpu", "memory", "cluster_arn", "kms_key_arn", "vpc_id", "subnet_ids", "security_group_ids", "min_capacity", "max_capacity", "policies"]);
    expect(json.variable.kind).toMatchObject({ default: "web", nullable: false });
    expect(json.variable.listener_arn).toEqual(expect.objectContaining({ default: null }));
    expect(json.variable.listener_arn).not.toHaveProperty("nullable");
  });

  test("resources, data sources, outputs and locals have readable names, not cdktf hashes", () => {
    const names = ["resource", "data", "output", "locals", "variable"].flatMap((section) =>
      section === "locals" || section === "output" || section === "variable"
        ? Object.keys(json[section] ?? {})
        : Object.values<Record<string, unknown>>(json[section] ?? {}).flatMap((byName) => Object.keys(byName)),
    );
    expect(names.filter((name) => /_[0-9A-F]{8}$|-|\$/.test(name))).toEqual([]);
  });

  test("outputs for what callers wire up next, web or worker", () => {
    expect(Object.keys(json.output)).toEqual([
      "service_name",
      "service_arn",
      "task_definition_arn",
      "target_group_arn",
      "target_group_arn_suffix",
      "listener_rule_arn",
      "queue_url",
      "queue_arn",
      "dead_letter_queue_url",
      "log_group_name",
      "execution_role_arn",
      "task_role_arn",
      "task_role_name",
      "autoscaling_resource_id",
      "scaling_policy_arns",
    ]);
    expect(json.output.task_role_name.value).toBe("${aws_iam_role.task_role.name}");
    expect(json.output.queue_url.value).toBe("${one(aws_sqs_queue.queue[*].url)}");
    expect(json.output.target_group_arn.value).toBe("${one(aws_lb_target_group.route_target_group[*].arn)}");
  });

  test("the scaling policies' ARNs come by name from every policy resource", () => {
    const policies = Object.keys(json.resource.aws_appautoscaling_policy);
    expect(policies.length).toBeGreaterThan(8);
    const value = json.output.scaling_policy_arns.value as string;
    for (const name of policies) expect([name, value.includes(`values(aws_appautoscaling_policy.${name})`)]).toEqual([name, true]);
    expect(value).toMatch(/: policy\.name => policy\.arn \}\}$/);
  });
});

test("variable descriptions are literal text: a ${ in one is written $${, which Terraform would otherwise read as an interpolation", () => {
  expect(json.variable.command.description).toBe("Overrides the image's command; passed on as written, a shell's $${VAR} included. Default: the image's own.");
  for (const [name, variable] of Object.entries(json.variable as Record<string, { description?: string }>)) expect([name, /(^|[^$])\$\{/.test(variable.description ?? "")]).toEqual([name, false]);
});

describe("validation", () => {
  test("every validation condition refers to its own variable only (Terraform < 1.9)", () => {
    for (const [name, variable] of Object.entries<any>(json.variable)) {
      for (const condition of conditions(variable)) {
        expect([name, [...new Set([...condition.matchAll(/var\.([a-z_]+)/g)].map((m) => m[1]))]]).toEqual([name, [name]]);
      }
    }
  });

  test("cpu and memory are whole numbers within what ECS takes on EC2; Fargate sizes are a precondition that GPU tasks skip", () => {
    expect(conditions(json.variable.cpu)).toEqual(["${floor(var.cpu) == var.cpu && var.cpu >= 128 && var.cpu <= 196608}"]);
    expect(conditions(json.variable.memory)[0]).toMatch(/^\$\{floor\(var\.memory\) == var\.memory && var\.memory >= 6 && var\.memory <= \d+\}$/);
    const task = conditions(resource("aws_ecs_task_definition", "task_definition"));
    expect(task).toContain(`\${var.gpu_count > 0 || contains([${FARGATE_CPU_VALUES.join(", ")}], var.cpu)}`);
    expect(task).toContain("${var.gpu_count > 0 || contains(lookup(local.fargate_memory_by_cpu, tostring(var.cpu), []), var.memory)}");
    expect(json.locals.fargate_memory_by_cpu["512"]).toBe("${range(1024, 4096 + 1, 1024)}");
  });

  test("the memory limit is what the largest GPU instance type offers a task", () => {
    const largest = Math.max(...Object.values(GPU_INSTANCE_TYPES).map(taskMemoryAvailableMiB));
    expect(conditions(json.variable.memory)).toEqual([`\${floor(var.memory) == var.memory && var.memory >= 6 && var.memory <= ${largest}}`]);
  });

  test("GPU tasks are checked against their instance types with the config's numbers", () => {
    expect(json.locals.gpu_instance_types["g5.xlarge"]).toEqual({
      gpus: 1,
      cpu_units: taskCpuAvailableUnits(GPU_INSTANCE_TYPES["g5.xlarge"]),
      memory_mib: taskMemoryAvailableMiB(GPU_INSTANCE_TYPES["g5.xlarge"]),
    });
    expect(Object.keys(json.locals.gpu_instance_types)).toEqual(Object.keys(GPU_INSTANCE_TYPES));
    const task = conditions(resource("aws_ecs_task_definition", "task_definition"));
    // A conditional, not ||: Terraform evaluates both sides of ||, and min() of no types fails.
    expect(task).toContain("${var.gpu_count > 0 && length(var.gpu_instance_types) > 0 ? var.cpu <= min([for type in var.gpu_instance_types : local.gpu_instance_types[type].cpu_units]...) : true}");
    expect(task).toContain("${var.gpu_count > 0 && length(var.gpu_instance_types) > 0 ? var.memory <= min([for type in var.gpu_instance_types : local.gpu_instance_types[type].memory_mib]...) : true}");
    expect(task).toContain("${!(var.gpu_count > 0) || length(var.gpu_instance_types) > 0}");
    expect(task).toContain('${!(var.gpu_count > 0) || var.cpu_architecture == "X86_64"}');
  });

  test("gpu_instance_types lists GPU instance types the config knows", () => {
    expect(conditions(json.variable.gpu_instance_types)).toEqual([`\${alltrue([for item in var.gpu_instance_types : contains([${Object.keys(GPU_INSTANCE_TYPES).map((t) => `"${t}"`).join(", ")}], item)])}`]);
  });

  test("GPU tasks must name EC2 capacity and have no public IP", () => {
    expect(conditions(resource("aws_ecs_service", "service"))).toEqual([
      "${!(var.production && var.assign_public_ip)}",
      '${!(var.gpu_count > 0) || alltrue([for share in var.capacity_provider_strategy : !contains(["FARGATE", "FARGATE_SPOT"], share.capacity_provider)])}',
      "${!(var.gpu_count > 0 && var.assign_public_ip)}",
    ]);
  });

  test("the port is a whole number from 1 to 65535", () => {
    expect(conditions(json.variable.port)).toEqual(["${floor(var.port) == var.port && var.port >= 1 && var.port <= 65535}"]);
  });

  test("a web service needs its listener and priority, checked on its listener rule", () => {
    expect(conditions(resource("aws_lb_listener_rule", "route_rule"))).toEqual([
      "${var.listener_arn != null}",
      "${var.listener_rule_priority != null}",
      "${length(var.path_patterns) + length(var.host_headers) <= 5}",
    ]);
  });

  test("scaling rules between variables are preconditions of the scalable target", () => {
    const target = conditions(resource("aws_appautoscaling_target", "autoscaling_target"));
    expect(target[0]).toBe("${var.min_capacity <= var.max_capacity}");
    expect(target).toContain('${var.min_capacity > 0 || anytrue([for policy in var.policies : policy.type == "queue"])}');
    expect(target).toContain('${var.kind == "worker" || !anytrue([for policy in var.policies : policy.type == "queue"])}');
    expect(target).toContain('${var.kind == "web" || alltrue([for policy in var.policies : !contains(["requests", "latency"], policy.type)])}');
  });

  test("in production, custom and step policies without published_by read AWS's metrics or the server's by a published meaning", () => {
    const body = resource("aws_appautoscaling_target", "autoscaling_target");
    const index = messages(body).findIndex((m) => m.startsWith("in production (var.production) a custom or step policy reads a metric neither AWS nor this module publishes"));
    expect(index).toBeGreaterThanOrEqual(0);
    const condition = conditions(body)[index];
    expect(condition).toMatch(/^\$\{!var\.production \|\| alltrue\(\[for stat in flatten\(\[for policy in var\.policies : policy\.published_by != null \? \[\] : /);
    expect(condition).toContain('startswith(stat.namespace, "AWS/") || stat.namespace == "ECS/ContainerInsights"');
    expect(condition).toContain("(stat.namespace == try(var.server_metrics.namespace, null) && contains([for meaning in local.server_meanings : local.meaning_metrics[meaning].metric_name], stat.name))");
    expect(messages(body)[index]).toContain("set published_by to say who publishes it");
  });

  test("each meaning of server_metrics on its own series, checked on the task definition that carries the collector's configuration", () => {
    const body = resource("aws_ecs_task_definition", "task_definition");
    const index = conditions(body).indexOf("${length(distinct(values(local.server_series))) == length(local.server_series)}");
    expect(index).toBeGreaterThanOrEqual(0);
    expect(messages(body)[index]).toContain("the collector renames a series once, so one of the two meanings would never be published; give each meaning its own series");
  });
});

describe("the task: read-only root, scratch volumes, health check, GPUs", () => {
  test("the root filesystem is read-only; writable_paths are task-scoped volumes mounted in the container", () => {
    expect(container()).toContain('"readonlyRootFilesystem":true');
    expect(container()).toContain('"mountPoints":${jsonencode([for i, path in var.writable_paths : { sourceVolume = "scratch-${i}", containerPath = path, readOnly = false }])}');
    expect(resource("aws_ecs_task_definition", "task_definition").dynamic.volume).toEqual({ for_each: '${[for i, path in var.writable_paths : "scratch-${i}"]}', content: { name: "${volume.value}" } });
  });

  test("the container health check comes from container_health_check, none when it is null", () => {
    expect(container()).toContain(
      '"healthCheck":${jsonencode(var.container_health_check == null ? null : { command = ["CMD-SHELL", var.container_health_check.command], interval = var.container_health_check.interval_seconds, timeout = var.container_health_check.timeout_seconds, retries = var.container_health_check.retries, startPeriod = var.container_health_check.start_period_seconds })}',
    );
  });

  test("GPU tasks are EC2 tasks without a Fargate platform version, spread over zones then packed", () => {
    expect(resource("aws_ecs_task_definition", "task_definition").requires_compatibilities).toBe('${var.gpu_count > 0 ? ["EC2"] : ["FARGATE"]}');
    const service = resource("aws_ecs_service", "service");
    expect(service.platform_version).toBe('${var.gpu_count > 0 ? null : "LATEST"}');
    expect(service.dynamic.ordered_placement_strategy).toEqual({
      for_each: `\${var.gpu_count > 0 ? [${GPU_TASK_PLACEMENT.map((s) => `{ type = "${s.type}", field = "${s.field}" }`).join(", ")}] : []}`,
      content: { type: "${ordered_placement_strategy.value.type}", field: "${ordered_placement_strategy.value.field}" },
    });
    expect(container()).toContain('"resourceRequirements":${jsonencode(var.gpu_count > 0 ? [{ type = "GPU", value = tostring(var.gpu_count) }] : null)}');
  });

  test("a changed capacity_provider_strategy variable does not break the next plan", () => {
    expect(resource("aws_ecs_service", "service").force_new_deployment).toBe(true);
  });
});

describe("web or worker, chosen by var.kind", () => {
  test("the target group and listener rule exist for a web service only", () => {
    expect(resource("aws_lb_target_group", "route_target_group").count).toBe('${var.kind == "web" ? 1 : 0}');
    const rule = resource("aws_lb_listener_rule", "route_rule");
    expect(rule.count).toBe('${var.kind == "web" ? 1 : 0}');
    expect(rule.action).toEqual([{ type: "forward", target_group_arn: "${one(aws_lb_target_group.route_target_group[*].arn)}" }]);
    expect(rule.condition).toEqual([{ path_pattern: { values: "${var.path_patterns}" } }]);
    expect(rule.dynamic.condition.for_each).toBe("${length(var.host_headers) > 0 ? [var.host_headers] : []}");
  });

  test("the service registers with the target group only for a web service, after its rule exists", () => {
    const service = resource("aws_ecs_service", "service");
    expect(service.load_balancer).toBeUndefined();
    expect(service.dynamic.load_balancer).toEqual({
      for_each: '${var.kind == "web" ? [1] : []}',
      content: { target_group_arn: "${one(aws_lb_target_group.route_target_group[*].arn)}", container_name: "${var.name}", container_port: "${var.port}" },
    });
    expect(service.health_check_grace_period_seconds).toBe('${var.kind == "web" ? var.health_check_grace_period_seconds : null}');
    expect(service.depends_on).toEqual(["aws_lb_listener_rule.route_rule"]);
    expect(service.lifecycle.ignore_changes).toEqual(["desired_count"]);
  });

  test("the container listens on the port only for a web service", () => {
    expect(container()).toContain(
      '"portMappings":${jsonencode([for port in concat(var.kind == "web" ? [{ container_port = var.port, protocol = "tcp", name = "http", app_protocol = "http" }] : []) : { containerPort = port.container_port, protocol = port.protocol, name = port.name, appProtocol = port.app_protocol }])}',
    );
  });

  test("a worker has its queue and dead-letter queue, built by the environments' WorkQueue, encrypted with the caller's key", () => {
    const queue = resource("aws_sqs_queue", "queue");
    expect(queue).toMatchObject({ count: '${var.kind == "worker" ? 1 : 0}', name: "${var.name}", visibility_timeout_seconds: "${var.queue.visibility_timeout_seconds}", kms_master_key_id: "${var.kms_key_arn}" });
    expect(resource("aws_sqs_queue", "queue_dead_letter")).toMatchObject({ kms_master_key_id: "${var.kms_key_arn}" });
    expect(queue.redrive_policy).toBe('{"deadLetterTargetArn":"${one(aws_sqs_queue.queue_dead_letter[*].arn)}","maxReceiveCount":${var.queue.max_receive_count}}');
    expect(resource("aws_sqs_queue", "queue_dead_letter")).toMatchObject({ name: "${var.name}-dlq", count: '${var.kind == "worker" ? 1 : 0}' });
    expect(Object.keys(json.resource.aws_sqs_queue_policy)).toEqual(["queue_tls_only", "queue_dead_letter_tls_only"]);
  });

  test("a worker's container gets the queue URL in its variable, and its task role may consume the queue only", () => {
    expect(container()).toContain(
      '"environment":${jsonencode([for name, value in merge(var.environment, { for variable in concat(var.kind == "worker" ? [var.queue.url_variable] : []) : variable => one(aws_sqs_queue.queue[*].url) }) : { name = name, value = value }])}',
    );
    const policy = resource("aws_iam_role_policy", "task_role_policy");
    expect(policy.count).toBe('${var.kind == "worker" ? 1 : 0}');
    expect(JSON.parse(policy.policy).Statement).toEqual([
      {
        Effect: "Allow",
        Sid: "ConsumeWorkQueue",
        Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"],
        Resource: ["${one(aws_sqs_queue.queue[*].arn)}"],
      },
      {
        Effect: "Allow",
        Sid: "DecryptWorkQueueMessages",
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: ["${var.kms_key_arn}"],
        Condition: { StringEquals: { "kms:ViaService": "sqs.${data.aws_region.current.region}.amazonaws.com" } },
      },
    ]);
  });

  test("the log group is encrypted with the caller's key", () => {
    expect(resource("aws_cloudwatch_log_group", "logs_group")).toMatchObject({ kms_key_id: "${var.kms_key_arn}" });
  });

  test("metric placeholders: the load balancer and target group are empty for a worker, the queue is the service's name", () => {
    const latency = resource("aws_appautoscaling_policy", "autoscaling_policy_latency").target_tracking_scaling_policy_configuration.customized_metric_specification.metrics[0];
    expect(latency.metric_stat.metric.dimensions).toEqual([
      { name: "LoadBalancer", value: '${try(regex("listener/(app/[^/]+/[^/]+)/", var.listener_arn)[0], "")}' },
      { name: "TargetGroup", value: '${join("", aws_lb_target_group.route_target_group[*].arn_suffix)}' },
    ]);
  });

  test("the execution role may read the secrets, with a policy only when there are any", () => {
    expect(resource("aws_iam_role_policy", "execution_role_secrets").count).toBe("${length(values(var.secrets)) > 0 ? 1 : 0}");
  });

  test("the scalable target names the cluster from its ARN", () => {
    expect(resource("aws_appautoscaling_target", "autoscaling_target").resource_id).toBe('service/${element(split("/", var.cluster_arn), 1)}/${aws_ecs_service.service.name}');
  });

  test("messages say which variables to change", () => {
    expect(messages(resource("aws_appautoscaling_target", "autoscaling_target"))).toContain(
      "a queue policy scales on the worker's SQS queue; it is for workers only (kind worker).",
    );
  });
});

describe("the model server's metrics: a collector sidecar when server_metrics is set", () => {
  const sidecar = () => container().slice(container().indexOf("%{if"));

  test("the sidecar is in the task only when server_metrics is set, not essential, read-only, with the variable's image, cpu and memory", () => {
    expect(sidecar().startsWith('%{if var.server_metrics != null},{"name":"metrics-collector","image":"${var.server_metrics.sidecar.image}","essential":false,"cpu":${var.server_metrics.sidecar.cpu},"memory":${var.server_metrics.sidecar.memory},')).toBe(true);
    expect(sidecar()).toContain('"readonlyRootFilesystem":true');
    expect(container().endsWith("%{endif}]")).toBe(true);
  });

  test("its configuration is local.collector_config: the environments' collector configuration, its series, port and path decided by Terraform", () => {
    expect(sidecar()).toContain("${jsonencode([for name, value in { AOT_CONFIG_CONTENT = jsonencode(local.collector_config) } : { name = name, value = value }])}");
    const config = json.locals.collector_config;
    const scrape = config.receivers.prometheus.config.scrape_configs[0];
    expect(scrape.static_configs[0].targets).toEqual(["localhost:${coalesce(local.metrics_port, 0)}"]);
    expect(scrape.metrics_path).toBe('${coalesce(try(var.server_metrics.path, null), try(local.server_presets[var.server_metrics.server].path, null), "/metrics")}');
    expect(scrape.metric_relabel_configs[0].regex).toBe('(${join("|", [for meaning in local.server_meanings : local.server_series[meaning]])})(_bucket|_sum|_count)?');
    expect(config.exporters.awsemf).toMatchObject({ namespace: "${try(var.server_metrics.namespace, null)}", log_group_name: "/ecs/${var.name}/metrics", log_stream_name: "{TaskId}" });
    expect(config.exporters.awsemf.metric_declarations[0].metric_name_selectors).toBe('${[for meaning in local.server_meanings : "^${local.meaning_metrics[meaning].metric_name}$"]}');
  });

  test("the series are the preset's overridden by server_metrics.series; the port defaults as the config's", () => {
    expect(json.locals.server_series).toBe("${merge(try(local.server_presets[var.server_metrics.server].series, {}), try(var.server_metrics.series, {}))}");
    expect(json.locals.server_meanings).toBe("${keys(local.server_series)}");
    expect(json.locals.server_presets.tgi).toEqual({ series: { waiting: "tgi_queue_size", running: "tgi_batch_current_size" }, path: "/metrics", metrics_port: null, default_port: 80 });
    expect(json.locals.server_presets.triton).toMatchObject({ metrics_port: 8002, default_port: 8002 });
    expect(json.locals.server_presets.prometheus).toEqual({ series: {}, path: "/metrics", metrics_port: null, default_port: null });
    expect(json.locals.meaning_metrics.tokensPerSecond).toEqual({ metric_name: "GeneratedTokens", counter: true });
    expect(json.locals.metrics_port).toBe(
      '${try(coalesce(var.server_metrics.port, local.server_presets[var.server_metrics.server].metrics_port, var.kind == "web" ? var.port : null, local.server_presets[var.server_metrics.server].default_port), null)}',
    );
    expect(messages(resource("aws_ecs_task_definition", "task_definition"))).toContain(
      "server_metrics.port is required: a worker has no service port, and server_metrics.server has no default port (prometheus).",
    );
  });

  test("server prometheus needs at least one series, as in the config", () => {
    const variable = json.variable.server_metrics;
    const index = variable.validation.findIndex((v: any) => v.error_message.startsWith("server_metrics.series must name at least one series"));
    expect(variable.validation[index].condition).toBe('${var.server_metrics == null ? true : var.server_metrics.server != "prometheus" || length(var.server_metrics.series) > 0}');
  });

  test("the EMF log group exists with the sidecar, encrypted with the caller's key, kept as the service's logs", () => {
    const group = resource("aws_cloudwatch_log_group", "metrics_collector_logs_group");
    expect(group).toMatchObject({ name: "/ecs/${var.name}/metrics", kms_key_id: "${var.kms_key_arn}", count: "${var.server_metrics != null ? 1 : 0}" });
    expect(group.retention_in_days).toBe(resource("aws_cloudwatch_log_group", "logs_group").retention_in_days);
    expect(messages(group).map((m) => m.slice(0, 10))).toEqual(["AIS-LOG-1:", "AIS-LOG-3:"]);
  });

  test("the task role may write to that log group only, in a policy that exists with the sidecar", () => {
    const policy = resource("aws_iam_role_policy", "task_role_policy_metrics_collector");
    expect(policy.count).toBe("${var.server_metrics != null ? 1 : 0}");
    expect(JSON.parse(policy.policy).Statement).toEqual([
      { Effect: "Allow", Sid: "PublishEmbeddedMetrics", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: ["${one(aws_cloudwatch_log_group.metrics_collector_logs_group[*].arn)}:*"] },
    ]);
  });

  test("server policies need server_metrics, on metrics the server publishes, and the sidecar leaves the server its share", () => {
    const target = messages(resource("aws_appautoscaling_target", "autoscaling_target"));
    expect(target).toContain('a server policy needs the service\'s metrics section, server_metrics (e.g. server_metrics = { server = "vllm" }): nothing publishes the server\'s metrics without it.');
    expect(conditions(resource("aws_appautoscaling_target", "autoscaling_target"))).toContain(
      "${var.server_metrics == null ? true : alltrue([for policy in var.server_policies : contains(local.server_meanings, policy.metric)])}",
    );
    expect(conditions(resource("aws_appautoscaling_target", "autoscaling_target"))).toContain("${var.server_metrics == null ? true : var.cpu - var.server_metrics.sidecar.cpu >= 128}");
    expect(conditions(resource("aws_appautoscaling_target", "autoscaling_target"))).toContain("${var.server_metrics == null ? true : var.memory - var.server_metrics.sidecar.memory >= 512}");
  });

  test("in production the sidecar's image must be pinned by digest (AIS-IMG-1)", () => {
    expect(messages(resource("aws_ecs_task_definition", "task_definition"))).toContain(
      "AIS-IMG-1: in production (var.production) the metrics sidecar's image (server_metrics.sidecar.image) must be pinned by digest: <repository>:<tag>@sha256:<digest>.",
    );
  });

  test("server_metrics takes the config's fields, series included, and the environment's namespace", () => {
    expect(json.variable.server_metrics.type).toBe(
      'object({ server = string, port = optional(number), path = optional(string), series = optional(map(string), {}), sidecar = optional(object({ image = optional(string, "public.ecr.aws/aws-observability/aws-otel-collector:v0.45.1"), cpu = optional(number, 128), memory = optional(number, 256) }), {}), namespace = optional(string, "ModelServer") })',
    );
    expect(json.variable.server_metrics.default).toBeNull();
  });

  test("the namespace's 'not AWS/' rule is checked without a lookahead, which Terraform's regular expressions lack", () => {
    expect(conditions(json.variable.server_metrics)).toContain(
      '${(var.server_metrics == null ? true : (!can(regex("^AWS\\\\/", var.server_metrics.namespace)) && can(regex("^[A-Za-z0-9._/#-][A-Za-z0-9._/#: -]{0,254}$", var.server_metrics.namespace))))}',
    );
  });
});
