import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { synthesizeAll } from "../../lib/app/synthesize";
import { MAX_OWN_TAGS_PER_RESOURCE } from "../../lib/aws/tags";
import { containerConfigBytes, TASK_DEFINITION_BASE_BYTES } from "../../lib/config/validate-container";
import type { EnvironmentConfig, ParsedService } from "../../lib/config/schema";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { baseInput, configOf, merge, resourcesOf, TerraformJson, withWorker } from "../helpers";

/**
 * The constants the config checks rely on hold for what the stacks synthesize: the tags a resource
 * sets itself, the bytes a task definition needs besides the config's, query ids that stay unique.
 */

/** An environment with every kind of resource: web and worker, Fargate, GPU Auto Scaling group and Managed Instances, long names. */
function everything(): { json: TerraformJson; config: EnvironmentConfig } {
  const gpu = (provisioning: string) => ({ type: "gpu", instanceTypes: ["g6.xlarge"], gpusPerTask: 1, provisioning });
  const jobs = (withWorker().services as Record<string, unknown>).jobs;
  const input = merge(baseInput(), {
    project: "p".repeat(8),
    observability: { namespace: "N".repeat(255) },
    services: {
      // The longest collector configuration: every series at Prometheus's 200 characters, the longest namespace.
      chat: {
        compute: gpu("auto-scaling-group"),
        cpu: 2048,
        memory: 8192,
        metrics: { server: "prometheus", port: 9400, series: Object.fromEntries(["waiting", "running", "kvCacheUsage", "timeToFirstToken", "tokensPerSecond"].map((m) => [m, m.padEnd(200, "_")])) },
      },
      [`m${"x".repeat(3)}`]: {
        image: "ghcr.io/acme/llm:1",
        cpu: 2048,
        memory: 8192,
        routing: { pathPrefix: "/m" },
        compute: gpu("managed-instances"),
        scaling: { min: 1, max: 2, policies: [{ type: "cpu", target: 60 }] },
      },
      jobs,
    },
  });
  const config = configOf(input, "environment-16ch");
  return { json: JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), config.environment, { config }))), config };
}

describe("what the stacks synthesize stays within the checks' constants", () => {
  const { json, config } = everything();

  test(`no resource sets more than ${MAX_OWN_TAGS_PER_RESOURCE} tag of its own besides the default tags`, () => {
    const own = Object.entries(json.resource).flatMap(([type, byName]) =>
      Object.entries(byName).map(([name, body]) => ({ address: `${type}.${name}`, tags: Object.keys((body as { tags?: object }).tags ?? {}) })),
    );
    expect(own.filter((r) => r.tags.length > MAX_OWN_TAGS_PER_RESOURCE)).toEqual([]);
    expect(own.some((r) => r.tags.length === MAX_OWN_TAGS_PER_RESOURCE)).toBe(true);
  });

  test(`a task definition needs at most ${TASK_DEFINITION_BASE_BYTES} bytes besides what the config writes into it`, () => {
    const tasks = resourcesOf(json, "aws_ecs_task_definition");
    expect(tasks).toHaveLength(3);
    for (const [name, service] of Object.entries(config.services)) {
      const task = tasks.find((t) => t.family.endsWith(`-${name}`))!;
      const configured = Object.values(containerConfigBytes(service as unknown as ParsedService, config.observability.namespace)).reduce((a, b) => a + b, 0);
      // The task definition as ECS gets it: the resource's arguments, its container definitions as parsed JSON.
      const registered = { ...task, container_definitions: JSON.parse(task.container_definitions), "//": undefined, lifecycle: undefined };
      expect(Buffer.byteLength(JSON.stringify(registered), "utf8") - configured).toBeLessThan(TASK_DEFINITION_BASE_BYTES);
    }
  });
});

test("an expression id the config's metrics do not use: e2 when a metric is called e1", () => {
  const config = configOf(
    merge(baseInput(), {
      services: {
        chat: {
          scaling: {
            policies: [{ type: "custom", target: 5, metrics: { e1: { namespace: "App", name: "InFlight" }, m2: { namespace: "App", name: "Tasks" } }, expression: "e1 / m2" }],
          },
        },
      },
    }),
  );
  const json: TerraformJson = JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), "test", { config })));
  const policy = resourcesOf(json, "aws_appautoscaling_policy")[0];
  const metrics = policy.target_tracking_scaling_policy_configuration.customized_metric_specification.metrics as { id: string; return_data: boolean; expression?: string }[];
  expect(metrics.map((m) => m.id)).toEqual(["e1", "m2", "e2"]);
  expect(metrics.find((m) => m.return_data)).toMatchObject({ id: "e2", expression: "e1 / m2" });
});

test("config warnings are printed with the synth's notices", () => {
  const outdir = mkdtempSync(join(tmpdir(), "ecs-ai-warnings-"));
  try {
    const config = configOf(merge(baseInput(), { state: { bucket: "acme.state" } }), "dev");
    const { notices } = synthesizeAll({ configs: [config], outdir });
    expect(notices[0]).toBe(
      'warning: config/dev.yaml: state.bucket = "acme.state": has dots: HTTPS requests to <bucket>.s3.<region>.amazonaws.com fail certificate validation (the wildcard certificate covers one label) and Transfer Acceleration is unavailable; a name with hyphens avoids both',
    );
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});
