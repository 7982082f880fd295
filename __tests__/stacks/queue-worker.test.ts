import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { baseInput, configOf, Input, merge, oneResource, resourcesOf, synthEnvironment, TerraformJson } from "../helpers";

/** A worker service input; `scaling` and `queue` can be patched. */
function worker(patch: Input = {}): Input {
  return merge(
    {
      kind: "worker",
      image: "ghcr.io/acme/transcriber:2.0.1",
      cpu: 2048,
      memory: 4096,
      queue: { visibilityTimeoutSeconds: 900, maxReceiveCount: 4 },
      scaling: {
        min: 0,
        max: 8,
        policies: [{ type: "queue", secondsPerMessage: 30, acceptableLatencySeconds: 300, scaleToZeroAfterIdleMinutes: 20 }],
      },
    },
    patch,
  );
}

/** An environment with only the worker (no web service). */
function workerOnly(patch: Input = {}): TerraformJson {
  return JSON.parse(synthEnvironment(configOf({ ...baseInput(), services: { transcribe: worker(patch) } }))) as TerraformJson;
}

function alarmNamed(json: TerraformJson, name: string): Record<string, any> {
  return oneResource(json, "aws_cloudwatch_metric_alarm", { alarm_name: name });
}

function policyNamed(json: TerraformJson, name: string): Record<string, any> {
  return oneResource(json, "aws_appautoscaling_policy", { name });
}

/** The Terraform reference to the ARN of the environment's KMS key. */
function keyArn(json: TerraformJson): string {
  const [address] = Object.keys(json.resource.aws_kms_key);
  return `\${aws_kms_key.${address}.arn}`;
}

describe("a queue worker that scales to zero", () => {
  const json = workerOnly();
  const synthesized = JSON.stringify(json);

  test("queue encrypted with the environment's KMS key, long polling and the configured visibility timeout", () => {
    expect(synthesized).toHaveResourceWithProperties(SqsQueue, {
      name: "acme-test-transcribe",
      visibility_timeout_seconds: 900,
      message_retention_seconds: 345600,
      receive_wait_time_seconds: 20,
      kms_master_key_id: keyArn(json),
      kms_data_key_reuse_period_seconds: 300,
    });
    expect(oneResource(json, "aws_sqs_queue", { name: "acme-test-transcribe" }).sqs_managed_sse_enabled).toBeUndefined();
  });

  test("dead-letter queue keeps messages 14 days, is encrypted with the same key and receives after maxReceiveCount", () => {
    const dlq = oneResource(json, "aws_sqs_queue", { name: "acme-test-transcribe-dlq" });
    expect(dlq).toMatchObject({ message_retention_seconds: 1209600, kms_master_key_id: keyArn(json) });
    const dlqKey = Object.entries(json.resource.aws_sqs_queue).find(([, q]) => q.name === "acme-test-transcribe-dlq")![0];
    const redrive = JSON.parse(oneResource(json, "aws_sqs_queue", { name: "acme-test-transcribe" }).redrive_policy);
    expect(redrive).toEqual({ deadLetterTargetArn: `\${aws_sqs_queue.${dlqKey}.arn}`, maxReceiveCount: 4 });
  });

  test("the dead-letter queue accepts messages from its own queue only", () => {
    const queueKey = Object.entries(json.resource.aws_sqs_queue).find(([, q]) => q.name === "acme-test-transcribe")![0];
    expect(JSON.parse(oneResource(json, "aws_sqs_queue_redrive_allow_policy").redrive_allow_policy)).toEqual({
      redrivePermission: "byQueue",
      sourceQueueArns: [`\${aws_sqs_queue.${queueKey}.arn}`],
    });
  });

  test("the task role may receive, delete, change visibility of and read attributes of that queue only, and use its key through SQS only", () => {
    const queueKey = Object.entries(json.resource.aws_sqs_queue).find(([, q]) => q.name === "acme-test-transcribe")![0];
    const policy = JSON.parse(oneResource(json, "aws_iam_role_policy", { name: "task-permissions" }).policy);
    expect(policy.Statement).toEqual([
      {
        Effect: "Allow",
        Sid: "ConsumeWorkQueue",
        Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"],
        Resource: [`\${aws_sqs_queue.${queueKey}.arn}`],
      },
      {
        Effect: "Allow",
        Sid: "DecryptWorkQueueMessages",
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: [keyArn(json)],
        Condition: { StringEquals: { "kms:ViaService": "sqs.eu-west-1.amazonaws.com" } },
      },
    ]);
  });

  test("with a given key (kmsKeyArn), both queues and the task role's statement name it and the stack creates none", () => {
    const given = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const withKey = JSON.parse(synthEnvironment(configOf({ ...baseInput(), kmsKeyArn: given, services: { transcribe: worker() } }))) as TerraformJson;
    expect(withKey.resource.aws_kms_key).toBeUndefined();
    expect(resourcesOf(withKey, "aws_sqs_queue").map((q) => q.kms_master_key_id)).toEqual([given, given]);
    const policy = JSON.parse(oneResource(withKey, "aws_iam_role_policy", { name: "task-permissions" }).policy);
    expect(policy.Statement[1].Resource).toEqual([given]);
  });

  test("the container gets the queue URL and exposes no port", () => {
    const queueKey = Object.entries(json.resource.aws_sqs_queue).find(([, q]) => q.name === "acme-test-transcribe")![0];
    const container = JSON.parse(resourcesOf(json, "aws_ecs_task_definition")[0].container_definitions)[0];
    expect(container.environment).toEqual([{ name: "QUEUE_URL", value: `\${aws_sqs_queue.${queueKey}.url}` }]);
    expect(container.portMappings).toBeUndefined();
  });

  test("no load balancer, listener, listener rule, target group or ingress rule", () => {
    for (const type of ["aws_lb", "aws_lb_listener", "aws_lb_listener_rule", "aws_lb_target_group", "aws_vpc_security_group_ingress_rule"]) {
      expect(resourcesOf(json, type)).toEqual([]);
    }
  });

  test("the ECS service starts at 0 tasks with no load balancer block or grace period", () => {
    const service = oneResource(json, "aws_ecs_service");
    expect(service.desired_count).toBe(0);
    expect(service.load_balancer).toBeUndefined();
    expect(service.health_check_grace_period_seconds).toBeUndefined();
    expect(service.lifecycle).toEqual({ ignore_changes: ["desired_count"] });
  });

  test("backlog per task: visible messages over running tasks, target ceil(latency / seconds per message)", () => {
    const config = policyNamed(json, "acme-test-transcribe-queue").target_tracking_scaling_policy_configuration;
    expect(config.target_value).toBe(10);
    expect(config.customized_metric_specification.metrics).toEqual([
      {
        id: "visible",
        return_data: false,
        metric_stat: {
          stat: "Sum",
          metric: { namespace: "AWS/SQS", metric_name: "ApproximateNumberOfMessagesVisible", dimensions: [{ name: "QueueName", value: "acme-test-transcribe" }] },
        },
      },
      {
        id: "running",
        return_data: false,
        metric_stat: {
          stat: "Average",
          metric: {
            namespace: "ECS/ContainerInsights",
            metric_name: "RunningTaskCount",
            dimensions: [
              { name: "ClusterName", value: "acme-test" },
              { name: "ServiceName", value: "transcribe" },
            ],
          },
        },
      },
      { id: "backlog", label: "Visible messages per running task", expression: "IF(running > 0, visible / running, visible) + 0.001", return_data: true },
    ]);
  });

  test("scale from zero: an alarm on visible messages while no task is wanted, >= 1, adds one task", () => {
    const alarm = alarmNamed(json, "acme-test-transcribe-scale-from-zero");
    expect(alarm).toMatchObject({ comparison_operator: "GreaterThanOrEqualToThreshold", threshold: 1, evaluation_periods: 1, datapoints_to_alarm: 1, treat_missing_data: "notBreaching" });
    expect(alarm.metric_query.map((q: Record<string, any>) => [q.id, q.metric?.metric_name ?? q.expression])).toEqual([
      ["visible", "ApproximateNumberOfMessagesVisible"],
      ["desired", "DesiredTaskCount"],
      ["waiting", "IF(FILL(desired, 0) == 0, visible, 0)"],
    ]);
    const policy = policyNamed(json, "acme-test-transcribe-scale-from-zero");
    expect(policy.policy_type).toBe("StepScaling");
    expect(policy.step_scaling_policy_configuration).toEqual({
      adjustment_type: "ChangeInCapacity",
      cooldown: 60,
      metric_aggregation_type: "Maximum",
      step_adjustment: [{ metric_interval_lower_bound: "0", scaling_adjustment: 1 }],
    });
    const policyKey = Object.entries(json.resource.aws_appautoscaling_policy).find(([, p]) => p.name === "acme-test-transcribe-scale-from-zero")![0];
    expect(alarm.alarm_actions).toEqual([`\${aws_appautoscaling_policy.${policyKey}.arn}`]);
  });

  test("scale to zero: only after visible and in-flight messages are both zero for the configured minutes", () => {
    const alarm = alarmNamed(json, "acme-test-transcribe-scale-to-zero");
    expect(alarm).toMatchObject({ comparison_operator: "LessThanOrEqualToThreshold", threshold: 0, evaluation_periods: 20, datapoints_to_alarm: 20 });
    expect(alarm.metric_query.map((q: Record<string, any>) => [q.id, q.metric?.metric_name ?? q.expression, q.metric?.period])).toEqual([
      ["visible", "ApproximateNumberOfMessagesVisible", 60],
      ["inflight", "ApproximateNumberOfMessagesNotVisible", 60],
      ["backlog", "FILL(visible, 0) + FILL(inflight, 0)", undefined],
    ]);
    expect(policyNamed(json, "acme-test-transcribe-scale-to-zero").step_scaling_policy_configuration).toMatchObject({
      adjustment_type: "ExactCapacity",
      step_adjustment: [{ metric_interval_upper_bound: "0", scaling_adjustment: 0 }],
    });
  });

  test("outputs the queue URLs, service name, log group, alarms and dashboard", () => {
    expect(Object.keys(json.output).sort()).toEqual([
      "cluster_name",
      "dashboard_url",
      "transcribe_alarm_arns",
      "transcribe_dead_letter_queue_url",
      "transcribe_log_group",
      "transcribe_queue_url",
      "transcribe_service_name",
    ]);
  });
});

describe("a queue worker with a minimum of 1", () => {
  const json = workerOnly({ scaling: { min: 1 } });

  test("tracks plain backlog per task, without the idle floor", () => {
    const metrics = policyNamed(json, "acme-test-transcribe-queue").target_tracking_scaling_policy_configuration.customized_metric_specification.metrics;
    expect(metrics[2].expression).toBe("IF(running > 0, visible / running, visible)");
  });

  test("creates no scale-to-zero alarms (only the service's own alarms)", () => {
    expect(resourcesOf(json, "aws_cloudwatch_metric_alarm").map((a) => a.alarm_name)).toEqual([
      "acme-test-transcribe-at-max",
      "acme-test-transcribe-dead-letters",
      "acme-test-transcribe-oldest-message",
    ]);
    expect(resourcesOf(json, "aws_appautoscaling_policy").map((p) => p.name)).toEqual(["acme-test-transcribe-queue"]);
  });

  test("a custom queue URL variable", () => {
    const custom = workerOnly({ queue: { urlVariable: "JOBS_QUEUE" }, scaling: { min: 1 } });
    const container = JSON.parse(resourcesOf(custom, "aws_ecs_task_definition")[0].container_definitions)[0];
    expect(container.environment.map((e: { name: string }) => e.name)).toEqual(["JOBS_QUEUE"]);
  });
});

describe("an environment with web services and a worker", () => {
  test("the worker's security group has no ingress and the load balancer reaches only the web service", () => {
    const json = JSON.parse(synthEnvironment(configOf(merge(baseInput(), { services: { transcribe: worker() } })))) as TerraformJson;
    const groups = Object.keys(json.resource.aws_security_group);
    const workerGroup = groups.find((g) => g.startsWith("transcribe"));
    const intoWorker = resourcesOf(json, "aws_vpc_security_group_ingress_rule").filter((r) => r.security_group_id === `\${aws_security_group.${workerGroup}.id}`);
    expect(intoWorker).toEqual([]);
    expect(resourcesOf(json, "aws_vpc_security_group_egress_rule").filter((r) => r.referenced_security_group_id).length).toBe(1);
  });
});

describe("a queue worker on GPU capacity (compute: gpu)", () => {
  const network = {
    mode: "existing",
    vpcId: "vpc-0123456789abcdef0",
    publicSubnetIds: ["subnet-0000000000000000a", "subnet-0000000000000000b"],
    privateSubnetIds: ["subnet-0000000000000001a", "subnet-0000000000000001b"],
  };
  const json = JSON.parse(
    synthEnvironment(
      configOf({ ...baseInput(), network, services: { transcribe: worker({ compute: { type: "gpu", instanceTypes: ["g6.xlarge", "g4dn.xlarge"] } }) } }),
    ),
  ) as TerraformJson;

  test("its own GPU capacity provider, with a group from 0 sized for scaling.max", () => {
    expect(oneResource(json, "aws_ecs_capacity_provider").name).toBe("acme-test-transcribe-gpu");
    expect(oneResource(json, "aws_autoscaling_group")).toMatchObject({ min_size: 0, max_size: 9, protect_from_scale_in: true });
  });

  test("an EC2 task definition reserving a GPU, with the queue URL in its environment", () => {
    const task = oneResource(json, "aws_ecs_task_definition");
    expect(task.requires_compatibilities).toEqual(["EC2"]);
    const [container] = JSON.parse(task.container_definitions);
    expect(container.resourceRequirements).toEqual([{ type: "GPU", value: "1" }]);
    expect(container.environment).toContainEqual({ name: "QUEUE_URL", value: expect.stringContaining("aws_sqs_queue") });
  });

  test("the service scales from 0 on its provider, without a load balancer", () => {
    const service = oneResource(json, "aws_ecs_service");
    expect(service).toMatchObject({ desired_count: 0, capacity_provider_strategy: [expect.objectContaining({ base: 0, weight: 1 })] });
    expect(service.load_balancer).toBeUndefined();
  });
});
