import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { COLLECTOR_IMAGE } from "../../lib/metrics/server-presets";
import { configOf, EXISTING_NETWORK, merge, resourcesOf, synthEnvironment, TerraformJson, withChat } from "../helpers";

const DIGEST_IMAGE = "public.ecr.aws/aws-observability/aws-otel-collector:v0.45.1@sha256:4eabdc3213c7897d12df8daa4b8f1bf2fd3ebffc72ccdb8279102169a932342e";
const TOPIC = "arn:aws:sns:eu-west-1:123456789012:pager";

/** chat: vLLM on GPU instances, scaled on its queue; jobs: a worker; alerts to email and an existing topic. */
const input = merge(
  withChat(
    {
      cpu: 3072,
      memory: 12288,
      port: 8000,
      compute: { type: "gpu", instanceTypes: ["g5.xlarge"] },
      // One target group: the alarms' two-group form for blue/green is in __tests__/stacks/deployments.test.ts.
      deployment: { strategy: "rolling" },
      metrics: { server: "vllm", sidecar: { image: DIGEST_IMAGE } },
      scaling: { min: 1, max: 4, policies: [{ type: "server", metric: "waiting", target: 4 }, { type: "server", name: "server-tokens", metric: "tokensPerSecond", target: 900 }] },
      preview: { latencyObjectiveSeconds: 8 },
    },
    {
      network: EXISTING_NETWORK,
      observability: { namespace: "Acme/ModelServer", alerts: { email: ["oncall@example.com"], topicArns: [TOPIC] } },
    },
  ),
  {
    services: {
      jobs: {
        kind: "worker",
        image: "ghcr.io/acme/worker:1.0.0",
        cpu: 1024,
        memory: 2048,
        scaling: { min: 0, max: 5, policies: [{ type: "queue", secondsPerMessage: 10, acceptableLatencySeconds: 90 }] },
      },
    },
  },
);

describe("metrics sidecar, alarms and dashboard of an environment", () => {
  const synthesized = synthEnvironment(configOf(input));
  const json = JSON.parse(synthesized) as TerraformJson;
  const chatTask = resourcesOf(json, "aws_ecs_task_definition").find((t) => t.family === "acme-test-chat")!;
  const containers = JSON.parse(chatTask.container_definitions) as Record<string, any>[];
  const sidecar = containers[1];
  const collector = JSON.parse(sidecar.environment.find((e: { name: string }) => e.name === "AOT_CONFIG_CONTENT").value);
  const alarms = resourcesOf(json, "aws_cloudwatch_metric_alarm");
  const alarm = (name: string) => {
    const found = alarms.filter((a) => a.alarm_name === name);
    if (found.length !== 1) throw new Error(`expected alarm ${name}, found ${found.length}`);
    return found[0];
  };
  const topicRef = `\${aws_sns_topic.${Object.keys(json.resource.aws_sns_topic)[0]}.arn}`;

  test("the sidecar: the pinned image, not essential, read-only root, its own share, its logs beside the server's", () => {
    expect(containers.map((c) => c.name)).toEqual(["chat", "metrics-collector"]);
    expect(sidecar).toMatchObject({ image: DIGEST_IMAGE, essential: false, readonlyRootFilesystem: true, cpu: 128, memory: 256 });
    expect(sidecar.logConfiguration.options["awslogs-stream-prefix"]).toBe("metrics-collector");
    expect(sidecar.portMappings).toBeUndefined();
    expect(containers[0].essential).toBe(true);
    expect(containers[0].resourceRequirements).toEqual([{ type: "GPU", value: "1" }]);
    expect(containers[0].cpu).toBeUndefined();
    expect(chatTask.cpu).toBe("3072");
    expect(chatTask.memory).toBe("12288");
  });

  test("the default image is the ADOT collector release v0.45.1 on ECR Public", () => {
    expect(COLLECTOR_IMAGE).toBe("public.ecr.aws/aws-observability/aws-otel-collector:v0.45.1");
    const plain = JSON.parse(synthEnvironment(configOf(withChat({ metrics: { server: "tgi" }, scaling: { policies: [{ type: "server", metric: "waiting", target: 3 }] } }))));
    const defs = JSON.parse(resourcesOf(plain, "aws_ecs_task_definition")[0].container_definitions);
    expect(defs[1].image).toBe(COLLECTOR_IMAGE);
  });

  test("scrape config: the server's port and path on localhost, ClusterName and ServiceName labels, only vLLM's chosen series", () => {
    const job = collector.receivers.prometheus.config.scrape_configs[0];
    expect(job.metrics_path).toBe("/metrics");
    expect(job.static_configs).toEqual([{ targets: ["localhost:8000"], labels: { ClusterName: "acme-test", ServiceName: "chat" } }]);
    expect(job.metric_relabel_configs).toEqual([
      {
        source_labels: ["__name__"],
        regex: "(vllm:kv_cache_usage_perc|vllm:num_requests_running|vllm:time_to_first_token_seconds|vllm:generation_tokens_total|vllm:num_requests_waiting)(_bucket|_sum|_count)?",
        action: "keep",
      },
    ]);
    expect(collector.processors.metricstransform.transforms).toContainEqual({ include: "^vllm:num_requests_waiting$", match_type: "regexp", action: "update", new_name: "RequestsWaiting" });
    expect(collector.processors.metricstransform.transforms).toContainEqual({ include: "^vllm:generation_tokens(_total)?$", match_type: "regexp", action: "update", new_name: "GeneratedTokens" });
    expect(collector.service.pipelines.metrics).toEqual({ receivers: ["prometheus"], processors: ["resourcedetection", "metricstransform", "cumulativetodelta", "batch"], exporters: ["awsemf"] });
  });

  test("EMF export: the environment's namespace, the service's metrics log group, exactly ClusterName and ServiceName", () => {
    expect(collector.exporters.awsemf).toMatchObject({
      namespace: "Acme/ModelServer",
      region: "eu-west-1",
      log_group_name: "/ecs/acme/test/chat/metrics",
      dimension_rollup_option: "NoDimensionRollup",
      metric_declarations: [{ dimensions: [["ClusterName", "ServiceName"]], metric_name_selectors: ["^KvCacheUsage$", "^RequestsRunning$", "^TimeToFirstToken$", "^GeneratedTokens$", "^RequestsWaiting$"] }],
    });
    expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/ecs/acme/test/chat/metrics", retention_in_days: 30 });
    // Encrypted with the environment's key, like the service's own log group.
    const [keyAddress] = Object.keys(json.resource.aws_kms_key);
    expect(resourcesOf(json, "aws_cloudwatch_log_group").find((g) => g.name === "/ecs/acme/test/chat/metrics")!.kms_key_id).toBe(`\${aws_kms_key.${keyAddress}.arn}`);
  });

  test("the task role may create streams and put events in the metrics log group, and nothing else", () => {
    const logGroup = Object.entries(json.resource.aws_cloudwatch_log_group).find(([, g]) => g.name === "/ecs/acme/test/chat/metrics")![0];
    const taskPolicy = resourcesOf(json, "aws_iam_role_policy").find((p) => p.name === "task-permissions" && p.role.includes("chat_runtime_task-role"))!;
    expect(JSON.parse(taskPolicy.policy).Statement).toEqual([
      { Effect: "Allow", Sid: "PublishEmbeddedMetrics", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [`\${aws_cloudwatch_log_group.${logGroup}.arn}:*`] },
    ]);
  });

  test("GPU hosts: the instance role may put metrics in the GPU namespace only, and the user data starts the CloudWatch agent's nvidia_gpu plugin", () => {
    const instancePolicy = resourcesOf(json, "aws_iam_role_policy").find((p) => p.name === "instance-agents")!;
    expect(JSON.parse(instancePolicy.policy).Statement).toEqual([
      { Effect: "Allow", Sid: "PublishGpuMetrics", Action: "cloudwatch:PutMetricData", Resource: "*", Condition: { StringEquals: { "cloudwatch:namespace": "GPUHosts" } } },
    ]);
    const userData = resourcesOf(json, "aws_launch_template")[0].user_data as string;
    const text = JSON.parse(/^\$\{base64encode\((".*")\)\}$/s.exec(userData)![1]) as string;
    const lines = text.split("\n");
    expect(lines).toContain("dnf install -y amazon-cloudwatch-agent || exit 0");
    // The configuration travels base64-encoded: the agent, not Terraform, fills ${aws:...}.
    const encoded = lines.find((line) => line.endsWith("| base64 -d > /opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json"))!;
    const agent = JSON.parse(Buffer.from(encoded.split(" ")[1], "base64").toString("utf8"));
    expect(agent.metrics).toEqual({
      namespace: "GPUHosts",
      append_dimensions: { AutoScalingGroupName: "${aws:AutoScalingGroupName}", InstanceId: "${aws:InstanceId}" },
      aggregation_dimensions: [["AutoScalingGroupName"]],
      metrics_collected: { nvidia_gpu: { measurement: ["utilization_gpu", "utilization_memory", "memory_used", "memory_total"] } },
    });
    expect(lines).toContain("/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json");
  });

  test("server policies track the published metric per task: the gauge's Average, tokens per second over running tasks", () => {
    const policies = resourcesOf(json, "aws_appautoscaling_policy");
    const waiting = policies.find((p) => p.name === "acme-test-chat-server")!;
    expect(waiting.target_tracking_scaling_policy_configuration.target_value).toBe(4);
    expect(waiting.target_tracking_scaling_policy_configuration.customized_metric_specification.metrics).toEqual([
      {
        id: "m1",
        label: "Requests waiting per task",
        return_data: true,
        metric_stat: { stat: "Average", metric: { namespace: "Acme/ModelServer", metric_name: "RequestsWaiting", dimensions: [{ name: "ClusterName", value: "acme-test" }, { name: "ServiceName", value: "chat" }] } },
      },
    ]);
    expect(policies.some((p) => p.name === "acme-test-chat-server")).toBe(true);
  });

  test("the alert topic is encrypted with the environment's rotated key, which CloudWatch alarms may use, with the email subscription", () => {
    expect(synthesized).toHaveResourceWithProperties(SnsTopic, { name: "acme-test-alerts" });
    // One key in the environment: the topic uses it, not a key of its own.
    const [[address, key]] = Object.entries(json.resource.aws_kms_key);
    expect(resourcesOf(json, "aws_sns_topic")[0].kms_master_key_id).toBe(`\${aws_kms_key.${address}.arn}`);
    expect(key.enable_key_rotation).toBe(true);
    expect(JSON.parse(key.policy).Statement).toContainEqual({
      Effect: "Allow",
      Sid: "CloudWatchAlarmsPublishToEncryptedTopics",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
    });
    expect(synthesized).toHaveResourceWithProperties(SnsTopicSubscription, { protocol: "email", endpoint: "oncall@example.com", topic_arn: topicRef });
  });

  test("web alarms: p90 latency above the objective, 5xx share, unhealthy targets, running at max; each to the topic and the existing one", () => {
    const actions = [topicRef, TOPIC];
    expect(alarm("acme-test-chat-latency")).toMatchObject({
      namespace: "AWS/ApplicationELB", metric_name: "TargetResponseTime", extended_statistic: "p90", comparison_operator: "GreaterThanThreshold", threshold: 8,
      period: 60, evaluation_periods: 5, datapoints_to_alarm: 5, alarm_actions: actions, ok_actions: actions,
    });
    const errors = alarm("acme-test-chat-errors");
    expect(errors).toMatchObject({ comparison_operator: "GreaterThanThreshold", threshold: 5, alarm_actions: actions });
    expect(errors.metric_query.map((q: any) => q.metric?.metric_name ?? q.expression)).toEqual(["HTTPCode_Target_5XX_Count", "RequestCount", "IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)"]);
    expect(alarm("acme-test-chat-unhealthy")).toMatchObject({ metric_name: "UnHealthyHostCount", statistic: "Maximum", comparison_operator: "GreaterThanOrEqualToThreshold", threshold: 1, alarm_actions: actions });
    expect(alarm("acme-test-chat-at-max")).toMatchObject({
      namespace: "ECS/ContainerInsights", metric_name: "RunningTaskCount", statistic: "Minimum", comparison_operator: "GreaterThanOrEqualToThreshold", threshold: 4,
      evaluation_periods: 15, dimensions: { ClusterName: "acme-test", ServiceName: "chat" }, alarm_actions: actions,
    });
  });

  test("worker alarms: a dead-letter queue that is not empty, the oldest message older than the queue policy's latency", () => {
    expect(alarm("acme-test-jobs-dead-letters")).toMatchObject({ namespace: "AWS/SQS", metric_name: "ApproximateNumberOfMessagesVisible", dimensions: { QueueName: "acme-test-jobs-dlq" }, comparison_operator: "GreaterThanThreshold", threshold: 0 });
    expect(alarm("acme-test-jobs-oldest-message")).toMatchObject({ metric_name: "ApproximateAgeOfOldestMessage", dimensions: { QueueName: "acme-test-jobs" }, threshold: 90 });
    // Beside the scale-from/to-zero alarms of its queue policy (min 0), which act rather than notify.
    expect(alarms.filter((a) => a.alarm_name.startsWith("acme-test-jobs-")).map((a) => a.alarm_name).sort()).toEqual(
      ["acme-test-jobs-at-max", "acme-test-jobs-dead-letters", "acme-test-jobs-oldest-message", "acme-test-jobs-scale-from-zero", "acme-test-jobs-scale-to-zero"],
    );
  });

  test("each service's alarm ARNs are a stack output, for deployments to roll back on", () => {
    expect(json.output.chat_alarm_arns.value).toHaveLength(4);
    expect(json.output.jobs_alarm_arns.value).toHaveLength(3);
  });

  test("the dashboard: valid JSON, a row per service, each policy's metric against its target, server and GPU metrics; its URL an output", () => {
    expect(synthesized).toHaveResourceWithProperties(CloudwatchDashboard, { dashboard_name: "acme-test" });
    const body = JSON.parse(resourcesOf(json, "aws_cloudwatch_dashboard")[0].dashboard_body);
    const titles = body.widgets.map((w: any) => w.properties.title ?? w.properties.markdown);
    expect(titles).toEqual([
      "## chat", "Requests", "Target response time (s)", "5xx responses", "Tasks", "Policy server", "Policy server-tokens",
      "Server: Requests waiting per task", "Server: Requests running per task", "Server: KV cache usage per task (%)",
      "Server: Mean time to first token (s)", "Server: Generated tokens per second per task", "GPU utilization (%)", "GPU memory (MiB)",
      "## jobs", "Tasks", "Policy queue", "Queue depth", "Oldest message (s)", "Dead-letter queue",
    ]);
    const policy = body.widgets.find((w: any) => w.properties.title === "Policy server").properties;
    expect(policy.metrics).toEqual([["Acme/ModelServer", "RequestsWaiting", "ClusterName", "acme-test", "ServiceName", "chat", { stat: "Average", id: "m1", label: "Requests waiting per task" }]]);
    expect(policy.annotations).toEqual({ horizontal: [{ label: "target", value: 4 }] });
    const tasks = body.widgets.find((w: any) => w.properties.title === "Tasks").properties;
    expect(tasks.annotations).toEqual({ horizontal: [{ label: "min", value: 1 }, { label: "max", value: 4 }] });
    const gpu = body.widgets.find((w: any) => w.properties.title === "GPU utilization (%)").properties;
    expect(gpu.metrics[0]).toEqual(["GPUHosts", "nvidia_smi_utilization_gpu", "AutoScalingGroupName", "acme-test-chat-gpu", { stat: "Average", id: "utilization", label: "GPU utilization (%)" }]);
    for (const widget of body.widgets) expect(widget.x + widget.width).toBeLessThanOrEqual(24);
    expect(json.output.cloudwatch_dashboard_url.value).toBe("https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/acme-test");
  });

  test("every metric a policy widget draws is the one its scaling policy tracks", () => {
    const body = JSON.parse(resourcesOf(json, "aws_cloudwatch_dashboard")[0].dashboard_body);
    const queue = body.widgets.find((w: any) => w.properties.title === "Policy queue").properties;
    const policy = resourcesOf(json, "aws_appautoscaling_policy").find((p) => p.name === "acme-test-jobs-queue")!;
    const tracked = policy.target_tracking_scaling_policy_configuration.customized_metric_specification.metrics;
    expect(queue.metrics.map((m: any[]) => (typeof m[0] === "string" ? m[1] : m[0].expression))).toEqual(
      tracked.map((m: any) => m.metric_stat?.metric.metric_name ?? m.expression),
    );
  });
});

describe("without alarms and dashboard", () => {
  test("alarms off everywhere and no dashboard: no topic, no alarm, no dashboard output", () => {
    const json = JSON.parse(synthEnvironment(configOf(withChat({ alarms: { enabled: false } }, { observability: { dashboard: false } })))) as TerraformJson;
    expect(resourcesOf(json, "aws_sns_topic")).toEqual([]);
    expect(resourcesOf(json, "aws_cloudwatch_metric_alarm")).toEqual([]);
    expect(resourcesOf(json, "aws_cloudwatch_dashboard")).toEqual([]);
    expect(json.output.cloudwatch_dashboard_url).toBeUndefined();
  });
});
