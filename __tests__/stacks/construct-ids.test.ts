import { Testing } from "cdktf";
import { serviceAlarmKinds } from "../../lib/config/validate-names";
import { ENVIRONMENT_CONSTRUCT_IDS, ENVIRONMENT_OUTPUTS, environmentAddressPath, SERVICE_OUTPUTS, serviceOutputName, stateBucketOutputName } from "../../lib/app/stack-ids";
import { loadEnvironmentDirectory } from "../../lib/config/load";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { StateStack } from "../../stacks/state-stack";
import { baseInput, configOf, merge, problemsOf, TerraformJson, withChat } from "../helpers";

/** Construct ids, Terraform addresses and output names that no config can make collide. */

const web = (path: string) => ({
  image: "ghcr.io/acme/llm-server:1.4.2",
  cpu: 1024,
  memory: 2048,
  routing: { pathPrefix: path },
  scaling: { min: 1, max: 4, policies: [{ type: "cpu", target: 60 }] },
});
const worker = () => ({
  kind: "worker",
  image: "ghcr.io/acme/worker:1.0.0",
  cpu: 1024,
  memory: 2048,
  scaling: { min: 1, max: 4, policies: [{ type: "cpu", target: 60 }] },
});

function synth(input: Record<string, unknown>): TerraformJson {
  const config = configOf(input, "test");
  return JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), "test", { config })));
}

const addresses = (json: TerraformJson, type: string) => Object.keys(json.resource[type] ?? {}).sort();

describe("services named like the stack's own constructs", () => {
  // Each name the stack uses for a construct of its own, as a web service and as a worker.
  const fixed = Object.values(ENVIRONMENT_CONSTRUCT_IDS);
  const services = Object.fromEntries(fixed.map((name, i) => [name, i % 2 === 0 ? web(`/p${i}`) : worker()]));
  const json = synth({ ...baseInput(), services });

  test("synthesize, each with its own ECS service, task definition and roles", () => {
    expect(Object.values(json.resource.aws_ecs_service).map((s) => s.name).sort()).toEqual([...fixed].sort());
    expect(Object.keys(json.resource.aws_ecs_task_definition)).toHaveLength(fixed.length);
    expect(Object.keys(json.resource.aws_iam_role)).toHaveLength(2 * fixed.length);
  });

  test("keep the services scope in their addresses, apart from the stack's own cluster and load balancer", () => {
    const services = addresses(json, "aws_ecs_service");
    expect(new Set(services).size).toBe(fixed.length);
    // cdktf leaves a repeated path element out of the readable part ("services_runtime_service"); the hash covers the whole path.
    for (const name of fixed) expect(services).toContainEqual(expect.stringMatching(new RegExp(`^services_(${name}_)?runtime_service_[0-9A-F]{8}$`)));
    expect(addresses(json, "aws_ecs_cluster")).toEqual([expect.stringMatching(/^cluster_[0-9A-F]{8}$/)]);
    expect(addresses(json, "aws_lb")).toEqual([expect.stringMatching(/^load-balancer_alb_[0-9A-F]{8}$/)]);
  });

  test("have outputs of their own beside the stack's own", () => {
    expect(Object.keys(json.output).sort()).toEqual(
      [
        ...Object.values(ENVIRONMENT_OUTPUTS),
        ...fixed.flatMap((name, i) =>
          i % 2 === 0
            ? [serviceOutputName(name, "url"), serviceOutputName(name, "serviceName"), serviceOutputName(name, "logGroup"), serviceOutputName(name, "alarmArns")]
            : [serviceOutputName(name, "alarmArns"), serviceOutputName(name, "queueUrl"), serviceOutputName(name, "deadLetterQueueUrl"), serviceOutputName(name, "serviceName"), serviceOutputName(name, "logGroup")],
        ),
      ].sort(),
    );
  });
});

test("the addresses of the shipped configs' resources are the ones they had before services got a scope of their own", () => {
  const dev = loadEnvironmentDirectory("config").find((c) => c.environment === "dev")!;
  const json: TerraformJson = JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), "dev", { config: dev })));
  // Addresses of the dev stack as released (synthesized before the change).
  expect(addresses(json, "aws_ecs_service")).toEqual(["embeddings_runtime_service_E807CA9C"]);
  expect(addresses(json, "aws_ecs_task_definition")).toEqual(["embeddings_runtime_task-definition_task_A81CF77F"]);
  expect(addresses(json, "aws_appautoscaling_policy")).toEqual(["embeddings_runtime_autoscaling_policy-cpu_64B853E3"]);
  expect(addresses(json, "aws_ecs_cluster")).toEqual(["cluster_A4C38409"]);
});

test("a worker a beside web services a-queue and a-dead-letter-queue: every output kept, none overwritten", () => {
  const json = synth(merge(withChat({}), { services: { a: worker(), "a-queue": web("/aq"), "a-dead-letter-queue": web("/adlq") } }));
  expect(Object.keys(json.output).sort()).toEqual(
    [
      ...Object.values(ENVIRONMENT_OUTPUTS),
      ...["chat", "a-queue", "a-dead-letter-queue"].flatMap((s) => [`${s}_url`, `${s}_service_name`, `${s}_log_group`, `${s}_alarm_arns`]),
      "a_queue_url",
      "a_dead_letter_queue_url",
      "a_service_name",
      "a_log_group",
      "a_alarm_arns",
    ].sort(),
  );
  expect(json.output["a_queue_url"].description).toBe("SQS queue URL of worker a");
  expect(json.output["a-queue_url"].description).toBe("URL of service a-queue");
});

test("no environment output has a service output's name: what follows its first _ is never a service output", () => {
  const serviceOutputs = new Set<string>(Object.values(SERVICE_OUTPUTS));
  for (const output of Object.values(ENVIRONMENT_OUTPUTS)) expect([output, serviceOutputs.has(output.slice(output.indexOf("_") + 1))]).toEqual([output, false]);
  // The dashboard's output is not dashboard_url: that is the URL of a web service named dashboard.
  expect(ENVIRONMENT_OUTPUTS.dashboardUrl).toBe("cloudwatch_dashboard_url");
  expect(serviceOutputName("dashboard", "url")).toBe("dashboard_url");
});

test("the alarm names the name checks expect are the ones the stack gives a web service and a worker", () => {
  const json = synth(merge(withChat({}), { services: { jobs: worker() } }));
  const alarmNames = Object.values(json.resource.aws_cloudwatch_metric_alarm).map((alarm) => alarm.alarm_name as string);
  for (const [service, kind] of [["chat", "web"], ["jobs", "worker"]] as const) {
    for (const alarm of serviceAlarmKinds(kind)) expect(alarmNames).toContain(`acme-test-${service}-${alarm}`);
    const own = alarmNames.filter((n) => n.startsWith(`acme-test-${service}-`) && !n.endsWith("scale-to-zero") && !n.endsWith("scale-from-zero"));
    expect(own.sort()).toEqual(serviceAlarmKinds(kind).map((alarm) => `acme-test-${service}-${alarm}`).sort());
  }
});

test("state buckets x.state-a and x-state.a get an output each", () => {
  const a = configOf(merge(baseInput(), { state: { bucket: "x.state-a" } }), "a");
  const b = configOf(merge(baseInput(), { state: { bucket: "x-state.a" } }), "b");
  const json: TerraformJson = JSON.parse(Testing.synth(new StateStack(Testing.app(), "state", { environments: [a, b] })));
  expect(Object.keys(json.output).sort()).toEqual([stateBucketOutputName("x-state.a"), stateBucketOutputName("x.state-a")].sort());
  expect(stateBucketOutputName("x.state-a")).toBe("bucket_x-state_a");
  expect(stateBucketOutputName("x-state.a")).toBe("bucket_x_state-a");
  expect(stateBucketOutputName("genai-terraform-state-example")).toBe("bucket_genai_terraform_state_example");
});

describe("names the construct library cannot hold", () => {
  test("a service named constructor is one line, not a stack trace", () => {
    const input = merge(baseInput(), { services: { constructor: { ...((baseInput().services as Record<string, object>).chat), routing: { pathPrefix: "/c" } } } });
    expect(problemsOf(input)).toEqual([
      "config/test.yaml:20: services.constructor: name is a property of every JavaScript object, which the construct library cannot take as a construct id: choose another name",
    ]);
  });

  test("an environment file named constructor.yaml is one line", () => {
    expect(problemsOf(baseInput(), "constructor")).toEqual([
      'config/constructor.yaml: (file): the file name "constructor" is the environment and stack name, and is a property of every JavaScript object, which the construct library cannot take as a construct id: name the environment file differently',
    ]);
  });
});

describe("addresses", () => {
  test("a service's resources are addressed from its name unless the name is one of the stack's own", () => {
    expect(environmentAddressPath(["services", "chat", "runtime", "service"])).toEqual(["chat", "runtime", "service"]);
    expect(environmentAddressPath(["services", "cluster", "runtime", "service"])).toEqual(["services", "cluster", "runtime", "service"]);
    expect(environmentAddressPath(["cluster", "cluster"])).toEqual(["cluster", "cluster"]);
    expect(environmentAddressPath(["cluster_name"])).toEqual(["cluster_name"]);
  });

  test("a construct added to the stack without an entry in the id table is a development error", () => {
    expect(() => environmentAddressPath(["dns", "record"])).toThrow(
      'construct "dns" sits directly in an environment stack but is not in ENVIRONMENT_CONSTRUCT_IDS (lib/app/stack-ids.ts); add it there',
    );
  });
});
