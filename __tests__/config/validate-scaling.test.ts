import { baseInput, configOf, Input, merge, problemsOf, withChat, withWorker } from "../helpers";

const webPolicies = (...policies: Input[]) => withChat({ scaling: { policies } });
const workerPolicies = (...policies: Input[]) => withWorker({ scaling: { policies } });
const requestsMetric = { namespace: "AWS/ApplicationELB", name: "RequestCount", dimensions: { TargetGroup: "{targetGroup}" }, statistic: "Sum" };
const step = (alarm: Input, steps: Input[], extra: Input = {}) => ({
  type: "step",
  alarm: { metric: requestsMetric, threshold: 100, ...alarm },
  steps,
  ...extra,
});

describe("valid scaling configurations", () => {
  test("a worker with min 0 and a queue policy gets the documented defaults", () => {
    const jobs = configOf(withWorker()).services.jobs;
    expect(jobs.kind).toBe("worker");
    expect(jobs.kind === "worker" && jobs.queue).toEqual({
      visibilityTimeoutSeconds: 300,
      maxReceiveCount: 5,
      messageRetentionSeconds: 345600,
      receiveWaitTimeSeconds: 20,
      urlVariable: "QUEUE_URL",
    });
    expect(jobs.scaling.policies[0]).toEqual({
      type: "queue",
      name: "queue",
      secondsPerMessage: 10,
      acceptableLatencySeconds: 60,
      scaleToZeroAfterIdleMinutes: 15,
      scaleInCooldownSeconds: 300,
      scaleOutCooldownSeconds: 60,
      disableScaleIn: false,
    });
  });

  test("an hourly alarm may look back seven days; a 10-second period suits a custom metric", () => {
    const hourly = step({ comparison: "GreaterThanThreshold", periodSeconds: 3600, evaluationPeriods: 168 }, [{ lowerBound: 0, adjustment: 1 }], { name: "hourly" });
    const custom = { namespace: "Acme/LLM", name: "QueueDepth", dimensions: { ServiceName: "{service}" } };
    const fast = step({ comparison: "GreaterThanThreshold", periodSeconds: 10, evaluationPeriods: 6, metric: custom }, [{ lowerBound: 0, adjustment: 1 }], { name: "fast" });
    expect(problemsOf(webPolicies(hourly))).toEqual([]);
    expect(problemsOf(webPolicies(fast))).toEqual([]);
  });

  test("predictive: IncreaseMaxCapacity gets a 10 percent capacity buffer unless one is given; HonorMaxCapacity gets none", () => {
    const policy = (extra: Input) => configOf(webPolicies({ type: "cpu", target: 60 }, { type: "predictive", metric: "cpu", target: 60, ...extra })).services.chat.scaling.policies[1];
    expect(policy({ maxCapacityBreachBehavior: "IncreaseMaxCapacity" })).toMatchObject({ maxCapacityBreachBehavior: "IncreaseMaxCapacity", maxCapacityBufferPercent: 10 });
    expect(policy({ maxCapacityBreachBehavior: "IncreaseMaxCapacity", maxCapacityBufferPercent: 0 })).toMatchObject({ maxCapacityBufferPercent: 0 });
    expect(policy({})).not.toHaveProperty("maxCapacityBufferPercent");
  });

  test("step policies on one metric may face opposite ways", () => {
    const input = webPolicies(
      step({ comparison: "GreaterThanThreshold" }, [{ lowerBound: 0, adjustment: 2 }], { name: "high" }),
      step({ comparison: "LessThanThreshold" }, [{ upperBound: 0, adjustment: -1 }], { name: "low" }),
    );
    expect(problemsOf(input)).toEqual([]);
  });
});

describe("rejected scaling inputs", () => {
  const cases: Array<[string, Input, string]> = [
    ["secondsPerMessage greater than the acceptable latency", workerPolicies({ type: "queue", secondsPerMessage: 120, acceptableLatencySeconds: 60 }),
      "services.jobs.scaling.policies[0].secondsPerMessage = 120: is greater than acceptableLatencySeconds (60); a message could never be processed within the latency"],
    ["zero acceptable latency", workerPolicies({ type: "queue", secondsPerMessage: 1, acceptableLatencySeconds: 0 }),
      "services.jobs.scaling.policies[0].acceptableLatencySeconds = 0: must be greater than 0"],
    ["queue policy on a web service", webPolicies({ type: "queue", secondsPerMessage: 1, acceptableLatencySeconds: 10 }),
      "services.chat.scaling.policies[0].type = \"queue\": a queue policy scales on the worker's SQS queue; it is for kind: worker services only (this is a web)"],
    ["requests policy on a worker", workerPolicies({ type: "queue", secondsPerMessage: 1, acceptableLatencySeconds: 10 }, { type: "requests", target: 100 }),
      "services.jobs.scaling.policies[1].type = \"requests\": a requests policy needs the load balancer; it is for web services only (this is a worker)"],
    ["latency policy on a worker", workerPolicies({ type: "queue", secondsPerMessage: 1, acceptableLatencySeconds: 10 }, { type: "latency", target: 2 }),
      "services.jobs.scaling.policies[1].type = \"latency\": a latency policy needs the load balancer; it is for web services only (this is a worker)"],
    ["predictive on requests for a worker", workerPolicies({ type: "queue", secondsPerMessage: 1, acceptableLatencySeconds: 10 }, { type: "predictive", metric: "requests", target: 100 }),
      "services.jobs.scaling.policies[1].type = \"predictive\": a predictive policy on requests needs the load balancer"],
    ["worker with min 0 and no queue policy", workerPolicies({ type: "cpu", target: 60 }),
      "services.jobs.scaling.min = 0: 0 needs a queue policy: only the queue's backlog can bring a worker back from zero tasks"],
    ["two policies on the same metric", webPolicies({ type: "latency", target: 1 }, { type: "latency", name: "latency-2", target: 2 }),
      "services.chat.scaling.policies[1].type = \"latency\": duplicates policies[0]; two policies on the same metric fight each other, keep one"],
    ["two custom policies on the same metric", webPolicies({ type: "custom", name: "a", target: 1, metric: requestsMetric }, { type: "custom", name: "b", target: 2, metric: requestsMetric }),
      "services.chat.scaling.policies[1].type = \"custom\": duplicates policies[0]"],
    ["two policies with the same name", webPolicies({ type: "custom", target: 1, metric: requestsMetric }, { type: "custom", target: 2, metric: { ...requestsMetric, name: "HTTPCode_Target_5XX_Count" } }),
      "services.chat.scaling.policies[1].type = \"custom\": policies[0] is also named \"custom\"; give one of them a different name"],
    ["a huge target", webPolicies({ type: "requests", target: 1e12 }),
      "services.chat.scaling.policies[0].target = 1000000000000: must be at most 1e9"],
    ["custom with both metric and metrics", webPolicies({ type: "custom", target: 1, metric: requestsMetric, metrics: { a: requestsMetric }, expression: "a" }),
      "services.chat.scaling.policies[0].metric: give either metric, or metrics and expression, not both"],
    ["custom with no metric", webPolicies({ type: "custom", target: 1 }),
      "services.chat.scaling.policies[0]: needs a metric, or metrics and an expression over them"],
    ["metrics without an expression", webPolicies({ type: "custom", target: 1, metrics: { a: requestsMetric } }),
      "services.chat.scaling.policies[0].expression: is required with metrics"],
    ["an expression that leaves a metric unused", webPolicies({ type: "custom", target: 1, metrics: { a: requestsMetric, b: requestsMetric }, expression: "a * 2" }),
      "services.chat.scaling.policies[0].metrics.b: is not used by the expression \"a * 2\""],
    ["a metric id that is not a metric-math id", webPolicies({ type: "custom", target: 1, metrics: { A1: requestsMetric }, expression: "A1" }),
      "services.chat.scaling.policies[0].metrics.A1: name must be a metric-math id"],
    ["an unknown dimension placeholder", webPolicies({ type: "custom", target: 1, metric: { ...requestsMetric, dimensions: { ServiceName: "{svc}" } } }),
      "services.chat.scaling.policies[0].metric.dimensions.ServiceName = \"{svc}\": {svc} is not a placeholder; allowed: {cluster}, {service}, {loadBalancer}, {targetGroup}, {queue}"],
    ["the queue placeholder on a web service", webPolicies({ type: "custom", target: 1, metric: { ...requestsMetric, dimensions: { QueueName: "{queue}" } } }),
      "services.chat.scaling.policies[0].metric.dimensions.QueueName = \"{queue}\": {queue} exists only for workers (this is a web)"],
    ["the target group placeholder on a worker", workerPolicies({ type: "queue", secondsPerMessage: 1, acceptableLatencySeconds: 10 }, { type: "custom", target: 1, metric: requestsMetric }),
      "services.jobs.scaling.policies[1].metric.dimensions.TargetGroup = \"{targetGroup}\": {targetGroup} exists only for web services (this is a worker)"],
    ["a statistic CloudWatch does not have", webPolicies({ type: "custom", target: 1, metric: { ...requestsMetric, statistic: "Median" } }),
      "services.chat.scaling.policies[0].metric.statistic = \"Median\": must be Average, Minimum, Maximum, Sum, SampleCount or a percentile such as p90"],
    ["step bounds with a gap", webPolicies(step({ comparison: "GreaterThanThreshold" }, [{ lowerBound: 0, upperBound: 10, adjustment: 1 }, { lowerBound: 20, adjustment: 2 }])),
      "services.chat.scaling.policies[0].steps[1].lowerBound = 20: leaves a gap after steps[0], which ends at 10; steps must be contiguous"],
    ["step bounds that overlap", webPolicies(step({ comparison: "GreaterThanThreshold" }, [{ lowerBound: 0, upperBound: 10, adjustment: 1 }, { lowerBound: 5, adjustment: 2 }])),
      "services.chat.scaling.policies[0].steps[1].lowerBound = 5: overlaps steps[0], which ends at 10; steps must be contiguous"],
    ["a step whose upper bound is below its lower bound", webPolicies(step({ comparison: "GreaterThanThreshold" }, [{ lowerBound: 0, upperBound: 10, adjustment: 1 }, { lowerBound: 10, upperBound: 5, adjustment: 2 }, { lowerBound: 5, adjustment: 3 }])),
      "services.chat.scaling.policies[0].steps[1].upperBound = 5: must be greater than lowerBound (10)"],
    ["an above-threshold alarm whose first step does not start at 0", webPolicies(step({ comparison: "GreaterThanOrEqualToThreshold" }, [{ lowerBound: 5, adjustment: 1 }])),
      "services.chat.scaling.policies[0].steps[0].lowerBound = 5: must be 0 for a GreaterThanOrEqualToThreshold alarm: the first step starts at the threshold"],
    ["an above-threshold alarm whose last step is closed", webPolicies(step({ comparison: "GreaterThanThreshold" }, [{ lowerBound: 0, upperBound: 50, adjustment: 1 }])),
      "services.chat.scaling.policies[0].steps[0].upperBound = 50: must be left out: the last step of an above-threshold alarm is open upwards"],
    ["a below-threshold alarm whose last step does not end at 0", webPolicies(step({ comparison: "LessThanThreshold" }, [{ upperBound: -5, adjustment: -1 }])),
      "services.chat.scaling.policies[0].steps[0].upperBound = -5: must be 0 for a LessThanThreshold alarm: the last step ends at the threshold"],
    ["a middle step without a lower bound", webPolicies(step({ comparison: "GreaterThanThreshold" }, [{ lowerBound: 0, upperBound: 10, adjustment: 1 }, { adjustment: 2 }])),
      "services.chat.scaling.policies[0].steps[1].lowerBound: is required: only the first step may be open below"],
    ["minAdjustmentMagnitude without PercentChangeInCapacity", webPolicies(step({ comparison: "GreaterThanThreshold" }, [{ lowerBound: 0, adjustment: 1 }], { minAdjustmentMagnitude: 2 })),
      "services.chat.scaling.policies[0].minAdjustmentMagnitude = 2: applies only to PercentChangeInCapacity (adjustmentType is ChangeInCapacity)"],
    ["a negative ExactCapacity", webPolicies(step({ comparison: "GreaterThanThreshold" }, [{ lowerBound: 0, adjustment: -1 }], { adjustmentType: "ExactCapacity" })),
      "services.chat.scaling.policies[0].steps[0].adjustment = -1: is a task count with ExactCapacity and must be 0 or more"],
    ["more datapoints than evaluation periods", webPolicies(step({ comparison: "GreaterThanThreshold", evaluationPeriods: 2, datapointsToAlarm: 3 }, [{ lowerBound: 0, adjustment: 1 }])),
      "services.chat.scaling.policies[0].alarm.datapointsToAlarm = 3: must be at most evaluationPeriods (2)"],
    ["an alarm that looks back more than a day", webPolicies(step({ comparison: "GreaterThanThreshold", periodSeconds: 300, evaluationPeriods: 289 }, [{ lowerBound: 0, adjustment: 1 }])),
      "services.chat.scaling.policies[0].alarm.evaluationPeriods = 289: times periodSeconds (300) is 86700 seconds; CloudWatch allows at most 86400 (1 day) for this period: use at most 288 periods"],
    ["an hourly alarm that looks back more than seven days", webPolicies(step({ comparison: "GreaterThanThreshold", periodSeconds: 3600, evaluationPeriods: 169 }, [{ lowerBound: 0, adjustment: 1 }])),
      "services.chat.scaling.policies[0].alarm.evaluationPeriods = 169: times periodSeconds (3600) is 608400 seconds; CloudWatch allows at most 604800 (7 days) for this period: use at most 168 periods"],
    ["a 10-second alarm on a load balancer metric", webPolicies(step({ comparison: "GreaterThanThreshold", periodSeconds: 10 }, [{ lowerBound: 0, adjustment: 1 }])),
      "services.chat.scaling.policies[0].alarm.periodSeconds = 10: is below 60 but AWS/ApplicationELB RequestCount is published once a minute: the alarm would find no data in most periods and lapse into INSUFFICIENT_DATA; use 60 or more"],
    ["a 30-second alarm on a Container Insights metric in a metric-math alarm",
      webPolicies(step({ comparison: "GreaterThanThreshold", periodSeconds: 30, metric: undefined, metrics: { inflight: { namespace: "Acme/LLM", name: "InFlight" }, tasks: { namespace: "ECS/ContainerInsights", name: "RunningTaskCount" } }, expression: "inflight / tasks" }, [{ lowerBound: 0, adjustment: 1 }])),
      "services.chat.scaling.policies[0].alarm.periodSeconds = 30: is below 60 but ECS/ContainerInsights RunningTaskCount is published once a minute"],
    ["a predictive scheduling buffer of a full hour", webPolicies({ type: "cpu", target: 60 }, { type: "predictive", metric: "cpu", target: 60, schedulingBufferTimeSeconds: 3600 }),
      "services.chat.scaling.policies[1].schedulingBufferTimeSeconds = 3600: must be less than 3600 (AWS requires it below the forecast's one-hour interval)"],
    ["a predictive capacity buffer while the maximum is honoured", webPolicies({ type: "cpu", target: 60 }, { type: "predictive", metric: "cpu", target: 60, maxCapacityBufferPercent: 20 }),
      "services.chat.scaling.policies[1].maxCapacityBufferPercent = 20: applies only with maxCapacityBreachBehavior: IncreaseMaxCapacity (AWS rejects a buffer with HonorMaxCapacity); remove it, or set maxCapacityBreachBehavior: IncreaseMaxCapacity"],
    ["a predictive capacity buffer above 100 percent", webPolicies({ type: "cpu", target: 60 }, { type: "predictive", metric: "cpu", target: 60, maxCapacityBreachBehavior: "IncreaseMaxCapacity", maxCapacityBufferPercent: 150 }),
      "services.chat.scaling.policies[1].maxCapacityBufferPercent = 150: must be at most 100 (percent of the forecast, the AWS limit)"],
    ["an unknown alarm comparison", webPolicies(step({ comparison: "Above" }, [{ lowerBound: 0, adjustment: 1 }])),
      "services.chat.scaling.policies[0].alarm.comparison = \"Above\": must be one of: GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold"],
    ["a schedule that changes nothing", withChat({ scaling: { schedules: [{ name: "noop", schedule: "rate(1 day)" }] } }),
      "services.chat.scaling.schedules[0]: sets neither min nor max; a scheduled action must change at least one"],
    ["a malformed cron expression", withChat({ scaling: { schedules: [{ name: "bad", schedule: "cron(0 8 * *)", min: 2 }] } }),
      "services.chat.scaling.schedules[0].schedule = \"cron(0 8 * *)\": cron needs 6 fields (minutes hours day-of-month month day-of-week year), not 4"],
    ["a schedule that is no expression at all", withChat({ scaling: { schedules: [{ name: "bad", schedule: "every day", min: 2 }] } }),
      "services.chat.scaling.schedules[0].schedule = \"every day\": must be \"cron(min hour day-of-month month day-of-week year)\", \"at(yyyy-mm-ddThh:mm:ss)\" or \"rate(N minutes|hours|days)\""],
    ["a cron hour out of range", withChat({ scaling: { schedules: [{ name: "bad", schedule: "cron(0 25 ? * MON-FRI *)", min: 2 }] } }),
      "services.chat.scaling.schedules[0].schedule = \"cron(0 25 ? * MON-FRI *)\": hours field: \"25\" is not in 0-23"],
    ["a cron with both day fields set", withChat({ scaling: { schedules: [{ name: "bad", schedule: "cron(0 1 * * * *)", min: 2 }] } }),
      "services.chat.scaling.schedules[0].schedule = \"cron(0 1 * * * *)\": cron(0 1 * * * *): exactly one of day-of-month (\"*\") and day-of-week (\"*\") must be \"?\""],
    ["an at() date that does not exist", withChat({ scaling: { schedules: [{ name: "bad", schedule: "at(2026-02-30T08:00:00)", min: 2 }] } }),
      "services.chat.scaling.schedules[0].schedule = \"at(2026-02-30T08:00:00)\": at(2026-02-30T08:00:00): 2026-02 has days 1-28, not 30"],
    ["a rate beyond any date", withChat({ scaling: { schedules: [{ name: "bad", schedule: "rate(99999999 days)", min: 2 }] } }),
      "services.chat.scaling.schedules[0].schedule = \"rate(99999999 days)\": rate(99999999 days) is longer than 100 years"],
    ["an unknown time zone", withChat({ scaling: { schedules: [{ name: "tz", schedule: "cron(0 8 ? * MON-FRI *)", timezone: "Mars/Olympus", min: 2 }] } }),
      "services.chat.scaling.schedules[0].timezone = \"Mars/Olympus\": must be an IANA time zone such as \"UTC\" or \"Europe/Berlin\""],
    ["a schedule with min above its max", withChat({ scaling: { schedules: [{ name: "inverted", schedule: "rate(1 day)", min: 5, max: 3 }] } }),
      "services.chat.scaling.schedules[0].min = 5: is greater than this schedule's max (3)"],
    ["a schedule min above scaling.max", withChat({ scaling: { schedules: [{ name: "big", schedule: "rate(1 day)", min: 9 }] } }),
      "services.chat.scaling.schedules[0].min = 9: is greater than scaling.max (4); set max in this schedule too"],
    ["a schedule that takes a web service to 0", withChat({ scaling: { schedules: [{ name: "off", schedule: "rate(1 day)", min: 0 }] } }),
      "services.chat.scaling.schedules[0].min = 0: would leave the service at 0 tasks with no queue policy to bring it back"],
    ["two schedules with one name", withChat({ scaling: { schedules: [{ name: "s", schedule: "rate(1 day)", min: 2 }, { name: "s", schedule: "rate(2 days)", min: 1 }] } }),
      "services.chat.scaling.schedules[1].name = \"s\": is used by another schedule of this service; names must be unique"],
    ["a visibility timeout shorter than the processing time", withWorker({ queue: { visibilityTimeoutSeconds: 5 } }),
      "services.jobs.queue.visibilityTimeoutSeconds = 5: is less than the queue policy's secondsPerMessage (10); a message would reappear and be processed twice"],
    ["the queue URL variable also set by hand", withWorker({ environment: { QUEUE_URL: "x" } }),
      "services.jobs.queue.urlVariable = \"QUEUE_URL\": QUEUE_URL is also set in environment or secrets"],
    ["a worker with routing", withWorker({ routing: { pathPrefix: "/jobs" } }),
      "services.jobs.routing = a mapping: unknown field; allowed fields here: kind, image, cpu, memory"],
    ["an unknown service kind", merge(baseInput(), { services: { chat: { kind: "cron" } } }),
      "services.chat.kind = \"cron\": kind must be one of: web, worker"],
  ];

  test.each(cases)("%s", (_name, input, expected) => {
    expect(problemsOf(input)).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });
});
