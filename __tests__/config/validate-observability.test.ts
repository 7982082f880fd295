import { loadEnvironmentFile } from "../../lib/config/load";
import { validateEnvironment } from "../../lib/config/validate";
import { formatProblem } from "../../lib/config/problems";
import { unpublishedMetricFindings } from "../../lib/config/validate-observability";
import { POLICY_EXAMPLES } from "../../lib/docs/policy-examples";
import { POLICY_DEFINITIONS, POLICY_TYPES } from "../../lib/scaling/policies/definitions";
import type { PolicyDefinition } from "../../lib/scaling/policies/definition";
import { isAwsPublishedNamespace } from "../../lib/aws/cloudwatch";
import { baseInput, configOf, Input, merge, problemsOf, withChat, withWorker } from "../helpers";
import { EnvironmentSchema } from "../../lib/config/schema";
import { SERVER_PRESETS } from "../../lib/metrics/server-presets";

const serverPolicy = (metric: string, target = 4) => ({ type: "server", metric, target });
const inflight = {
  type: "custom",
  name: "inflight",
  target: 12,
  metric: { namespace: "Acme/Gateway", name: "InFlightRequests", dimensions: { ServiceName: "{service}" } },
};

describe("metrics, alarms and alerts: accepted", () => {
  test("a server policy on a metric the preset publishes; the resolved metrics take the web port and the preset's series", () => {
    const chat = configOf(withChat({ port: 8000, metrics: { server: "vllm" }, scaling: { policies: [serverPolicy("kvCacheUsage", 80)] } })).services.chat;
    expect(chat.metrics).toMatchObject({ server: "vllm", port: 8000, path: "/metrics", sidecar: { cpu: 128, memory: 256 } });
    expect(chat.metrics?.meanings).toEqual(["waiting", "running", "kvCacheUsage", "timeToFirstToken", "tokensPerSecond"]);
  });

  test("Triton's metrics port, a worker's preset port, and a series override for older vLLM", () => {
    expect(configOf(withChat({ metrics: { server: "triton" } })).services.chat.metrics?.port).toBe(8002);
    expect(configOf(withWorker({ metrics: { server: "sglang" } })).services.jobs.metrics?.port).toBe(30000);
    const old = configOf(withChat({ metrics: { server: "vllm", series: { kvCacheUsage: "vllm:gpu_cache_usage_perc" } } })).services.chat.metrics;
    expect(old?.series.kvCacheUsage).toBe("vllm:gpu_cache_usage_perc");
  });

  test("a series override equal to the meaning's own preset series is no collision; every preset puts each meaning on its own series", () => {
    expect(problemsOf(withChat({ metrics: { server: "vllm", series: { waiting: "vllm:num_requests_waiting" } } }))).toEqual([]);
    for (const preset of Object.values(SERVER_PRESETS)) {
      const series = Object.values(preset.series);
      expect(new Set(series).size).toBe(series.length);
    }
  });

  test("alarm thresholds: documented defaults, the latency objective from the preview section, the oldest message from the queue policy", () => {
    const chat = configOf(withChat({ preview: { latencyObjectiveSeconds: 6 } })).services.chat;
    expect(chat.alarms).toEqual({ enabled: true, latencySeconds: 6, errorRatePercent: 5, unhealthyTargets: 1, evaluationMinutes: 5, atMaxMinutes: 15, oldestMessageSeconds: 600 });
    expect(configOf(withChat({})).services.chat.alarms.latencySeconds).toBe(10);
    expect(configOf(withWorker()).services.jobs.alarms.oldestMessageSeconds).toBe(60);
  });
});

describe("metrics, alarms and alerts: rejected", () => {
  const cases: Array<[string, Input, string]> = [
    ["a server policy without metrics", withChat({ scaling: { policies: [serverPolicy("waiting")] } }),
      "services.chat.scaling.policies[0].type = \"server\": needs the service's metrics section (e.g. metrics: {server: vllm}): nothing publishes the server's metrics without it"],
    ["a meaning the server does not publish", withChat({ metrics: { server: "tgi" }, scaling: { policies: [serverPolicy("kvCacheUsage", 80)] } }),
      "services.chat.scaling.policies[0].metric = \"kvCacheUsage\": is not published for server tgi (it publishes waiting, running); name its series in metrics.series.kvCacheUsage or use one of those"],
    ["a KV cache target above 100%", withChat({ metrics: { server: "vllm" }, scaling: { policies: [serverPolicy("kvCacheUsage", 120)] } }),
      "services.chat.scaling.policies[0].target = 120: must be at most 100 for kvCacheUsage (it is a percentage)"],
    ["an unknown meaning", withChat({ metrics: { server: "vllm" }, scaling: { policies: [serverPolicy("queueTime")] } }),
      "services.chat.scaling.policies[0].metric = \"queueTime\": must be one of: waiting, running, kvCacheUsage, timeToFirstToken, tokensPerSecond"],
    ["an unknown server", withChat({ metrics: { server: "ollama" } }),
      "services.chat.metrics.server = \"ollama\": must be one of: vllm, tgi, triton, tei, sglang, prometheus"],
    ["prometheus without series", withChat({ metrics: { server: "prometheus" } }),
      "services.chat.metrics.series: must name at least one series for server: prometheus (e.g. waiting: my_queue_length); the other servers have presets"],
    ["a series that is no Prometheus name", withChat({ metrics: { server: "prometheus", series: { waiting: "queue-length" } } }),
      "services.chat.metrics.series.waiting = \"queue-length\": must be a Prometheus metric name (letters, digits, _ and :, at most 200 characters)"],
    ["two meanings on one series", withChat({ metrics: { server: "prometheus", series: { waiting: "same", running: "same" } } }),
      "services.chat.metrics.series.running = \"same\": is also the series of waiting: the collector renames a series once, so one of the two meanings would never be published; give each meaning its own series"],
    ["a series override equal to another meaning's preset series", withChat({ metrics: { server: "vllm", series: { running: "vllm:num_requests_waiting" } } }),
      "services.chat.metrics.series.running = \"vllm:num_requests_waiting\": is also the series of waiting (the vllm preset's): the collector renames a series once, so one of the two meanings would never be published; give each meaning its own series"],
    ["a series override that takes the preset series of a meaning set later", withChat({ metrics: { server: "tgi", series: { waiting: "tgi_batch_current_size" } } }),
      "services.chat.metrics.series.waiting = \"tgi_batch_current_size\": is also the series of running (the tgi preset's): the collector renames a series once, so one of the two meanings would never be published; give each meaning its own series"],
    ["a worker's prometheus endpoint without a port", withWorker({ metrics: { server: "prometheus", series: { waiting: "queue_length" } } }),
      "services.jobs.metrics.port: is required: a worker has no service port, and prometheus has no default port"],
    ["a sidecar that leaves the server too little CPU", withChat({ cpu: 256, memory: 1024, metrics: { server: "vllm", sidecar: { cpu: 256 } } }),
      "services.chat.metrics.sidecar.cpu = 256: leaves the model server 0 of the task's 256 CPU units; it must keep at least 128: lower the sidecar's cpu or raise the task's"],
    ["a sidecar that leaves the server too little memory", withChat({ cpu: 256, memory: 512, metrics: { server: "vllm" } }),
      "services.chat.metrics.sidecar.memory = 256: leaves the model server 256 of the task's 512 MiB; it must keep at least 512: lower the sidecar's memory or raise the task's"],
    ["a sidecar image without tag or digest rules", withChat({ metrics: { server: "vllm", sidecar: { image: "Not An Image" } } }),
      "services.chat.metrics.sidecar.image = \"Not An Image\": must be a container image of at most 255 characters such as \"public.ecr.aws/org/collector:1.2\" or one pinned with \"@sha256:<digest>\""],
    ["a latency alarm on a worker", withWorker({ alarms: { latencySeconds: 5 } }),
      "services.jobs.alarms.latencySeconds = 5: applies to web services only (a worker has no load balancer); use oldestMessageSeconds"],
    ["an oldest-message alarm on a web service", withChat({ alarms: { oldestMessageSeconds: 300 } }),
      "services.chat.alarms.oldestMessageSeconds = 300: applies to workers only (a web service has no queue); use latencySeconds"],
    ["an evaluation longer than a day", withChat({ alarms: { atMaxMinutes: 1441 } }),
      "services.chat.alarms.atMaxMinutes = 1441: must be at most 1440 (CloudWatch evaluates at most one day)"],
    ["an error rate above 100%", withChat({ alarms: { errorRatePercent: 150 } }),
      "services.chat.alarms.errorRatePercent = 150: must be at most 100 (it is a percentage)"],
    ["a namespace of AWS's", merge(baseInput(), { observability: { namespace: "AWS/ModelServer" } }),
      "observability.namespace = \"AWS/ModelServer\": must be a CloudWatch namespace such as \"GenAI/ModelServer\" (1-255 characters, not starting with \"AWS/\")"],
    ["a topic of another Region", merge(baseInput(), { observability: { alerts: { topicArns: ["arn:aws:sns:us-east-1:123456789012:pager"] } } }),
      "observability.alerts.topicArns[0] = \"arn:aws:sns:us-east-1:123456789012:pager\": is in Region us-east-1; CloudWatch alarms notify SNS topics of their own Region (eu-west-1) only"],
    ["a topic of the Region but another partition", merge(baseInput(), { observability: { alerts: { topicArns: ["arn:aws-cn:sns:eu-west-1:123456789012:pager"] } } }),
      "observability.alerts.topicArns[0] = \"arn:aws-cn:sns:eu-west-1:123456789012:pager\": is in partition \"aws-cn\"; in eu-west-1 every ARN is in partition \"aws\" (partitions: aws, aws-cn, aws-us-gov)"],
    ["a FIFO topic", merge(baseInput(), { observability: { alerts: { topicArns: ["arn:aws:sns:eu-west-1:123456789012:pager.fifo"] } } }),
      "observability.alerts.topicArns[0] = \"arn:aws:sns:eu-west-1:123456789012:pager.fifo\": must be a standard SNS topic ARN (arn:aws:sns:<region>:<account>:<name>); CloudWatch alarms cannot notify FIFO topics"],
    ["five existing topics", merge(baseInput(), { observability: { alerts: { topicArns: [1, 2, 3, 4, 5].map((i) => `arn:aws:sns:eu-west-1:123456789012:t${i}`) } } }),
      "observability.alerts.topicArns = a list of 5: must list at most 4 topics (an alarm takes at most 5 actions, one of them the environment's topic)"],
    ["an address that is no email", merge(baseInput(), { observability: { alerts: { email: ["oncall at example"] } } }),
      "observability.alerts.email[0] = \"oncall at example\": must be an email address such as \"oncall@example.com\""],
  ];

  test.each(cases)("%s", (_name, input, message) => {
    expect(problemsOf(input)).toEqual([expect.stringContaining(message)]);
  });
});

describe("policies on metrics nothing publishes", () => {
  test("a warning outside production, with the file and line, and the synth goes on", () => {
    const result = validateEnvironment(withChat({ scaling: { policies: [inflight] } }), "test", "config/test.yaml");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.warnings.map(formatProblem)).toEqual([
      "config/test.yaml: services.chat.scaling.policies[0] = \"inflight\": reads Acme/Gateway InFlightRequests, which neither AWS nor this stack publishes: a policy on a metric that never arrives never scales; use a server policy with the service's metrics section, or set publishedBy to say who publishes it",
    ]);
  });

  test("an error in production", () => {
    expect(problemsOf(withChat({ scaling: { policies: [inflight] } }, { production: true, accountId: "123456789012", loadBalancer: { webAcl: {} } }))).toEqual([
      expect.stringContaining("services.chat.scaling.policies[0] = \"inflight\": reads Acme/Gateway InFlightRequests, which neither AWS nor this stack publishes"),
    ]);
  });

  test("publishedBy says who publishes it: no warning, no error", () => {
    const input = withChat({ scaling: { policies: [{ ...inflight, publishedBy: "the gateway's EMF logs" }] } }, { production: true, accountId: "123456789012", loadBalancer: { webAcl: {} } });
    expect(problemsOf(input)).toEqual([]);
  });

  test("a step alarm on the stack's own GPU metrics of a GPU service is published", () => {
    const gpu = withChat({
      cpu: 3072,
      memory: 12288,
      compute: { type: "gpu", instanceTypes: ["g5.xlarge"] },
      scaling: {
        policies: [
          { type: "cpu", target: 60 },
          {
            type: "step",
            alarm: { metric: { namespace: "GPUHosts", name: "nvidia_smi_utilization_gpu", dimensions: { AutoScalingGroupName: "acme-test-chat-gpu" } }, comparison: "GreaterThanThreshold", threshold: 95 },
            steps: [{ lowerBound: 0, adjustment: 1 }],
          },
        ],
      },
    }, { network: { mode: "existing", vpcId: "vpc-0123456789abcdef0", publicSubnetIds: ["subnet-0000000000000000a", "subnet-0000000000000000b"], privateSubnetIds: ["subnet-0000000000000001a"] }, production: true });
    const parsed = EnvironmentSchema.parse(gpu);
    expect(unpublishedMetricFindings(parsed)).toEqual([]);
  });

  test("a server metric the service's sidecar does not publish, read by a custom policy, is not published", () => {
    const parsed = EnvironmentSchema.parse(withChat({ scaling: { policies: [{ ...inflight, metric: { namespace: "ModelServer", name: "RequestsWaiting" } }] } }));
    expect(unpublishedMetricFindings(parsed).map((f) => f.message)).toEqual([expect.stringContaining("reads ModelServer RequestsWaiting, which neither AWS nor this stack publishes")]);
  });
});

describe("every scaling policy reads a metric AWS or the stack publishes", () => {
  test.each(POLICY_TYPES.map((type) => [type]))("the %s kind: its reads are AWS's or the stack's (or its publishedBy says who)", (type) => {
    const example = POLICY_EXAMPLES[type];
    const service = type === "queue" ? withWorker({ scaling: { min: example.min ?? 1, max: 10, policies: [example.policy] }, ...example.serviceFields }) : withChat({ scaling: { policies: [example.policy] }, ...example.serviceFields });
    const parsed = EnvironmentSchema.parse(service);
    const reads = Object.values(parsed.services).flatMap((s) => s.scaling.policies.flatMap((p) => (POLICY_DEFINITIONS[p.type] as PolicyDefinition).reads(p, { serverNamespace: parsed.observability.namespace })));
    expect(reads.length).toBeGreaterThan(0);
    expect(unpublishedMetricFindings(parsed)).toEqual([]);
    if (type !== "custom") expect(reads.every((read) => isAwsPublishedNamespace(read.namespace) || read.namespace === parsed.observability.namespace)).toBe(true);
  });

  test.each(["dev", "staging", "prod"])("config/%s.yaml: no policy on an unpublished metric, and its LLM server scales on its own published metric", (env) => {
    const config = loadEnvironmentFile(`config/${env}.yaml`);
    expect(config.warnings).toEqual([]);
    // The requests in vLLM's running batch: the scaling preview found the waiting queue too late for a 2 s TTFT (docs/preview.md).
    if (env !== "dev") expect(config.services.chat.scaling.policies.find((p) => p.type === "server")).toMatchObject({ metric: "running" });
  });
});
