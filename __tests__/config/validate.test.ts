import type { WebServiceConfig } from "../../lib/config/schema";
import { baseInput, configOf, Input, merge, problemsOf, withChat } from "../helpers";

const chatInput = () => (baseInput().services as Input).chat as Input;

describe("defaults", () => {
  const config = configOf(baseInput());
  const chat = config.services.chat as WebServiceConfig;

  test("environment and file come from the file name", () => {
    expect(config.environment).toBe("test");
    expect(config.file).toBe("config/test.yaml");
  });

  test("environment-level defaults", () => {
    expect(config.production).toBe(false);
    expect(config.logRetentionDays).toBe(30);
    expect(config.tags).toEqual({});
    expect(config.loadBalancer).toEqual({
      internal: false,
      allowedCidrs: ["0.0.0.0/0"],
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      idleTimeoutSeconds: 300,
      deletionProtection: false,
      accessLogs: { enabled: false },
    });
    expect(config.kmsKeyArn).toBeUndefined();
  });

  test("service defaults suit model servers", () => {
    expect(chat.kind).toBe("web");
    expect(chat.port).toBe(8080);
    expect(chat.cpuArchitecture).toBe("X86_64");
    expect(chat.stopTimeoutSeconds).toBe(120);
    expect(chat.deregistrationDelaySeconds).toBe(120);
    expect(chat.startupSeconds).toBe(240);
    expect(chat.healthCheckGracePeriodSeconds).toBe(240);
    expect(chat.healthCheck).toEqual({ path: "/health", matcher: "200", intervalSeconds: 15, timeoutSeconds: 5, healthyThreshold: 2, unhealthyThreshold: 3 });
    expect(chat.compute).toEqual({ type: "fargate", onDemandBase: 0, onDemandWeight: 1, spotWeight: 0 });
    expect(chat.taskPolicy).toEqual([]);
    expect(chat.secrets).toEqual({});
  });

  test("policy cooldown defaults: fast scale-out, slow scale-in", () => {
    expect(chat.scaling.policies[0]).toEqual({ type: "cpu", name: "cpu", target: 60, scaleInCooldownSeconds: 300, scaleOutCooldownSeconds: 60, disableScaleIn: false });
  });

  test("listener priorities: derived from each service's route and name, catch-all last, routing.priority pins one", () => {
    const services = {
      zeta: { ...chatInput(), routing: { pathPrefix: "/zeta" } },
      alpha: { ...chatInput(), routing: { pathPrefix: "/" } },
      mid: { ...chatInput(), routing: { pathPrefix: "/mid" } },
      pinned: { ...chatInput(), routing: { pathPrefix: "/pinned", priority: 5 } },
    };
    const resolved = configOf({ ...baseInput(), services }).services as Record<string, WebServiceConfig>;
    expect(resolved.mid.routing.priority).toBe(46102);
    expect(resolved.zeta.routing.priority).toBe(46424);
    expect(resolved.alpha.routing.priority).toBe(47668);
    expect(resolved.pinned.routing.priority).toBe(5);
  });
});

describe("rejected inputs name the file, the line, the field, the value and what is allowed", () => {
  const cases: Array<[string, Input, string]> = [
    ["invalid Fargate memory for the cpu lists the valid sizes", withChat({ cpu: 1024, memory: 3000 }),
      "config/test.yaml:11: services.chat.memory = 3000: is not a valid Fargate memory size for cpu 1024; allowed (MiB): 2048, 3072, 4096, 5120, 6144, 7168, 8192"],
    ["invalid Fargate cpu", withChat({ cpu: 1000 }),
      "config/test.yaml:10: services.chat.cpu = 1000: is not a Fargate CPU size; allowed: 256, 512, 1024, 2048, 4096, 8192, 16384"],
    ["unknown field is an error listing the allowed fields", withChat({ replicas: 3 }),
      "services.chat.replicas = 3: unknown field; allowed fields here: kind, image, cpu, memory"],
    ["unknown top-level field", merge(baseInput(), { regoin: "eu-west-1" }),
      "config/test.yaml:20: regoin = \"eu-west-1\": unknown field; allowed fields here: project, region, production"],
    ["missing required field", merge(baseInput(), { region: undefined }),
      "config/test.yaml:1: region: is required; must be a string (an AWS Region such as \"us-east-1\")"],
    ["min greater than max", withChat({ scaling: { min: 5, max: 2 } }),
      "services.chat.scaling.min = 5: is greater than scaling.max (2); min must be at most max"],
    ["max below 1", withChat({ scaling: { min: 0, max: 0 } }),
      "services.chat.scaling.max = 0: must be at least 1"],
    ["web service with min 0", withChat({ scaling: { min: 0 } }),
      "services.chat.scaling.min = 0: a web service cannot scale from 0"],
    ["fractional count", withChat({ scaling: { max: 2.5 } }),
      "services.chat.scaling.max = 2.5: must be a whole number"],
    ["negative count", withChat({ scaling: { min: -1 } }),
      "services.chat.scaling.min = -1: must be 0 or more"],
    ["huge count", withChat({ scaling: { max: 1e12 } }),
      "services.chat.scaling.max = 1000000000000: must be at most 10000"],
    ["utilization target above 100", withChat({ scaling: { policies: [{ type: "cpu", target: 150 }] } }),
      "services.chat.scaling.policies[0].target = 150: must be at most 100 (it is a utilization percentage)"],
    ["zero target", withChat({ scaling: { policies: [{ type: "requests", target: 0 }] } }),
      "services.chat.scaling.policies[0].target = 0: must be greater than 0"],
    ["negative cooldown", withChat({ scaling: { policies: [{ type: "cpu", target: 50, scaleInCooldownSeconds: -5 }] } }),
      "services.chat.scaling.policies[0].scaleInCooldownSeconds = -5: must be 0 or more"],
    ["unknown policy type", withChat({ scaling: { policies: [{ type: "gpu", target: 50 }] } }),
      "services.chat.scaling.policies[0].type = \"gpu\": type must be one of: cpu, memory, requests"],
    ["two policies on the same metric", withChat({ scaling: { policies: [{ type: "cpu", target: 50 }, { type: "cpu", target: 70 }] } }),
      "services.chat.scaling.policies[1].type = \"cpu\": duplicates policies[0]"],
    ["no policies", withChat({ scaling: { policies: [] } }),
      "services.chat.scaling.policies = a list of 0: must list at least one policy"],
    ["image without tag or digest", withChat({ image: "ghcr.io/acme/llm server" }),
      "services.chat.image = \"ghcr.io/acme/llm server\": must be a container image"],
    ["routing with neither path nor host", withChat({ routing: { pathPrefix: undefined } }),
      "services.chat.routing: needs pathPrefix, host, or both"],
    ["path prefix with a wildcard", withChat({ routing: { pathPrefix: "/chat/*" } }),
      "services.chat.routing.pathPrefix = \"/chat/*\": must be a path such as \"/chat\""],
    ["health check timeout equal to its interval", withChat({ healthCheck: { intervalSeconds: 10, timeoutSeconds: 10 } }),
      "services.chat.healthCheck.timeoutSeconds = 10: must be smaller than intervalSeconds (10): AWS rejects a target group health check whose timeout is not below its interval"],
    ["health check interval set below the default timeout", withChat({ healthCheck: { intervalSeconds: 5 } }),
      "services.chat.healthCheck.timeoutSeconds = 5: must be smaller than intervalSeconds (5)"],
    ["CIDR that does not parse", merge(baseInput(), { loadBalancer: { allowedCidrs: ["10.0.0.300/8"] } }),
      "loadBalancer.allowedCidrs[0] = \"10.0.0.300/8\": must be a CIDR block"],
    ["CIDR with host bits set", merge(baseInput(), { loadBalancer: { allowedCidrs: ["10.1.2.3/8"] } }),
      "loadBalancer.allowedCidrs[0] = \"10.1.2.3/8\": must be a CIDR block"],
    ["secret ARN of the wrong service", withChat({ secrets: { TOKEN: "arn:aws:s3:::bucket/token" } }),
      "services.chat.secrets.TOKEN = \"arn:aws:s3:::bucket/token\": must be a Secrets Manager secret ARN"],
    ["secret in another region", withChat({ secrets: { TOKEN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:tok-AbCdEf" } }),
      "services.chat.secrets.TOKEN = \"arn:aws:secretsmanager:us-east-1:123456789012:secret:tok-AbCdEf\": is in region us-east-1; secrets must be in the environment's region (eu-west-1)"],
    ["variable both plain and secret", withChat({ environment: { TOKEN: "x" }, secrets: { TOKEN: "arn:aws:ssm:eu-west-1:123456789012:parameter/tok" } }),
      "services.chat.secrets.TOKEN = \"arn:aws:ssm:eu-west-1:123456789012:parameter/tok\": TOKEN is also set in environment"],
    ["environment value that is not a string", withChat({ environment: { WORKERS: 4 } }),
      "services.chat.environment.WORKERS = 4: must be a string (quote numbers and booleans)"],
    ["service name AWS would reject", merge(baseInput(), { services: { Chat_Bot: chatInput() } }),
      "services.Chat_Bot: name must be a service name: lower-case letters, digits and hyphens"],
    ["target group name over 32 characters", merge(baseInput(), { services: { "a-very-long-service-name": chatInput() } }),
      "services.a-very-long-service-name: the service name makes the target group name \"acme-test-a-very-long-service-name\" 34 characters long; AWS allows at most 32"],
    ["project name too long", merge(baseInput(), { project: "a-project-name-that-is-long" }),
      "project = \"a-project-name-that-is-long\": must be at most 16 characters"],
    ["Fargate weights both zero", withChat({ compute: { onDemandWeight: 0, spotWeight: 0 } }),
      "services.chat.compute: onDemandWeight and spotWeight are both 0"],
    ["stop timeout beyond the Fargate limit", withChat({ stopTimeoutSeconds: 300 }),
      "services.chat.stopTimeoutSeconds = 300: must be at most 120 (the Fargate limit)"],
    ["log retention CloudWatch does not accept", merge(baseInput(), { logRetentionDays: 10 }),
      "logRetentionDays = 10: must be one of the retention periods CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30"],
    ["certificate from another region", merge(baseInput(), { loadBalancer: { certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0" } }),
      "loadBalancer.certificateArn = \"arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0\": is in region us-east-1; a load balancer can only use a certificate from its own region (eu-west-1)"],
    ["existing network with one public subnet", merge(baseInput(), { network: { mode: "existing", vpcId: "vpc-0123456789abcdef0", publicSubnetIds: ["subnet-0123456789abcdef0"], privateSubnetIds: ["subnet-0123456789abcdef1"] } }),
      "network.publicSubnetIds = a list of 1: must list at least 2 subnets in different availability zones"],
    ["unknown network mode", merge(baseInput(), { network: { mode: "new-vpc" } }),
      "network.mode = \"new-vpc\": mode must be one of: default-vpc, existing"],
    ["malformed VPC id", merge(baseInput(), { network: { mode: "existing", vpcId: "vpc-123", publicSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef2"], privateSubnetIds: ["subnet-0123456789abcdef1"] } }),
      "network.vpcId = \"vpc-123\": must be a VPC id such as \"vpc-0123456789abcdef0\""],
    ["two services with the same route", merge(baseInput(), { services: { chat: chatInput(), chat2: chatInput() } }),
      "services.chat2.routing: routes the same requests as service \"chat\""],
    ["duplicate explicit priorities", merge(withChat({ routing: { priority: 7 } }), { services: { other: merge(chatInput(), { routing: { pathPrefix: "/other", priority: 7 } }) } }),
      "services.other.routing.priority = 7: is also the priority of service \"chat\""],
    ["invalid region", merge(baseInput(), { region: "europe" }),
      "region = \"europe\": is not an AWS Region; Regions: us-east-1, us-east-2,"],
    ["region with the shape of one but not on AWS's list", merge(baseInput(), { region: "us-eats-1" }),
      "region = \"us-eats-1\": is not an AWS Region (did you mean us-east-1?); Regions: us-east-1,"],
    ["state bucket region not on AWS's list", merge(baseInput(), { state: { region: "eu-west-9" } }),
      "state.region = \"eu-west-9\": is not an AWS Region (did you mean eu-west-1?)"],
    ["no services", { ...baseInput(), services: {} },
      "services = a mapping: must define at least one service"],
  ];

  test.each(cases)("%s", (_name, input, expected) => {
    expect(problemsOf(input)).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });

  test("every problem of a file is reported at once", () => {
    const problems = problemsOf(withChat({ cpu: 1000, port: 70000, scaling: { max: 0 } }));
    expect(problems).toEqual([
      "config/test.yaml:16: services.chat.scaling.max = 0: must be at least 1",
      "config/test.yaml:20: services.chat.port = 70000: must be at most 65535",
    ]);
  });
});

describe("environment file names", () => {
  test("a file named like the state stack is rejected", () => {
    expect(problemsOf(baseInput(), "state")).toEqual([
      'config/state.yaml: (file): "state" is the name of the state bootstrap stack; name the environment file differently',
    ]);
  });

  test("a file name AWS names cannot carry is rejected", () => {
    expect(problemsOf(baseInput(), "Prod_EU")[0]).toBe(
      'config/Prod_EU.yaml: (file): the file name "Prod_EU" is the environment and stack name: use 1-16 lower-case letters, digits and hyphens, starting with a letter',
    );
  });
});
