import fc from "fast-check";
import { Testing } from "cdktf";
import { stringify } from "yaml";
import { ENVIRONMENT_CONSTRUCT_IDS } from "../../lib/app/stack-ids";
import { checkEnvironmentText } from "../../lib/config/load";
import { formatProblem } from "../../lib/config/problems";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { Input } from "../helpers";

/**
 * A generator of hostile configs: a valid environment, then one change from a catalogue of what
 * AWS refuses at apply time, what would crash or hang the loader, and names that collide. Every
 * hostile config is refused with one-line problems naming the field the change made (never an
 * exception), and every config the catalogue expects to pass synthesizes.
 */

const FILE = "config/hostile.yaml";
const NETWORK = {
  mode: "existing",
  vpcId: "vpc-0123456789abcdef0",
  publicSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
  privateSubnetIds: ["subnet-0123456789abcdef2"],
};

const webService = (path: string) => ({
  image: "ghcr.io/acme/model:1.0",
  cpu: 1024,
  memory: 2048,
  routing: { pathPrefix: path },
  scaling: { min: 1, max: 3, policies: [{ type: "cpu", target: 60 }] },
});
const workerService = () => ({
  kind: "worker",
  image: "ghcr.io/acme/worker:1.0",
  cpu: 1024,
  memory: 2048,
  scaling: { min: 0, max: 3, policies: [{ type: "queue", secondsPerMessage: 10, acceptableLatencySeconds: 60 }] },
});

/** A valid environment: a project, a Region, one to three web services and up to two workers. */
const validConfig: fc.Arbitrary<Input> = fc
  .record({
    project: fc.stringMatching(/^[a-h][a-z0-9]{1,7}$/),
    region: fc.constantFrom("us-east-1", "eu-west-1", "ap-southeast-2"),
    webs: fc.integer({ min: 1, max: 3 }),
    workers: fc.integer({ min: 0, max: 2 }),
    existing: fc.boolean(),
  })
  .map((c) => ({
    project: c.project,
    region: c.region,
    state: { bucket: `${c.project}-terraform-state` },
    network: c.existing ? NETWORK : { mode: "default-vpc" },
    services: Object.fromEntries([
      ...Array.from({ length: c.webs }, (_, i) => [`web${i}`, webService(`/w${i}`)]),
      ...Array.from({ length: c.workers }, (_, i) => [`worker${i}`, workerService()]),
    ]),
  }));

type Change = (input: Input) => { input: Input | string; path: string };

const at = (input: Input, path: (string | number)[], value: unknown): Input => {
  const copy = structuredClone(input) as Record<string, any>;
  let node = copy;
  for (const segment of path.slice(0, -1)) node = node[segment] ??= {};
  node[path[path.length - 1]] = value;
  return copy;
};
const chat = (input: Input, path: (string | number)[], value: unknown) => at(input, ["services", "web0", ...path], value);
const region = (input: Input) => String(input.region);

/** Changes AWS (or the loader) refuses, each with the field path its problem must name. */
const REFUSED: Record<string, Change> = {
  "tag key over 128": (i) => ({ input: at(i, ["tags", "k".repeat(129)], "x"), path: "tags[" }),
  "tag value over 256": (i) => ({ input: at(i, ["tags", "team"], "v".repeat(257)), path: "tags.team" }),
  "tag key aws:": (i) => ({ input: at(i, ["tags", "aws:team"], "x"), path: "tags.aws:team" }),
  "47 tags": (i) => ({ input: at(i, ["tags"], Object.fromEntries(Array.from({ length: 47 }, (_, n) => [`t${n}`, "x"]))), path: "tags" }),
  "tag replacing Environment": (i) => ({ input: at(i, ["tags", "Environment"], "x"), path: "tags.Environment" }),
  "bucket as an IP address": (i) => ({ input: at(i, ["state", "bucket"], "10.1.2.3"), path: "state.bucket" }),
  "bucket with a reserved suffix": (i) => ({ input: at(i, ["state", "bucket"], "state--ol-s3"), path: "state.bucket" }),
  "bucket with a reserved prefix": (i) => ({ input: at(i, ["state", "bucket"], "sthree-state"), path: "state.bucket" }),
  "load balancer name internal-": (i) => ({ input: at(i, ["project"], "internal"), path: "project" }),
  "security group names sg-": (i) => ({ input: at(i, ["project"], "sg"), path: "project" }),
  "worker a-dlq beside worker a": (i) => ({ input: at(at(i, ["services", "a"], workerService()), ["services", "a-dlq"], workerService()), path: "services.a-dlq" }),
  "service alb": (i) => ({ input: at(i, ["services", "alb"], webService("/alb")), path: "services.alb" }),
  "certificate of another partition": (i) => ({
    input: at(i, ["loadBalancer", "certificateArn"], `arn:aws-cn:acm:${region(i)}:123456789012:certificate/12345678-1234-1234-1234-123456789012`),
    path: "loadBalancer.certificateArn",
  }),
  "task policy resource of no partition": (i) => ({ input: chat(i, ["taskPolicy"], [{ actions: ["s3:GetObject"], resources: ["arn::s3:::b/*"] }]), path: "services.web0.taskPolicy[0].resources[0]" }),
  "task policy resource that is no ARN": (i) => ({ input: chat(i, ["taskPolicy"], [{ actions: ["s3:GetObject"], resources: ["bucket"] }]), path: "services.web0.taskPolicy[0].resources[0]" }),
  "SSM parameter with //": (i) => ({ input: chat(i, ["secrets"], { T: `arn:aws:ssm:${region(i)}:123456789012:parameter//x` }), path: "services.web0.secrets.T" }),
  "unknown ELB security policy": (i) => ({ input: at(i, ["loadBalancer", "sslPolicy"], "ELBSecurityPolicy-2016-09"), path: "loadBalancer.sslPolicy" }),
  "one subnet twice": (i) => ({ input: at(i, ["network"], { ...NETWORK, publicSubnetIds: [NETWORK.publicSubnetIds[0], NETWORK.publicSubnetIds[0]] }), path: "network.publicSubnetIds[1]" }),
  "one CIDR twice": (i) => ({ input: at(i, ["loadBalancer", "allowedCidrs"], ["10.0.0.0/8", "10.0.0.0/8"]), path: "loadBalancer.allowedCidrs[1]" }),
  "CIDR with a zone id": (i) => ({ input: at(i, ["loadBalancer", "allowedCidrs"], ["fe80::%1/64"]), path: "loadBalancer.allowedCidrs[0]" }),
  "101 web services": (i) => ({ input: at(i, ["services"], Object.fromEntries(Array.from({ length: 101 }, (_, n) => [`s${n}`, webService(`/s${n}`)]))), path: "services" }),
  "host over 128": (i) => ({ input: chat(i, ["routing", "host"], `${"h".repeat(63)}.${"h".repeat(63)}.com`), path: "services.web0.routing.host" }),
  "path prefix over 126": (i) => ({ input: chat(i, ["routing", "pathPrefix"], `/${"p".repeat(130)}`), path: "services.web0.routing.pathPrefix" }),
  "path prefix that backtracked for 25 s": (i) => ({ input: chat(i, ["routing", "pathPrefix"], `/${"a".repeat(32)}!`), path: "services.web0.routing.pathPrefix" }),
  "health check path over 1024": (i) => ({ input: chat(i, ["healthCheck", "path"], `/${"x".repeat(1100)}`), path: "services.web0.healthCheck.path" }),
  "matcher 5xx": (i) => ({ input: chat(i, ["healthCheck", "matcher"], "200-500"), path: "services.web0.healthCheck.matcher" }),
  "target below the API's minimum": (i) => ({ input: chat(i, ["scaling", "policies"], [{ type: "cpu", target: 1e-300 }]), path: "services.web0.scaling.policies[0].target" }),
  "at() of a day that does not exist": (i) => ({ input: chat(i, ["scaling", "schedules"], [{ name: "x", schedule: "at(2027-02-29T10:00:00)", min: 1 }]), path: "services.web0.scaling.schedules[0].schedule" }),
  "cron minute out of range": (i) => ({ input: chat(i, ["scaling", "schedules"], [{ name: "x", schedule: "cron(60 8 ? * MON *)", min: 1 }]), path: "services.web0.scaling.schedules[0].schedule" }),
  "metric math CloudWatch cannot parse": (i) => ({
    input: chat(i, ["scaling", "policies"], [{ type: "custom", target: 1, metrics: { a: { namespace: "App", name: "A" } }, expression: "a +* 2" }]),
    path: "services.web0.scaling.policies[0].expression",
  }),
  "metric math with an undeclared id": (i) => ({
    input: chat(i, ["scaling", "policies"], [{ type: "custom", target: 1, metrics: { a: { namespace: "App", name: "A" } }, expression: "a / b" }]),
    path: "services.web0.scaling.policies[0].expression",
  }),
  "scratch path /": (i) => ({ input: chat(i, ["filesystem", "writablePaths"], ["/"]), path: "services.web0.filesystem.writablePaths[0]" }),
  "scratch path ..": (i) => ({ input: chat(i, ["filesystem", "writablePaths"], ["/tmp/../etc"]), path: "services.web0.filesystem.writablePaths[0]" }),
  "scratch path twice": (i) => ({ input: chat(i, ["filesystem", "writablePaths"], ["/tmp", "/tmp"]), path: "services.web0.filesystem.writablePaths[1]" }),
  "a 70 KB environment value": (i) => ({ input: chat(i, ["environment"], { BIG: "x".repeat(70000) }), path: "services.web0.environment" }),
  "step policy named like the service's latency alarm": (i) => ({
    input: chat(i, ["scaling", "policies"], [
      { type: "cpu", target: 60 },
      { type: "step", name: "latency", alarm: { metric: { namespace: "App", name: "Slow", statistic: "Sum", publishedBy: "the app" }, comparison: "GreaterThanThreshold", threshold: 1 }, steps: [{ lowerBound: 0, adjustment: 1 }] },
    ]),
    path: "services.web0.scaling.policies[1].name",
  }),
  "blue/green second target group beside a service web0-g": (i) => ({ input: at(chat(i, ["deployment"], { strategy: "blue-green" }), ["services", "web0-g"], webService("/w0g")), path: "services.web0-g" }),
  "alert topic of another partition": (i) => ({ input: at(i, ["observability", "alerts", "topicArns"], [`arn:aws-cn:sns:${region(i)}:123456789012:pager`]), path: "observability.alerts.topicArns[0]" }),
  "memory 2048.0000000000001": (i) => ({ input: stringify(i).replace("memory: 2048", "memory: 2048.0000000000001"), path: "services.web0.memory" }),
  "a NUL byte in a comment": (i) => ({ input: `${stringify(i)}# \u0000\n`, path: "" }),
  "%YAML 1.1 and a merge key": (i) => ({ input: `%YAML 1.1\n---\n${stringify(i)}`, path: "" }),
  "a !!js/function tag": (i) => ({ input: stringify(i).replace("image: ghcr.io/acme/model:1.0", "image: !!js/function 'function () {}'"), path: "services.web0.image" }),
  "a __proto__ service": (i) => ({ input: stringify(i).replace("services:\n", "services:\n  __proto__:\n    kind: web\n"), path: "services.__proto__" }),
  "nesting that would exhaust the parser": (i) => ({ input: `${stringify(i)}x: ${"[".repeat(5000)}${"]".repeat(5000)}\n`, path: "" }),
};

/** Changes that look hostile but are fine: the stack must synthesize them. */
const ACCEPTED: Record<string, (input: Input) => Input> = {
  ...Object.fromEntries(Object.values(ENVIRONMENT_CONSTRUCT_IDS).map((id) => [`a service named ${id}`, (i: Input) => at(i, ["services", id], webService(`/${id}`))])),
  "worker a beside web service a-queue": (i) => at(at(i, ["services", "a"], workerService()), ["services", "a-queue"], webService("/aq")),
  "worker a beside web service a-dead-letter-queue": (i) => at(at(i, ["services", "a"], workerService()), ["services", "a-dead-letter-queue"], webService("/adlq")),
};

function text(input: Input | string): string {
  return typeof input === "string" ? input : stringify(input, { lineWidth: 0 });
}

describe("hostile configs", () => {
  test("are refused with one-line problems that name the changed field, never an exception", () => {
    fc.assert(
      fc.property(validConfig, fc.constantFrom(...Object.keys(REFUSED)), (valid, change) => {
        const { input, path } = REFUSED[change](valid);
        const result = checkEnvironmentText(text(input), FILE);
        if (!("problems" in result)) throw new Error(`${change}: accepted`);
        const lines = result.problems.map(formatProblem);
        for (const line of lines) expect(line).toMatch(/^config\/hostile\.yaml(:\d+)?: [^\n]+: [^\n]+$/);
        expect(result.problems.some((p) => (path === "" ? p.path === "" : p.path.startsWith(path)))).toBe(true);
      }),
      { numRuns: 60, seed: 1616 },
    );
  });

  test("every change in the catalogue is refused for every base config shape", () => {
    const base = fc.sample(validConfig, { numRuns: 1, seed: 7 })[0];
    const accepted = Object.entries(REFUSED).filter(([, change]) => "config" in checkEnvironmentText(text(change(base).input), FILE));
    expect(accepted.map(([name]) => name)).toEqual([]);
  });

  test("names that look like collisions but are not synthesize", () => {
    fc.assert(
      fc.property(validConfig, fc.constantFrom(...Object.keys(ACCEPTED)), (valid, change) => {
        // A one-letter environment leaves room for a-dead-letter-queue in a 32-character target group name.
        const result = checkEnvironmentText(text(ACCEPTED[change](valid)), "config/e.yaml");
        if ("problems" in result) throw new Error(`${change}: ${result.problems.map(formatProblem).join("\n")}`);
        const json = JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), "e", { config: result.config })));
        expect(Object.keys(json.resource.aws_ecs_service)).toHaveLength(Object.keys(result.config.services).length);
      }),
      { numRuns: 4, seed: 16 },
    );
  });
});
