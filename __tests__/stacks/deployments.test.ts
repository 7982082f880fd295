import { baseInput, configOf, EXISTING_NETWORK, Input, merge, oneResource, problemsOf, resourcesOf, synthEnvironment, TerraformJson, withChat, withWorker } from "../helpers";

function synth(input: Input): TerraformJson {
  return JSON.parse(synthEnvironment(configOf(input))) as TerraformJson;
}
/** A GPU chat service (one g6.xlarge per task) scaling on CPU, as the GPU default strategy expects. */
const gpuChat = (chat: Input = {}) =>
  withChat({ cpu: 3072, memory: 12288, ...chat, compute: { type: "gpu", instanceTypes: ["g6.xlarge"] } }, { network: EXISTING_NETWORK });
const service = (json: TerraformJson) => oneResource(json, "aws_ecs_service");

describe("deployment strategy defaults", () => {
  test("a GPU web service deploys blue/green: a full new set is checked before traffic moves", () => {
    expect(configOf(gpuChat()).services.chat.deployment).toEqual({
      strategy: "blue-green",
      bakeMinutes: 15,
      canary: undefined,
      linear: undefined,
      alarms: ["acme-test-chat-errors", "acme-test-chat-latency"],
    });
  });

  test("a Fargate web service and a worker deploy rolling", () => {
    expect(configOf(withChat({})).services.chat.deployment.strategy).toBe("rolling");
    expect(configOf(withWorker()).services.jobs.deployment.strategy).toBe("rolling");
  });

  test("a GPU web service that scales on its target group's requests deploys rolling", () => {
    const input = gpuChat({ scaling: { min: 1, max: 4, policies: [{ type: "requests", target: 100 }] } });
    expect(configOf(input).services.chat.deployment.strategy).toBe("rolling");
  });

  test("a rolling service with alarms rolls back on them, and adds no deployment_configuration", () => {
    const ecs = service(synth(withChat({})));
    expect(ecs.alarms).toEqual({ alarm_names: ["acme-test-chat-errors", "acme-test-chat-latency"], enable: true, rollback: true });
    expect(ecs.deployment_configuration).toBeUndefined();
    expect(ecs.deployment_circuit_breaker).toEqual({ enable: true, rollback: true });
  });

  test("without the service's own alarms and none given, no alarms block", () => {
    expect(service(synth(withChat({ alarms: { enabled: false } }))).alarms).toBeUndefined();
  });
});

describe("blue/green, canary and linear deployments", () => {
  test("blue/green: the ECS strategy with its bake time", () => {
    expect(service(synth(gpuChat({ deployment: { bakeMinutes: 30 } }))).deployment_configuration).toEqual({ strategy: "BLUE_GREEN", bake_time_in_minutes: "30" });
  });

  test("canary: the share and the minutes before the rest moves, ECS-style strings for minutes", () => {
    const ecs = service(synth(withChat({ deployment: { strategy: "canary", canaryPercent: 12.5, stepMinutes: 20 } })));
    expect(ecs.deployment_configuration).toEqual({
      strategy: "CANARY",
      bake_time_in_minutes: "15",
      canary_configuration: { canary_percent: 12.5, canary_bake_time_in_minutes: "20" },
    });
  });

  test("linear: defaults of 20% per step every 6 minutes", () => {
    const ecs = service(synth(withChat({ deployment: { strategy: "linear" } })));
    expect(ecs.deployment_configuration.linear_configuration).toEqual({ step_percent: 20, step_bake_time_in_minutes: "6" });
  });

  test("a second target group like the first, and a listener rule that forwards to both, weighted, its action left to ECS", () => {
    const json = synth(gpuChat());
    const groups = resourcesOf(json, "aws_lb_target_group");
    expect(groups.map((group) => group.name).sort()).toEqual(["acme-test-chat", "acme-test-chat-g"]);
    expect(groups[0].health_check).toEqual(groups[1].health_check);
    const rule = oneResource(json, "aws_lb_listener_rule");
    expect(rule.action[0].forward.target_group.map((group: { weight: number }) => group.weight)).toEqual([100, 0]);
    expect(rule.lifecycle).toEqual({ ignore_changes: ["action"] });
  });

  test("the service's load balancer names the alternate target group, the production rule and the role that moves traffic", () => {
    const json = synth(gpuChat());
    const advanced = service(json).load_balancer[0].advanced_configuration;
    expect(advanced).toEqual({
      alternate_target_group_arn: expect.stringMatching(/alternate-target-group.*\.arn\}$/),
      production_listener_rule: expect.stringMatching(/aws_lb_listener_rule\..*\.arn\}$/),
      role_arn: expect.stringMatching(/traffic-role.*\.arn\}$/),
    });
    const role = resourcesOf(json, "aws_iam_role").find((r) => r.name === "acme-test-chat-deploy")!;
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal).toEqual({ Service: "ecs.amazonaws.com" });
    expect(resourcesOf(json, "aws_iam_role_policy_attachment").map((a) => a.policy_arn)).toContain(
      "arn:aws:iam::aws:policy/service-role/AmazonECSInfrastructureRolePolicyForLoadBalancers",
    );
  });

  test("the rollback alarms watch both target groups", () => {
    const json = synth(gpuChat());
    const errors = resourcesOf(json, "aws_cloudwatch_metric_alarm").find((a) => a.alarm_name === "acme-test-chat-errors")!;
    const groups = errors.metric_query.filter((q: any) => q.metric).map((q: any) => q.metric.dimensions.TargetGroup);
    expect(new Set(groups).size).toBe(2);
    expect(errors.metric_query.find((q: any) => q.return_data).expression).toBe(
      "IF((FILL(requests1, 0) + FILL(requests2, 0)) > 0, 100 * (FILL(errors1, 0) + FILL(errors2, 0)) / (FILL(requests1, 0) + FILL(requests2, 0)), 0)",
    );
    const latency = resourcesOf(json, "aws_cloudwatch_metric_alarm").find((a) => a.alarm_name === "acme-test-chat-latency")!;
    expect(latency.metric_query.map((q: any) => q.expression ?? q.metric.stat)).toEqual(["p90", "p90", "MAX([FILL(m1, 0), FILL(m2, 0)])"]);
  });

  test("the dashboard charts requests, response times and 5xx of both target groups", () => {
    const body = JSON.parse(oneResource(synth(gpuChat()), "aws_cloudwatch_dashboard").dashboard_body);
    const requests = body.widgets.find((w: any) => w.properties.title === "Requests").properties.metrics;
    const groups = requests.map((m: any[]) => m[m.indexOf("TargetGroup") + 1]);
    expect(groups).toHaveLength(2);
    expect(new Set(groups).size).toBe(2);
    expect(requests.map((m: any[]) => m[m.length - 1].label)).toEqual(["Requests", "Requests (second target group)"]);
  });

  test("given alarms roll back after the service's own", () => {
    const alarms = configOf(gpuChat({ deployment: { alarms: ["model-quality-drop"] } })).services.chat.deployment.alarms;
    expect(alarms).toEqual(["acme-test-chat-errors", "acme-test-chat-latency", "model-quality-drop"]);
  });

  test("the GPU group is sized for a second full set of tasks", () => {
    const blueGreen = oneResource(synth(gpuChat()), "aws_autoscaling_group").max_size;
    const rolling = oneResource(synth(gpuChat({ deployment: { strategy: "rolling" } })), "aws_autoscaling_group").max_size;
    expect([rolling, blueGreen]).toEqual([5, 9]);
  });

  test("the plan stops, with the command that fixes it, while the production rule does not forward to both groups", () => {
    const json = synth(gpuChat());
    const rule = Object.keys(json.resource.aws_lb_listener_rule)[0];
    const [check] = service(json).lifecycle.precondition;
    expect(check.condition).toBe(`\${length(flatten([for action in aws_lb_listener_rule.${rule}.action : [for forward in action.forward : tolist(forward.target_group)]])) == 2}`);
    expect(check.error_message).toContain(`Recreate it once: terraform apply -replace=aws_lb_listener_rule.${rule}`);
  });

  test("the service waits for its infrastructure roles' policies", () => {
    const json = synth(gpuChat({ modelCache: { ebs: { sizeGiB: 40 } } }));
    const attachments = Object.entries(json.resource.aws_iam_role_policy_attachment)
      .filter(([id]) => id.includes("traffic-role-policy") || id.includes("volume-role-policy"))
      .map(([id]) => `aws_iam_role_policy_attachment.${id}`);
    expect(attachments).toHaveLength(2);
    expect(service(json).depends_on).toEqual(expect.arrayContaining(attachments));
  });

  test("rolling adds no second target group and no traffic role", () => {
    const json = synth(gpuChat({ deployment: { strategy: "rolling" } }));
    expect(resourcesOf(json, "aws_lb_target_group")).toHaveLength(1);
    expect(service(json).load_balancer[0].advanced_configuration).toBeUndefined();
    expect(oneResource(json, "aws_lb_listener_rule").action[0].target_group_arn).toBeDefined();
  });
});

describe("rejected deployments", () => {
  const cases: Array<[string, Input, string]> = [
    ["blue/green for a worker", withWorker({ deployment: { strategy: "blue-green" } }), 'services.jobs.deployment.strategy = "blue-green": moves traffic between two target groups of a load balancer, which a worker has none of; workers deploy rolling'],
    ["an unknown strategy", withChat({ deployment: { strategy: "recreate" } }), 'services.chat.deployment.strategy = "recreate": must be one of: rolling, blue-green, canary, linear'],
    ["a canary share below 0.1%", withChat({ deployment: { strategy: "canary", canaryPercent: 0.05 } }), "services.chat.deployment.canaryPercent = 0.05: must be at least 0.1"],
    ["a canary share not in tenths", withChat({ deployment: { strategy: "canary", canaryPercent: 12.34 } }), "services.chat.deployment.canaryPercent = 12.34: must be a multiple of 0.1 (ECS takes percentages in tenths)"],
    ["a linear step below 3%", withChat({ deployment: { strategy: "linear", linearStepPercent: 2 } }), "services.chat.deployment.linearStepPercent = 2: must be at least 3"],
    ["a bake time over a day", withChat({ deployment: { bakeMinutes: 1441 } }), "services.chat.deployment.bakeMinutes = 1441: must be at most 1440 (a day, the ECS limit)"],
    ["canaryPercent with blue/green", gpuChat({ deployment: { canaryPercent: 10 } }), "services.chat.deployment.canaryPercent = 10: applies to strategy canary only (this service deploys blue-green)"],
    ["stepMinutes with rolling", withChat({ deployment: { stepMinutes: 5 } }), "services.chat.deployment.stepMinutes = 5: applies to strategy canary or linear only (this service deploys rolling)"],
    ["more than 10 alarms", withChat({ deployment: { alarms: Array.from({ length: 11 }, (_, i) => `alarm-${i}`) } }), "services.chat.deployment.alarms = a list of 11: must list at most 10 alarms (this project's cap, besides the service's own: AWS names none)"],
    ["an alarm name with a comma", withChat({ deployment: { alarms: ["errors,latency"] } }), 'services.chat.deployment.alarms[0] = "errors,latency": must not contain "," (ECS separates deployment alarm names with ",")'],
    ["an alarm name with a control character", withChat({ deployment: { alarms: ["errors\u0007"] } }), "must not contain control characters (a CloudWatch alarm name)"],
    ["an alarm name over 255 characters", withChat({ deployment: { alarms: ["a".repeat(256)] } }), "must be at most 255 characters (a CloudWatch alarm name)"],
    [
      "blue/green with a requests policy",
      gpuChat({ deployment: { strategy: "blue-green" }, scaling: { min: 1, max: 4, policies: [{ type: "requests", target: 100 }] } }),
      'services.chat.deployment.strategy = "blue-green": moves traffic to a second target group, but scaling.policies[0] (type requests) scales on the first one\'s metrics',
    ],
    [
      "blue/green with a step alarm on the target group",
      gpuChat({
        deployment: { strategy: "blue-green" },
        scaling: {
          min: 1,
          max: 4,
          policies: [
            {
              type: "step",
              alarm: { metric: { namespace: "AWS/ApplicationELB", name: "RequestCountPerTarget", dimensions: { TargetGroup: "{targetGroup}" }, statistic: "Sum" }, threshold: 100, comparison: "GreaterThanOrEqualToThreshold" },
              steps: [{ lowerBound: 0, adjustment: 1 }],
            },
          ],
        },
      }),
      "scaling.policies[0] (type step) scales on the first one's metrics",
    ],
    [
      "a second target group name over 32 characters",
      // acme-test-chat-completions-v2-xl is a 32-character target group name (the limit); the second one is 34.
      merge(baseInput(), { services: { chat: undefined, "chat-completions-v2-xl": { ...((baseInput().services as Input).chat as Input), deployment: { strategy: "canary" } } } }),
      'services.chat-completions-v2-xl.deployment.strategy = "canary": needs a second target group, "acme-test-chat-completions-v2-xl-g", 34 characters long; AWS allows at most 32',
    ],
    [
      "GPU instances too few for a second set",
      merge(gpuChat(), { services: { chat: { compute: { maxInstances: 4 } } } }),
      "services.chat.compute.maxInstances = 4: cannot hold a blue-green deployment at full scale: it starts a second set, 2 x scaling.max = 8 tasks, which needs 8 g6.xlarge instances",
    ],
  ];

  test.each(cases)("%s", (_name, input, expected) => {
    expect(problemsOf(input)).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });
});

describe("the load balancer's target groups", () => {
  /** `count` web services on the shared load balancer, the first `shifting` of them with blue/green deployments. */
  const webServices = (count: number, shifting: number): Input => {
    const chat = (baseInput().services as Record<string, Input>).chat;
    const services = Object.fromEntries(
      Array.from({ length: count }, (_, i) => [
        `s${i}`,
        merge(chat, { routing: { pathPrefix: `/s${i}` }, ...(i < shifting ? { deployment: { strategy: "blue-green" } } : {}) }),
      ]),
    );
    return { ...baseInput(), services };
  };

  test("a blue/green service counts two target groups: 100 in all is accepted", () => {
    expect(problemsOf(webServices(60, 40)).filter((p) => p.includes("target groups"))).toEqual([]);
  });

  test("more than an Application Load Balancer's 100 target groups is refused at the service that goes over", () => {
    expect(problemsOf(webServices(60, 41)).filter((p) => p.includes("target groups"))).toEqual([
      "config/test.yaml:508: services.s59: brings the load balancer's target groups to 101 (101 in all); an Application Load Balancer takes at most 100, and a web service with a blue-green, canary or linear deployment has two: deploy some services rolling, or split the environment",
    ]);
  });
});

