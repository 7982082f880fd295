import fc from "fast-check";
import { Testing } from "cdktf";
import { stringify } from "yaml";
import { FARGATE_TASK_SIZES } from "../../lib/aws/fargate";
import { checkEnvironmentText } from "../../lib/config/load";
import { formatProblem } from "../../lib/config/problems";
import { PolicyReport } from "../../lib/security/report";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { Input } from "../helpers";

/**
 * Property-based tests: generated configs, valid and invalid. Every invalid one is
 * rejected with messages that name the file and a field path, never with an exception;
 * every valid one synthesizes and passes the security rules.
 */

const FILE = "config/prop.yaml";
const DIGEST = `@sha256:${"c".repeat(64)}`;

const name = (max: number) => fc.stringMatching(new RegExp(`^[a-z][a-z0-9]{0,${max - 1}}$`));
const taskSize = fc.constantFrom(...Object.entries(FARGATE_TASK_SIZES).flatMap(([cpu, memories]) => memories.map((memory) => ({ cpu: Number(cpu), memory }))));
/** Task sizes that fit a g5.xlarge or g6.xlarge (4 vCPUs, 15308 MiB for tasks). */
const gpuTaskSize = taskSize.filter((s) => s.cpu <= 4096 && s.memory <= 15308);
const gpuInstanceTypes = fc.constantFrom(["g6.xlarge"], ["g6.xlarge", "g5.xlarge"], ["g6e.xlarge", "g5.xlarge"]);

/** Where a generated service runs: Fargate with a Spot share, or GPU instances (with a task size that fits them). */
const placement = fc.oneof(
  fc.record({ size: taskSize, spotWeight: fc.integer({ min: 0, max: 3 }) }).map((p) => ({ size: p.size, compute: { type: "fargate", onDemandWeight: 1, spotWeight: p.spotWeight } })),
  fc.record({ size: gpuTaskSize, instanceTypes: gpuInstanceTypes }).map((p) => ({ size: p.size, compute: { type: "gpu", instanceTypes: p.instanceTypes, gpusPerTask: 1 } })),
);
const cooldowns = { scaleInCooldownSeconds: fc.integer({ min: 0, max: 3600 }), scaleOutCooldownSeconds: fc.integer({ min: 0, max: 3600 }) };

const webPolicy = fc.oneof(
  fc.record({ type: fc.constant("cpu"), target: fc.integer({ min: 1, max: 100 }), ...cooldowns }),
  fc.record({ type: fc.constant("memory"), target: fc.integer({ min: 1, max: 100 }), ...cooldowns }),
  fc.record({ type: fc.constant("requests"), target: fc.integer({ min: 1, max: 100000 }), ...cooldowns }),
  fc.record({ type: fc.constant("latency"), target: fc.double({ min: 0.05, max: 30, noNaN: true }), ...cooldowns }),
);

const webService = (index: number) =>
  fc.record({
    image: fc.constantFrom(`ghcr.io/acme/model:1.${index}${DIGEST}`, `public.ecr.aws/acme/llm${DIGEST}`),
    placement,
    port: fc.integer({ min: 1, max: 65535 }),
    min: fc.integer({ min: 1, max: 5 }),
    extra: fc.integer({ min: 0, max: 20 }),
    policies: fc.uniqueArray(webPolicy, { minLength: 1, maxLength: 3, selector: (p) => p.type }),
  }).map((s) => ({
    image: s.image,
    cpu: s.placement.size.cpu,
    memory: s.placement.size.memory,
    port: s.port,
    routing: { pathPrefix: `/svc${index}` },
    compute: s.placement.compute,
    scaling: { min: s.min, max: s.min + s.extra, policies: s.policies },
  }));

const workerService = (index: number) =>
  fc.record({
    placement,
    secondsPerMessage: fc.integer({ min: 1, max: 120 }),
    latencyFactor: fc.integer({ min: 1, max: 50 }),
    min: fc.integer({ min: 0, max: 2 }),
    max: fc.integer({ min: 3, max: 50 }),
  }).map((s) => ({
    kind: "worker",
    image: `ghcr.io/acme/worker:2.${index}${DIGEST}`,
    cpu: s.placement.size.cpu,
    memory: s.placement.size.memory,
    compute: s.placement.compute,
    queue: { visibilityTimeoutSeconds: s.secondsPerMessage * 3 },
    scaling: {
      min: s.min,
      max: s.max,
      policies: [{ type: "queue", secondsPerMessage: s.secondsPerMessage, acceptableLatencySeconds: s.secondsPerMessage * s.latencyFactor }],
    },
  }));

const validConfig: fc.Arbitrary<Input> = fc
  .record({
    // Capacity provider names (the project's prefix) may not start with aws, ecs or fargate.
    project: name(8).filter((p) => !/^(aws|ecs|fargate)/.test(p)),
    region: fc.constantFrom("us-east-1", "eu-west-1", "ap-southeast-2"),
    production: fc.boolean(),
    webCount: fc.integer({ min: 0, max: 3 }),
    workerCount: fc.integer({ min: 0, max: 2 }),
    retention: fc.constantFrom(1, 7, 30, 365),
  })
  .filter((c) => c.webCount + c.workerCount > 0)
  .chain((c) =>
    fc
      .tuple(fc.tuple(...Array.from({ length: c.webCount }, (_, i) => webService(i))), fc.tuple(...Array.from({ length: c.workerCount }, (_, i) => workerService(i))))
      .map(([webs, workers]) => ({
        project: c.project,
        region: c.region,
        production: c.production,
        ...(c.production ? { accountId: "123456789012" } : {}),
        // Production keeps logs a year and puts a web ACL in front of its internet-facing load balancer.
        logRetentionDays: c.production ? Math.max(c.retention, 365) : c.retention,
        ...(c.production ? { loadBalancer: { webAcl: {} } } : {}),
        state: { bucket: `${c.project}-state` },
        network: c.production
          ? {
              mode: "existing",
              vpcId: "vpc-0123456789abcdef0",
              publicSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
              privateSubnetIds: ["subnet-0123456789abcdef2"],
            }
          : { mode: "default-vpc" },
        services: Object.fromEntries([...webs.map((w, i) => [`web${i}`, w]), ...workers.map((w, i) => [`worker${i}`, w])]),
      })),
  );

/** Every object path in a value, for mutations. */
function objectPaths(value: unknown, path: string[] = []): string[][] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [];
  return [path, ...Object.entries(value).flatMap(([k, v]) => objectPaths(v, [...path, k]))];
}

/** Every leaf path (numbers and strings) in a value. */
function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...path, i]));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  return [path];
}

function setAt(root: Input, path: (string | number)[], replace: (old: unknown) => unknown): Input {
  const copy = structuredClone(root);
  let node: any = copy;
  for (const segment of path.slice(0, -1)) node = node[segment];
  const last = path[path.length - 1];
  node[last] = replace(node[last]);
  return copy;
}

/** Mutations that always make a valid config invalid. */
const invalidConfig: fc.Arbitrary<{ input: Input; what: string }> = validConfig.chain((valid) =>
  fc.oneof(
    fc.constantFrom(...objectPaths(valid)).map((path) => ({
      input: setAt(valid, [...path, "unexpectedField"], () => true),
      what: `unknown key under ${path.join(".") || "(root)"}`,
    })),
    fc.constantFrom(...leafPaths(valid).filter((p) => typeof p[p.length - 1] === "string" || typeof p[p.length - 1] === "number")).chain((path) =>
      fc.constantFrom<[string, (old: unknown) => unknown]>(
        ["a list instead", () => [1, 2, 3]],
        ["a mapping instead", () => ({ nested: { deeper: true } })],
        ["null instead", () => null],
      ).map(([what, replace]) => ({ input: setAt(valid, path, replace), what: `${path.join(".")}: ${what}` })),
    ),
    fc.constantFrom("project", "region", "state", "network", "services").map((key) => {
      const input = structuredClone(valid);
      delete input[key];
      return { input, what: `missing ${key}` };
    }),
    fc.constantFrom(-1, 0.5, 1e12, Number.MAX_SAFE_INTEGER * 4).chain((bad) =>
      fc.constantFrom(...Object.keys(valid.services as Input)).map((service) => ({
        input: setAt(valid, ["services", service, "scaling", "max"], () => bad),
        what: `services.${service}.scaling.max = ${bad}`,
      })),
    ),
    fc.string({ minLength: 1, maxLength: 300 }).map((hostile) => ({
      input: { ...valid, project: `${hostile}-Ω\u0000${"x".repeat(40)}` },
      what: "hostile project name",
    })),
  ),
);

describe("generated configs", () => {
  test("invalid configs are rejected with a message naming the file and a field path, never an exception", () => {
    fc.assert(
      fc.property(invalidConfig, ({ input }) => {
        const result = checkEnvironmentText(stringify(input), FILE);
        expect("problems" in result).toBe(true);
        if (!("problems" in result)) return;
        expect(result.problems.length).toBeGreaterThan(0);
        for (const line of result.problems.map(formatProblem)) {
          expect(line.startsWith(`${FILE}`)).toBe(true);
          expect(line).not.toMatch(/\n|\s+at .*\(.*:\d+:\d+\)/);
        }
        expect(result.problems.some((p) => p.path !== "")).toBe(true);
      }),
      { numRuns: 300, seed: 20261128 },
    );
  });

  test("arbitrary YAML documents never throw: they load or are rejected with file-level or field messages", () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue().map((v) => stringify(v)), fc.string({ maxLength: 400 })), (text) => {
        const result = checkEnvironmentText(text, FILE);
        if ("problems" in result) {
          for (const line of result.problems.map(formatProblem)) expect(line.startsWith(FILE)).toBe(true);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  test("valid configs validate, synthesize and pass every security rule", () => {
    fc.assert(
      fc.property(validConfig, (input) => {
        const result = checkEnvironmentText(stringify(input), FILE);
        if ("problems" in result) throw new Error(result.problems.map(formatProblem).join("\n"));
        const app = Testing.app();
        const stack = new EnvironmentStack(app, "prop", { config: result.config });
        const json = JSON.parse(Testing.synth(stack));
        expect(Object.keys(json.resource.aws_ecs_service)).toHaveLength(Object.keys(input.services as Input).length);
        expect(PolicyReport.of(stack).errors.map((f) => `${f.rule.id} ${f.path}: ${f.message}`)).toEqual([]);
      }),
      { numRuns: 25, seed: 42 },
    );
  });
});
