import { MODULE_INPUTS, MODULE_POLICY_TYPES, NOT_OFFERED_POLICY_TYPES } from "../../lib/module/inputs";
import { synthesizeModule } from "../../lib/module/module-files";
import { MODULE_POLICY_RULES } from "../../lib/module/policy-rules";
import { POLICY_DEFINITIONS, POLICY_TYPES } from "../../lib/scaling/policies/definitions";

/**
 * The module's scaling: every policy kind of the project, each built by the kind's own code
 * from one policy's fields (`each.value`), with the choices the kind makes on config values
 * made by Terraform; scheduled actions; and the rules the config applies to a policy.
 */

const json = synthesizeModule().toTerraform() as Record<string, any>;
const policy = (name: string) => json.resource.aws_appautoscaling_policy[`autoscaling_policy_${name}`];
const alarm = (name: string) => json.resource.aws_cloudwatch_metric_alarm[`autoscaling_policy_${name}`];
const entries = (type: string) => `\${{ for policy in var.policies : coalesce(policy.name, policy.type) => policy if policy.type == "${type}" }}`;
const validations = (variable: string): { condition: string; error_message: string }[] => json.variable[variable].validation;

describe("every policy kind is offered", () => {
  test("var.policies takes every kind but predictive and server, which have variables of their own", () => {
    expect(NOT_OFFERED_POLICY_TYPES).toEqual([]);
    expect([...MODULE_POLICY_TYPES, "predictive", "server"].sort()).toEqual([...POLICY_TYPES].sort());
    expect(Object.keys(MODULE_INPUTS)).toContain("server_policies");
    expect(json.variable.policies.type).toContain("type = string");
    expect(validations("policies")[1].condition).toBe(`\${alltrue([for item in var.policies : contains([${MODULE_POLICY_TYPES.map((t) => `"${t}"`).join(", ")}], item.type)])}`);
    expect(Object.keys(MODULE_INPUTS)).toContain("predictive_policy");
  });

  test.each(MODULE_POLICY_TYPES)("%s: one policy resource over the policies of that kind, keyed by name", (type) => {
    expect(policy(type).for_each).toBe(entries(type));
    expect(policy(type).name).toBe("${var.name}-${each.key}");
  });

  test("predictive: one policy from predictive_policy, named predictive unless it names itself", () => {
    expect(policy("predictive").for_each).toBe('${var.predictive_policy == null ? {} : { (coalesce(var.predictive_policy.name, "predictive")) = var.predictive_policy }}');
  });

  test("server: one policy resource over server_policies, named server unless it names itself", () => {
    expect(policy("server").for_each).toBe('${{ for policy in var.server_policies : coalesce(policy.name, "server") => policy }}');
    expect(policy("server").target_tracking_scaling_policy_configuration.target_value).toBe("${each.value.target}");
  });

  test("target tracking settings come from the policy", () => {
    expect(policy("cpu").target_tracking_scaling_policy_configuration).toEqual({
      target_value: "${each.value.target}",
      scale_in_cooldown: "${each.value.scale_in_cooldown_seconds}",
      scale_out_cooldown: "${each.value.scale_out_cooldown_seconds}",
      disable_scale_in: "${each.value.disable_scale_in}",
      predefined_metric_specification: { predefined_metric_type: "ECSServiceAverageCPUUtilization" },
    });
  });

  test("requests: the resource label is the listener's load balancer and the target group", () => {
    expect(policy("requests").target_tracking_scaling_policy_configuration.predefined_metric_specification.resource_label).toBe(
      '${try(regex("listener/(app/[^/]+/[^/]+)/", var.listener_arn)[0], "")}/${join("", aws_lb_target_group.route_target_group[*].arn_suffix)}',
    );
  });
});

describe("choices a kind makes on its values, made by Terraform", () => {
  test("custom: metric, or metrics and an expression, become the queries the config's would", () => {
    const spec = policy("custom").target_tracking_scaling_policy_configuration.customized_metric_specification;
    expect(spec.metrics).toBeUndefined();
    expect(spec.dynamic.metrics.for_each).toBe(
      '${concat(each.value.metric != null ? [{ id = "m1", label = "${each.key} metric", return_data = true, stat = each.value.metric, expression = tostring(null) }] : [for id, stat in each.value.metrics : { id = id, label = tostring(null), return_data = false, stat = stat, expression = tostring(null) }], each.value.metric != null ? [] : [{ id = "e1", label = "${each.key} metric", return_data = true, stat = each.value.metric, expression = each.value.expression }])}',
    );
    const stat = spec.dynamic.metrics.content.dynamic.metric_stat;
    expect(stat.for_each).toBe("${metrics.value.stat == null ? [] : [metrics.value.stat]}");
    expect(stat.content.metric.dynamic.dimensions.content.value).toBe(
      '${replace(replace(replace(replace(replace(dimensions.value, "{cluster}", element(split("/", var.cluster_arn), 1)), "{service}", var.name), "{loadBalancer}", try(regex("listener/(app/[^/]+/[^/]+)/", var.listener_arn)[0], "")), "{targetGroup}", join("", aws_lb_target_group.route_target_group[*].arn_suffix)), "{queue}", var.name)}',
    );
  });

  test("server: the queries of every meaning (serverQueries), the policy's chosen by Terraform, in the sidecar's namespace", () => {
    const spec = policy("server").target_tracking_scaling_policy_configuration.customized_metric_specification;
    const forEach: string = spec.dynamic.metrics.for_each;
    expect(forEach.endsWith("}[each.value.metric]}")).toBe(true);
    expect(forEach).toContain('kvCacheUsage = [{ id = "kv", label = null, return_data = false, stat = { namespace = try(var.server_metrics.namespace, null), name = "KvCacheUsage"');
    expect(forEach).toContain('{ id = "e1", label = "KV cache usage per task (%)", return_data = true, stat = null, expression = "100 * kv" }');
    expect(forEach).toContain('expression = "IF(running > 0, tokens / 60 / running, 0)"');
    expect(forEach).toContain('waiting = [{ id = "m1", label = "Requests waiting per task", return_data = true, stat = { namespace = try(var.server_metrics.namespace, null), name = "RequestsWaiting", dimensions = { ClusterName = "{cluster}", ServiceName = "{service}" }, statistic = "Average", unit = null }, expression = null }]');
  });

  test("server: a KV-cache target is a percentage, two policies on one metric fight", () => {
    const rules = validations("server_policies");
    expect(rules).toContainEqual({ condition: '${alltrue([for policy in var.server_policies : policy.metric != "kvCacheUsage" || policy.target <= 100])}', error_message: "server_policies: target must be at most 100 for kvCacheUsage (it is a percentage)." });
    expect(rules.map((r) => r.condition)).toContain('${length(distinct([for policy in var.server_policies : "server:${policy.metric}"])) == length(var.server_policies)}');
  });

  test("queue: the backlog target is ceil(latency / seconds per message), computed by Terraform", () => {
    expect(policy("queue").target_tracking_scaling_policy_configuration.target_value).toBe("${ceil(each.value.acceptable_latency_seconds / each.value.seconds_per_message)}");
  });

  test("queue: with min_capacity 0 the backlog has the idle floor, and scale to zero exists", () => {
    const backlog = policy("queue").target_tracking_scaling_policy_configuration.customized_metric_specification.metrics[2];
    expect(backlog.expression).toBe('${var.min_capacity == 0 ? "IF(running > 0, visible / running, visible) + 0.001" : "IF(running > 0, visible / running, visible)"}');
    const onlyAtZero = `\${{ for key, entry in ${entries("queue").slice(2, -1)} : key => entry if var.min_capacity == 0 }}`;
    for (const name of ["queue_scale_to_zero_wake", "queue_scale_to_zero_sleep"]) {
      expect(policy(name).for_each).toBe(onlyAtZero);
      expect(alarm(`${name}_alarm`).for_each).toBe(onlyAtZero);
      expect(policy(name).count).toBeUndefined();
    }
  });

  test("an alarm invokes its own policy: the instance of the same key", () => {
    expect(alarm("step_alarm").alarm_actions).toEqual(["${aws_appautoscaling_policy.autoscaling_policy_step[each.key].arn}"]);
    expect(alarm("queue_scale_to_zero_sleep_alarm").alarm_actions).toEqual(["${aws_appautoscaling_policy.autoscaling_policy_queue_scale_to_zero_sleep[each.key].arn}"]);
  });

  test("step: the steps and the alarm's queries are dynamic blocks; a left-out datapoints_to_alarm is evaluation_periods", () => {
    const config = policy("step").step_scaling_policy_configuration;
    expect(config.step_adjustment).toBeUndefined();
    expect(config.dynamic.step_adjustment.for_each).toBe("${each.value.steps}");
    expect(config.dynamic.step_adjustment.content.metric_interval_lower_bound).toBe("${step_adjustment.value.lower_bound == null ? null : tostring(step_adjustment.value.lower_bound)}");
    const stepAlarm = alarm("step_alarm");
    expect(stepAlarm.datapoints_to_alarm).toBe("${coalesce(each.value.alarm.datapoints_to_alarm, each.value.alarm.evaluation_periods)}");
    expect(stepAlarm.metric_query).toBeUndefined();
    expect(stepAlarm.dynamic.metric_query.content.dynamic.metric.content.period).toBe("${each.value.alarm.period_seconds}");
  });

  test("predictive: the metric pair by the metric's name, and a resource label only on requests", () => {
    const pair = policy("predictive").predictive_scaling_policy_configuration.metric_specification[0].predefined_metric_pair_specification;
    expect(pair.predefined_metric_type).toBe('${lookup({ cpu = "ECSServiceCPUUtilization", memory = "ECSServiceMemoryUtilization", requests = "ALBRequestCount" }, each.value.metric)}');
    expect(pair.resource_label).toMatch(/^\$\{each\.value\.metric == "requests" \? ".*" : null\}$/);
  });
});

describe("scheduled actions", () => {
  test("one per schedule, keyed by name, changing the bounds it sets", () => {
    const action = json.resource.aws_appautoscaling_scheduled_action.autoscaling_schedule;
    expect(action).toMatchObject({
      for_each: "${{ for schedule in var.schedules : schedule.name => schedule }}",
      name: "${var.name}-${each.key}",
      schedule: "${each.value.schedule}",
      timezone: "${each.value.timezone}",
      scalable_target_action: { min_capacity: "${each.value.min}", max_capacity: "${each.value.max}" },
    });
  });

  test("schedules: unique names, at least one bound each, min at most max", () => {
    expect(validations("schedules").map((v) => v.error_message)).toEqual(
      expect.arrayContaining(["schedules must have unique names.", "every schedule must set min, max or both: a scheduled action changes at least one.", "a schedule's min must be at most its max."]),
    );
  });
});

describe("the config's rules over a policy's fields", () => {
  test("every kind with rules over its fields in the config has them in the module", () => {
    const withFindings = POLICY_TYPES.filter((type) => POLICY_DEFINITIONS[type].findings);
    // Web-only and worker-only findings depend on the service kind: preconditions, not variable rules.
    const kindOnly = ["requests", "latency", "predictive"];
    expect(withFindings.filter((type) => !kindOnly.includes(type) && !NOT_OFFERED_POLICY_TYPES.includes(type) && !MODULE_POLICY_RULES[type].rules)).toEqual([]);
  });

  test("a metric's dimensions follow CloudWatch's rules: at most 30, names and values by pattern", () => {
    const rules = validations("policies");
    expect(rules).toContainEqual({
      condition: '${alltrue([for item in var.policies : item.type == "custom" ? (item.metric == null ? true : (length(item.metric.dimensions) <= 30)) : true])}',
      error_message: 'policies of type "custom": metric.dimensions must have at most 30 entries.',
    });
    const names = rules.find((r) => r.error_message.startsWith('policies of type "step": every key of policies[*].alarm.metric.dimensions must be at least 1 characters long, at most 255 characters long'));
    expect(names?.condition).toContain('length(key2) >= 1 && length(key2) <= 255 && can(regex("^(?: {1,254}[\\\\x21-\\\\x7E]|[\\\\x21-\\\\x39\\\\x3B-\\\\x7E])[\\\\x20-\\\\x7E]{0,254}$", key2))');
    const values = rules.find((r) => r.error_message.startsWith('policies of type "custom": metrics[*].dimensions[*] must be at least 1 characters long, at most 1024 characters long'));
    expect(values?.condition).toContain('alltrue([for value3 in values(value2.dimensions) : length(value3) >= 1 && length(value3) <= 1024 && can(regex("^ *[\\\\x21-\\\\x7E][\\\\x20-\\\\x7E]*$", value3))])');
  });

  test("names and metrics are unique", () => {
    const rules = validations("policies").map((v) => v.condition);
    expect(rules).toContain("${length(distinct([for policy in var.policies : coalesce(policy.name, policy.type)])) == length(var.policies)}");
    expect(rules.find((c) => c.includes("distinct([for policy in var.policies : policy.type == \"custom\""))).toBeDefined();
  });

  test("a kind's rules apply to its policies once their required fields are there", () => {
    const step = validations("policies").filter((v) => v.error_message.startsWith('policies of type "step": steps must be contiguous'));
    expect(step).toHaveLength(1);
    expect(step[0].condition).toMatch(/^\$\{alltrue\(\[for policy in var\.policies : policy\.type == "step" \? \(policy\.alarm == null \|\| policy\.steps == null \? true : /);
  });
});
