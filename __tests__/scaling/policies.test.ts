import { configOf, oneResource, resourcesOf, synthEnvironment, TerraformJson, withChat } from "../helpers";

/** Synthesizes the base environment with the chat service's scaling replaced. */
function withScaling(scaling: Record<string, unknown>): TerraformJson {
  return JSON.parse(synthEnvironment(configOf(withChat({ scaling: { min: 1, max: 10, ...scaling } })))) as TerraformJson;
}

function key(json: TerraformJson, type: string, match: (r: Record<string, any>) => boolean): string {
  return Object.entries(json.resource[type]).find(([, r]) => match(r))![0];
}

describe("custom target tracking", () => {
  const json = withScaling({
    policies: [
      {
        type: "custom",
        name: "inflight",
        target: 8,
        metric: { namespace: "Acme/LLM", name: "InFlightRequests", dimensions: { ServiceName: "{service}", ClusterName: "{cluster}" }, statistic: "Average" },
      },
      {
        type: "custom",
        name: "gpu",
        target: 75,
        metrics: {
          util: { namespace: "CWAgent", name: "nvidia_smi_utilization_gpu", dimensions: { ClusterName: "{cluster}", TargetGroup: "{targetGroup}" } },
          tasks: { namespace: "ECS/ContainerInsights", name: "RunningTaskCount", dimensions: { ClusterName: "{cluster}", ServiceName: "{service}" }, statistic: "Sum" },
        },
        expression: "util / tasks",
      },
      {
        type: "custom",
        name: "p90",
        target: 2.5,
        metric: { namespace: "AWS/ApplicationELB", name: "TargetResponseTime", dimensions: { LoadBalancer: "{loadBalancer}", TargetGroup: "{targetGroup}" }, statistic: "p90", unit: "Seconds" },
      },
    ],
  });
  const lb = key(json, "aws_lb", () => true);
  const tg = key(json, "aws_lb_target_group", () => true);

  test("one metric, with placeholders filled with the cluster and service names", () => {
    const config = oneResource(json, "aws_appautoscaling_policy", { name: "acme-test-chat-inflight" }).target_tracking_scaling_policy_configuration;
    expect(config.target_value).toBe(8);
    expect(config.customized_metric_specification.metrics).toEqual([
      {
        id: "m1",
        label: "inflight metric",
        return_data: true,
        metric_stat: {
          stat: "Average",
          metric: {
            namespace: "Acme/LLM",
            metric_name: "InFlightRequests",
            dimensions: [
              { name: "ServiceName", value: "chat" },
              { name: "ClusterName", value: "acme-test" },
            ],
          },
        },
      },
    ]);
  });

  test("metric math over several metrics returns only the expression", () => {
    const metrics = oneResource(json, "aws_appautoscaling_policy", { name: "acme-test-chat-gpu" }).target_tracking_scaling_policy_configuration.customized_metric_specification.metrics;
    expect(metrics.map((m: Record<string, any>) => [m.id, m.return_data, m.expression ?? m.metric_stat.metric.metric_name, m.metric_stat?.stat])).toEqual([
      ["util", false, "nvidia_smi_utilization_gpu", "Average"],
      ["tasks", false, "RunningTaskCount", "Sum"],
      ["e1", true, "util / tasks", undefined],
    ]);
    expect(metrics[0].metric_stat.metric.dimensions).toEqual([
      { name: "ClusterName", value: "acme-test" },
      { name: "TargetGroup", value: `\${aws_lb_target_group.${tg}.arn_suffix}` },
    ]);
  });

  test("percentile statistics and units pass through (p90 latency)", () => {
    const metric = oneResource(json, "aws_appautoscaling_policy", { name: "acme-test-chat-p90" }).target_tracking_scaling_policy_configuration.customized_metric_specification.metrics[0];
    expect(metric.metric_stat).toEqual({
      stat: "p90",
      unit: "Seconds",
      metric: {
        namespace: "AWS/ApplicationELB",
        metric_name: "TargetResponseTime",
        dimensions: [
          { name: "LoadBalancer", value: `\${aws_lb.${lb}.arn_suffix}` },
          { name: "TargetGroup", value: `\${aws_lb_target_group.${tg}.arn_suffix}` },
        ],
      },
    });
  });
});

describe("latency target tracking", () => {
  test("tracks the target group's average TargetResponseTime in seconds", () => {
    const json = withScaling({ policies: [{ type: "latency", target: 1.5 }] });
    const config = oneResource(json, "aws_appautoscaling_policy", { name: "acme-test-chat-latency" }).target_tracking_scaling_policy_configuration;
    expect(config.target_value).toBe(1.5);
    expect(config.customized_metric_specification.metrics[0].metric_stat).toEqual({
      stat: "Average",
      metric: {
        namespace: "AWS/ApplicationELB",
        metric_name: "TargetResponseTime",
        dimensions: [
          { name: "LoadBalancer", value: `\${aws_lb.${key(json, "aws_lb", () => true)}.arn_suffix}` },
          { name: "TargetGroup", value: `\${aws_lb_target_group.${key(json, "aws_lb_target_group", () => true)}.arn_suffix}` },
        ],
      },
    });
  });
});

describe("step scaling", () => {
  const json = withScaling({
    policies: [
      { type: "cpu", target: 60 },
      {
        type: "step",
        name: "burst",
        adjustmentType: "PercentChangeInCapacity",
        minAdjustmentMagnitude: 2,
        cooldownSeconds: 120,
        alarm: {
          metric: { namespace: "AWS/ApplicationELB", name: "RequestCount", dimensions: { TargetGroup: "{targetGroup}", LoadBalancer: "{loadBalancer}" }, statistic: "Sum" },
          comparison: "GreaterThanOrEqualToThreshold",
          threshold: 5000,
          evaluationPeriods: 2,
        },
        steps: [
          { lowerBound: 0, upperBound: 2000, adjustment: 50 },
          { lowerBound: 2000, adjustment: 100 },
        ],
      },
      {
        type: "step",
        name: "exact-night",
        adjustmentType: "ExactCapacity",
        alarm: {
          metric: { namespace: "AWS/ApplicationELB", name: "RequestCount", dimensions: { TargetGroup: "{targetGroup}", LoadBalancer: "{loadBalancer}" }, statistic: "Sum" },
          comparison: "LessThanThreshold",
          threshold: 10,
          periodSeconds: 300,
          evaluationPeriods: 6,
          datapointsToAlarm: 5,
        },
        steps: [{ upperBound: 0, adjustment: 1 }],
      },
    ],
  });

  test("the policy has its adjustment type, cooldown, minimum magnitude and step bounds", () => {
    expect(oneResource(json, "aws_appautoscaling_policy", { name: "acme-test-chat-burst" })).toMatchObject({
      policy_type: "StepScaling",
      step_scaling_policy_configuration: {
        adjustment_type: "PercentChangeInCapacity",
        min_adjustment_magnitude: 2,
        cooldown: 120,
        metric_aggregation_type: "Average",
        step_adjustment: [
          { metric_interval_lower_bound: "0", metric_interval_upper_bound: "2000", scaling_adjustment: 50 },
          { metric_interval_lower_bound: "2000", scaling_adjustment: 100 },
        ],
      },
    });
  });

  test("its alarm compares the metric with the threshold and invokes the policy", () => {
    const alarm = oneResource(json, "aws_cloudwatch_metric_alarm", { alarm_name: "acme-test-chat-burst" });
    expect(alarm).toMatchObject({ comparison_operator: "GreaterThanOrEqualToThreshold", threshold: 5000, evaluation_periods: 2, datapoints_to_alarm: 2 });
    expect(alarm.metric_query[0]).toMatchObject({ id: "m1", return_data: true, metric: { metric_name: "RequestCount", stat: "Sum", period: 60 } });
    expect(alarm.alarm_actions).toEqual([`\${aws_appautoscaling_policy.${key(json, "aws_appautoscaling_policy", (p) => p.name === "acme-test-chat-burst")}.arn}`]);
  });

  test("a below-threshold alarm with ExactCapacity, a 5-minute period and M of N datapoints", () => {
    const alarm = oneResource(json, "aws_cloudwatch_metric_alarm", { alarm_name: "acme-test-chat-exact-night" });
    expect(alarm).toMatchObject({ comparison_operator: "LessThanThreshold", threshold: 10, evaluation_periods: 6, datapoints_to_alarm: 5 });
    expect(alarm.metric_query[0].metric.period).toBe(300);
    expect(oneResource(json, "aws_appautoscaling_policy", { name: "acme-test-chat-exact-night" }).step_scaling_policy_configuration).toMatchObject({
      adjustment_type: "ExactCapacity",
      step_adjustment: [{ metric_interval_upper_bound: "0", scaling_adjustment: 1 }],
    });
  });
});

describe("scheduled actions", () => {
  const json = withScaling({
    policies: [{ type: "cpu", target: 60 }],
    schedules: [
      { name: "morning", schedule: "cron(0 8 ? * MON-FRI *)", timezone: "Europe/Berlin", min: 4 },
      { name: "launch", schedule: "at(2026-12-24T18:00:00)", min: 6, max: 30 },
    ],
  });

  test("a cron schedule in a time zone raises the minimum", () => {
    const target = key(json, "aws_appautoscaling_target", () => true);
    expect(oneResource(json, "aws_appautoscaling_scheduled_action", { name: "acme-test-chat-morning" })).toMatchObject({
      schedule: "cron(0 8 ? * MON-FRI *)",
      timezone: "Europe/Berlin",
      resource_id: `\${aws_appautoscaling_target.${target}.resource_id}`,
      scalable_target_action: { min_capacity: "4" },
    });
    expect(oneResource(json, "aws_appautoscaling_scheduled_action", { name: "acme-test-chat-morning" }).scalable_target_action.max_capacity).toBeUndefined();
  });

  test("an at() schedule in UTC sets both minimum and maximum", () => {
    expect(oneResource(json, "aws_appautoscaling_scheduled_action", { name: "acme-test-chat-launch" })).toMatchObject({
      schedule: "at(2026-12-24T18:00:00)",
      timezone: "UTC",
      scalable_target_action: { min_capacity: "6", max_capacity: "30" },
    });
  });
});

describe("predictive scaling", () => {
  test("forecast-only by default, on the CPU metric pair", () => {
    const json = withScaling({ policies: [{ type: "cpu", target: 60 }, { type: "predictive", metric: "cpu", target: 55 }] });
    expect(oneResource(json, "aws_appautoscaling_policy", { name: "acme-test-chat-predictive" })).toMatchObject({
      policy_type: "PredictiveScaling",
      predictive_scaling_policy_configuration: {
        mode: "ForecastOnly",
        scheduling_buffer_time: 300,
        max_capacity_breach_behavior: "HonorMaxCapacity",
        metric_specification: [{ target_value: "55", predefined_metric_pair_specification: { predefined_metric_type: "ECSServiceCPUUtilization" } }],
      },
    });
  });

  test("on requests it names the target group; ForecastAndScale when asked", () => {
    const json = withScaling({ policies: [{ type: "requests", target: 100 }, { type: "predictive", metric: "requests", target: 90, mode: "ForecastAndScale" }] });
    const lb = key(json, "aws_lb", () => true);
    const tg = key(json, "aws_lb_target_group", () => true);
    const config = oneResource(json, "aws_appautoscaling_policy", { name: "acme-test-chat-predictive" }).predictive_scaling_policy_configuration;
    expect(config.mode).toBe("ForecastAndScale");
    expect(config.metric_specification[0].predefined_metric_pair_specification).toEqual({
      predefined_metric_type: "ALBRequestCount",
      resource_label: `\${aws_lb.${lb}.arn_suffix}/\${aws_lb_target_group.${tg}.arn_suffix}`,
    });
  });

  test("IncreaseMaxCapacity sends the capacity buffer AWS requires with it; HonorMaxCapacity sends none", () => {
    const predictive = (extra: Record<string, unknown>) =>
      oneResource(withScaling({ policies: [{ type: "cpu", target: 60 }, { type: "predictive", metric: "cpu", target: 55, ...extra }] }), "aws_appautoscaling_policy", { name: "acme-test-chat-predictive" })
        .predictive_scaling_policy_configuration;
    expect(predictive({ maxCapacityBreachBehavior: "IncreaseMaxCapacity" })).toMatchObject({ max_capacity_breach_behavior: "IncreaseMaxCapacity", max_capacity_buffer: 10 });
    expect(predictive({ maxCapacityBreachBehavior: "IncreaseMaxCapacity", maxCapacityBufferPercent: 25 }).max_capacity_buffer).toBe(25);
    expect(predictive({})).not.toHaveProperty("max_capacity_buffer");
  });

  test("every policy belongs to the service's scalable target", () => {
    const json = withScaling({ policies: [{ type: "cpu", target: 60 }, { type: "predictive", metric: "memory", target: 70 }] });
    const target = key(json, "aws_appautoscaling_target", () => true);
    for (const policy of resourcesOf(json, "aws_appautoscaling_policy")) {
      expect(policy.resource_id).toBe(`\${aws_appautoscaling_target.${target}.resource_id}`);
    }
  });
});
