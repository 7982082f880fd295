import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { ALB_SSL_POLICIES } from "../../lib/aws/load-balancer";
import { METRIC_MATH_FUNCTIONS } from "../../lib/aws/metric-math";
import { loadEnvironmentDirectory } from "../../lib/config/load";
import { ConfigError, formatProblem } from "../../lib/config/problems";
import { checkEnvironmentText } from "../../lib/config/load";
import { baseInput, Input, merge, problemsOf, withChat, withWorker } from "../helpers";

/**
 * Values of the right shape that AWS would still refuse at apply time: each is rejected by the
 * config check with the limit in the message, one line each. Warnings for what AWS takes but
 * will hurt.
 */

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A problem line of config/test.yaml, on whatever line the field is. */
const line = (rest: string) => expect.stringMatching(new RegExp(`^config/test\\.yaml:\\d+: ${escape(rest)}$`));

const EXISTING_NETWORK = {
  mode: "existing",
  vpcId: "vpc-0123456789abcdef0",
  publicSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
  privateSubnetIds: ["subnet-0123456789abcdef2"],
};

const web = (path: string, patch: Input = {}) =>
  merge(
    {
      image: "ghcr.io/acme/llm-server:1.4.2",
      cpu: 1024,
      memory: 2048,
      routing: { pathPrefix: path },
      scaling: { min: 1, max: 4, policies: [{ type: "cpu", target: 60 }] },
    },
    patch,
  );

describe("tags (on every resource)", () => {
  test("a key over 128 characters", () => {
    const key = "k".repeat(129);
    expect(problemsOf(merge(baseInput(), { tags: { [key]: "x" } }))).toEqual([
      expect.stringMatching(/^config\/test\.yaml:\d+: tags\["k+\.\.\."\] = "x": the key is 129 characters; tag keys are 1-128 characters$/),
    ]);
  });

  test("a value over 256 characters", () => {
    expect(problemsOf(merge(baseInput(), { tags: { team: "v".repeat(257) } }))).toEqual([
      line(`tags.team = "${"v".repeat(196)}...: is 257 characters; tag values are at most 256`),
    ]);
  });

  test("a key starting with aws: in any case", () => {
    expect(problemsOf(merge(baseInput(), { tags: { "AWS:owner": "me" } }))).toEqual([
      line('tags.AWS:owner = "me": the key starts with "AWS:"; AWS reserves the prefix aws: (in any case) for its own tags'),
    ]);
  });

  test("more tags than a resource can take besides the stacks' own", () => {
    const tags = Object.fromEntries(Array.from({ length: 47 }, (_, i) => [`t${i}`, "x"]));
    expect(problemsOf(merge(baseInput(), { tags }))).toEqual([
      line("tags = a mapping: has 47 tags; at most 46: AWS allows 50 per resource, and every resource also gets Project, Environment, ManagedBy and may have a Name tag"),
    ]);
  });

  test("a tag that would replace Project", () => {
    expect(problemsOf(merge(baseInput(), { tags: { Project: "other" } }))).toEqual([
      line('tags.Project = "other": would replace the Project tag the stacks set on every resource; choose another key'),
    ]);
  });

  test("characters some tagged service refuses", () => {
    expect(problemsOf(merge(baseInput(), { tags: { team: "a;b" } }))).toEqual([
      line('tags.team = "a;b": tags may hold letters, digits, spaces and + - = . _ : / @ only (what every tagged AWS service accepts)'),
    ]);
  });
});

describe("the state bucket name", () => {
  test.each([
    ["192.168.5.4", "is formatted as an IP address; S3 bucket names may not be"],
    ["xn--state", 'starts with "xn--", a prefix S3 reserves (reserved: xn--, sthree-, amzn-s3-demo-)'],
    ["sthree-state", 'starts with "sthree-", a prefix S3 reserves (reserved: xn--, sthree-, amzn-s3-demo-)'],
    ["amzn-s3-demo-state", 'starts with "amzn-s3-demo-", a prefix S3 reserves (reserved: xn--, sthree-, amzn-s3-demo-)'],
    ["state-s3alias", 'ends with "-s3alias", a suffix S3 reserves (reserved: -s3alias, --ol-s3, .mrap, --x-s3, --table-s3)'],
    ["state--ol-s3", 'ends with "--ol-s3", a suffix S3 reserves (reserved: -s3alias, --ol-s3, .mrap, --x-s3, --table-s3)'],
    ["state.mrap", 'ends with ".mrap", a suffix S3 reserves (reserved: -s3alias, --ol-s3, .mrap, --x-s3, --table-s3)'],
    ["state--x-s3", 'ends with "--x-s3", a suffix S3 reserves (reserved: -s3alias, --ol-s3, .mrap, --x-s3, --table-s3)'],
    ["a..b", "has two adjacent dots; S3 bucket names may not"],
  ])("%s is refused", (bucket, message) => {
    expect(problemsOf(merge(baseInput(), { state: { bucket } }))).toEqual([line(`state.bucket = "${bucket}": ${message}`)]);
  });

  test("the load balancer's access log bucket gets the same checks", () => {
    const logs = (accessLogs: Input) => problemsOf(merge(baseInput(), { loadBalancer: { accessLogs } }));
    expect(logs({ bucket: "xn--logs" })).toEqual([line('loadBalancer.accessLogs.bucket = "xn--logs": starts with "xn--", a prefix S3 reserves (reserved: xn--, sthree-, amzn-s3-demo-)')]);
    expect(logs({ existingBucket: "10.1.2.3" })).toEqual([expect.stringContaining('loadBalancer.accessLogs.existingBucket = "10.1.2.3": ')]);
  });

  test("dots are legal but draw a warning with its line", () => {
    const result = checkEnvironmentText(stringify(merge(baseInput(), { state: { bucket: "acme.state" } })), "config/test.yaml");
    if (!("config" in result)) throw new Error("expected a config");
    expect(result.config.warnings.map(formatProblem)).toEqual([
      'config/test.yaml:4: state.bucket = "acme.state": has dots: HTTPS requests to <bucket>.s3.<region>.amazonaws.com fail certificate validation (the wildcard certificate covers one label) and Transfer Acceleration is unavailable; a name with hyphens avoids both',
    ]);
  });
});

describe("names AWS reserves or that two resources would share", () => {
  test("a load balancer name starting with internal-", () => {
    expect(problemsOf(merge(baseInput(), { project: "internal" }))).toEqual([
      line('project = "internal": makes the load balancer name "internal-test" (the load balancer), which starts with "internal-"; AWS refuses load balancer names starting with internal-: rename the project or environment'),
    ]);
  });

  test("security group names starting with sg-", () => {
    expect(problemsOf(merge(baseInput(), { project: "sg" }))).toEqual([
      line('project = "sg": makes the security group name "sg-test-alb" (the load balancer\'s security group), which starts with "sg-"; AWS refuses security group names starting with sg-: rename the project or environment'),
      line('services.chat: makes the security group name "sg-test-chat" (the security group of service "chat"), which starts with "sg-"; AWS refuses security group names starting with sg-: rename the project or environment or the service'),
    ]);
  });

  test("a worker a-dlq beside a worker a: both queues would be acme-test-a-dlq", () => {
    const a = withWorker().services as Input;
    const input = merge(baseInput(), { services: { a: a.jobs, "a-dlq": a.jobs } });
    expect(problemsOf(input)).toEqual([
      line('services.a-dlq: makes the SQS queue name "acme-test-a-dlq" for the queue of service "a-dlq", which is also the name of the dead-letter queue of service "a"; AWS wants SQS queue names unique (per region): rename one of them'),
    ]);
  });

  test("a service named alb gets the load balancer's security group name", () => {
    expect(problemsOf(merge(baseInput(), { services: { alb: web("/alb") } }))).toEqual([
      line('services.alb: makes the security group name "acme-test-alb" for the security group of service "alb", which is also the name of the load balancer\'s security group; AWS wants security group names unique (per vpc): rename one of them'),
    ]);
  });

  test("step policy alarms of two services that would share a name", () => {
    const step = (name: string) => ({
      type: "step",
      name,
      alarm: { metric: { namespace: "AWS/ApplicationELB", name: "RequestCount", statistic: "Sum" }, comparison: "GreaterThanThreshold", threshold: 100 },
      steps: [{ lowerBound: 0, adjustment: 1 }],
    });
    const input = merge(baseInput(), {
      services: { a: web("/a", { scaling: { policies: [step("b-c")] } }), "a-b": web("/ab", { scaling: { policies: [step("c")] } }) },
    });
    expect(problemsOf(input)).toEqual([
      line('services.a-b.scaling.policies[0].name: makes the CloudWatch alarm name "acme-test-a-b-c" for the alarm of step policy c of service "a-b", which is also the name of the alarm of step policy b-c of service "a"; AWS wants CloudWatch alarm names unique (per region): rename one of them'),
    ]);
  });

  test("a blue/green service's second target group named like another service's target group", () => {
    const input = merge(baseInput(), { services: { a: web("/a", { deployment: { strategy: "blue-green" } }), "a-g": web("/ag") } });
    expect(problemsOf(input)).toEqual([
      line('services.a-g: makes the target group name "acme-test-a-g" for the target group of service "a-g", which is also the name of the second target group of service "a"; AWS wants target group names unique (per region): rename one of them'),
    ]);
    // Rolling: no second target group, no collision.
    expect(problemsOf(merge(baseInput(), { services: { a: web("/a"), "a-g": web("/ag") } }))).toEqual([]);
  });

  test("a step policy named like one of the service's own alarms; none with the service's alarms off", () => {
    const latencyStep = {
      type: "step",
      name: "latency",
      alarm: { metric: { namespace: "AWS/ApplicationELB", name: "TargetResponseTime", statistic: "Average" }, comparison: "GreaterThanThreshold", threshold: 2 },
      steps: [{ lowerBound: 0, adjustment: 1 }],
    };
    const input = (alarms: Input) => withChat({ alarms, scaling: { policies: [{ type: "cpu", target: 60 }, latencyStep] } });
    expect(problemsOf(input({}))).toEqual([
      line('services.chat.scaling.policies[1].name: makes the CloudWatch alarm name "acme-test-chat-latency" for the alarm of step policy latency of service "chat", which is also the name of the latency alarm of service "chat"; AWS wants CloudWatch alarm names unique (per region): rename one of them'),
    ]);
    expect(problemsOf(input({ enabled: false }))).toEqual([]);
  });

  test("a step policy named like the queue policy's scale-to-zero policy", () => {
    const input = withWorker({
      scaling: {
        policies: [
          { type: "queue", secondsPerMessage: 10, acceptableLatencySeconds: 60 },
          {
            type: "step",
            name: "scale-to-zero",
            alarm: { metric: { namespace: "AWS/SQS", name: "NumberOfMessagesSent", statistic: "Sum" }, comparison: "LessThanThreshold", threshold: 1 },
            steps: [{ upperBound: 0, adjustment: -1 }],
          },
        ],
      },
    });
    expect(problemsOf(input)).toEqual([
      line('services.jobs.scaling.policies[1].name: makes the scaling policy name "acme-test-jobs-scale-to-zero" for policy scale-to-zero of service "jobs", which is also the name of the scale-to-zero policy of service "jobs"; AWS wants scaling policy names unique (per service): rename one of them'),
    ]);
  });
});

describe("environments whose AWS names collide", () => {
  const scratch = mkdtempSync(join(tmpdir(), "ecs-ai-collide-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const directoryWith = (name: string, files: Record<string, Input>) => {
    const dir = join(scratch, name);
    mkdirSync(dir);
    for (const [file, input] of Object.entries(files)) writeFileSync(join(dir, file), stringify(input));
    return dir;
  };
  const messagesOf = (dir: string) => {
    try {
      loadEnvironmentDirectory(dir);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems.map(formatProblem);
      throw error;
    }
    return [];
  };

  test("project a with environment b-c and project a-b with environment c both name the cluster a-b-c", () => {
    const dir = directoryWith("cluster", { "b-c.yaml": merge(baseInput(), { project: "a" }), "c.yaml": merge(baseInput(), { project: "a-b" }) });
    const messages = messagesOf(dir);
    expect(messages[0]).toBe(
      `${join(dir, "c.yaml")}:1: project = "a-b": makes the ECS cluster name "a-b-c" for the ECS cluster, which ${join(dir, "b-c.yaml")} (project "a", environment "b-c") also gives the ECS cluster; the two environments cannot both deploy in one account and Region (eu-west-1) (give each environment its accountId if they deploy to different accounts): rename a project, environment or service`,
    );
    expect(messages).toContainEqual(expect.stringContaining('makes the IAM role name "a-b-c-chat-execution"'));
  });

  test("the web ACLs the stack creates collide too; an existing one (by ARN) does not", () => {
    const managed = directoryWith("waf", {
      "b-c.yaml": merge(baseInput(), { project: "a", loadBalancer: { webAcl: {} } }),
      "c.yaml": merge(baseInput(), { project: "a-b", loadBalancer: { webAcl: {} } }),
    });
    expect(messagesOf(managed)).toContainEqual(expect.stringContaining('project = "a-b": makes the WAF web ACL name "a-b-c" for the load balancer\'s web ACL'));
    const arn = (region: string) => `arn:aws:wafv2:${region}:123456789012:regional/webacl/shared/0123abcd-0123-4567-89ab-0123456789ab`;
    const existing = directoryWith("waf-existing", {
      "b-c.yaml": merge(baseInput(), { project: "a", loadBalancer: { webAcl: { arn: arn("eu-west-1") } } }),
      "c.yaml": merge(baseInput(), { project: "a-b", loadBalancer: { webAcl: { arn: arn("eu-west-1") } } }),
    });
    const messages = messagesOf(existing);
    // Both files are valid: their cluster names collide, their web ACLs do not.
    expect(messages).toContainEqual(expect.stringContaining('makes the ECS cluster name "a-b-c"'));
    expect(messages.filter((m) => m.includes("WAF web ACL"))).toEqual([]);
  });

  test("the load balancer's access log buckets collide in any Region: derived from project and environment, or named alike", () => {
    const derived = directoryWith("alb-logs", {
      "b-c.yaml": merge(baseInput(), { project: "a", loadBalancer: { accessLogs: { enabled: true } } }),
      "c.yaml": merge(baseInput(), { project: "a-b", region: "us-east-1", state: { region: "eu-west-1" }, loadBalancer: { accessLogs: { enabled: true } } }),
    });
    expect(messagesOf(derived)).toContainEqual(expect.stringContaining('project = "a-b": makes the S3 bucket name "a-b-c-alb-logs-<account id>" for the load balancer\'s access log bucket'));
    const named = directoryWith("alb-logs-named", {
      "one.yaml": merge(baseInput(), { project: "p", loadBalancer: { accessLogs: { bucket: "shared-alb-logs" } } }),
      "two.yaml": merge(baseInput(), { project: "q", loadBalancer: { accessLogs: { bucket: "shared-alb-logs" } } }),
    });
    expect(messagesOf(named)).toEqual([
      expect.stringMatching(/two\.yaml:\d+: loadBalancer\.accessLogs\.bucket = "shared-alb-logs": makes the S3 bucket name "shared-alb-logs" for the load balancer's access log bucket, which .*one\.yaml \(project "p", environment "one"\) also gives/),
    ]);
  });

  test("in different Regions only the account-wide names collide", () => {
    const dir = directoryWith("regions", {
      "b-c.yaml": merge(baseInput(), { project: "a" }),
      "c.yaml": merge(baseInput(), { project: "a-b", region: "us-east-1", state: { region: "eu-west-1" } }),
    });
    const messages = messagesOf(dir);
    expect(messages.length).toBeGreaterThan(0);
    // IAM names and the dashboard's belong to the account, not a Region.
    for (const message of messages) expect(message).toMatch(/(IAM role|CloudWatch dashboard) name .*cannot both deploy in one account \(/);
    expect(messages).toContainEqual(expect.stringContaining('project = "a-b": makes the CloudWatch dashboard name "a-b-c" for the dashboard'));
  });

  test("environments of different accounts do not collide; of one account, the message names it", () => {
    const apart = directoryWith("accounts", {
      "b-c.yaml": merge(baseInput(), { project: "a", accountId: "111111111111" }),
      "c.yaml": merge(baseInput(), { project: "a-b", accountId: "222222222222" }),
    });
    expect(messagesOf(apart)).toEqual([]);
    const together = directoryWith("one-account", {
      "b-c.yaml": merge(baseInput(), { project: "a", accountId: "111111111111" }),
      "c.yaml": merge(baseInput(), { project: "a-b", accountId: "111111111111" }),
    });
    expect(messagesOf(together)[0]).toMatch(/cannot both deploy in one account and Region \(eu-west-1\) \(both deploy to account 111111111111\): rename/);
  });

  test("more services across the environments than one synth takes", () => {
    const services = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`w${i}`, (withWorker().services as Input).jobs]));
    const files = Object.fromEntries(["a", "b", "c", "d"].map((env) => [`${env}.yaml`, { ...baseInput(), project: `p${env}`, services }]));
    const dir = directoryWith("many", files);
    expect(messagesOf(dir)).toEqual([`${dir}: (file): its environments have 320 services together; a synth takes at most 300 (split the config directory)`]);
  });

  test("more environment files than one synth takes", () => {
    const files = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`e${i}.yaml`, baseInput()]));
    const dir = directoryWith("files", files);
    expect(messagesOf(dir)).toEqual([`${dir}: (file): holds 51 environment files; a synth takes at most 50 (split the config directory)`]);
  });

  test("different names do not collide", () => {
    const dir = directoryWith("apart", { "dev.yaml": baseInput(), "prod.yaml": baseInput() });
    expect(messagesOf(dir)).toEqual([]);
  });

  test("one environment's state bucket is another's access log bucket", () => {
    const dir = directoryWith("buckets", {
      "a.yaml": merge(baseInput(), { state: { bucket: "acme-state" } }),
      "b.yaml": merge(baseInput(), { project: "other", state: { bucket: "acme-state-logs" } }),
    });
    expect(messagesOf(dir)).toEqual([
      `${join(dir, "b.yaml")}:4: state.bucket = "acme-state-logs": makes "acme-state-logs" the state bucket, but ${join(dir, "a.yaml")} makes it its access log bucket; the state stack would create two buckets of one name: name them apart`,
    ]);
  });

  test("two state buckets with one access log bucket", () => {
    const dir = directoryWith("shared-logs", {
      "a.yaml": merge(baseInput(), { state: { bucket: "acme-state-a", accessLogBucket: "acme-state-logs" } }),
      "b.yaml": merge(baseInput(), { project: "other", state: { bucket: "acme-state-b", accessLogBucket: "acme-state-logs" } }),
    });
    expect(messagesOf(dir)).toEqual([
      `${join(dir, "b.yaml")}:5: state.accessLogBucket = "acme-state-logs": is also the access log bucket of state bucket "acme-state-a" (${join(dir, "a.yaml")}); the state stack creates one access log bucket per state bucket: name another, or leave it out for "acme-state-b-logs"`,
    ]);
  });

  test("environments sharing a state bucket share its access log bucket", () => {
    const dir = directoryWith("one-bucket", {
      "a.yaml": merge(baseInput(), { state: { bucket: "acme-state", accessLogBucket: "acme-state-logs" } }),
      "b.yaml": merge(baseInput(), { project: "other", state: { bucket: "acme-state", accessLogBucket: "acme-state-logs" } }),
    });
    expect(messagesOf(dir)).toEqual([]);
  });

  test("a lock table two environments want in different Regions", () => {
    const dir = directoryWith("tables", {
      "a.yaml": merge(baseInput(), { state: { bucket: "acme-state-a", dynamodbTable: "locks" } }),
      "b.yaml": merge(baseInput(), { state: { bucket: "acme-state-b", region: "us-east-1", dynamodbTable: "locks" } }),
    });
    expect(messagesOf(dir)).toEqual([
      `${join(dir, "b.yaml")}:6: state.dynamodbTable = "locks": is also the lock table of ${join(dir, "a.yaml")}, whose state is in eu-west-1, not us-east-1; the state stack creates a lock table once, in one Region: give this environment its own table`,
    ]);
  });
});

describe("ARNs and policies", () => {
  test("a certificate of another partition than the Region's", () => {
    const certificateArn = "arn:aws-cn:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";
    expect(problemsOf(merge(baseInput(), { loadBalancer: { certificateArn } }))).toEqual([
      line(`loadBalancer.certificateArn = "${certificateArn}": is in partition "aws-cn"; in eu-west-1 every ARN is in partition "aws" (partitions: aws, aws-cn, aws-us-gov)`),
    ]);
  });

  test("a task policy resource of no partition", () => {
    const input = withChat({ taskPolicy: [{ actions: ["s3:GetObject"], resources: ["arn::s3:::bucket/*"] }] });
    expect(problemsOf(input)).toEqual([
      line('services.chat.taskPolicy[0].resources[0] = "arn::s3:::bucket/*": names no partition; in eu-west-1 every ARN is in partition "aws" (partitions: aws, aws-cn, aws-us-gov)'),
    ]);
  });

  test("a task policy resource that is not an ARN", () => {
    expect(problemsOf(withChat({ taskPolicy: [{ actions: ["s3:GetObject"], resources: ["my-bucket/*"] }] }))).toEqual([
      line('services.chat.taskPolicy[0].resources[0] = "my-bucket/*": must be "*" or an ARN: arn:<partition>:<service>:<region>:<account>:<resource> (wildcards * and ? allowed in each part)'),
    ]);
  });

  test("a secret of another partition", () => {
    const arn = "arn:aws-us-gov:secretsmanager:eu-west-1:123456789012:secret:token";
    expect(problemsOf(withChat({ secrets: { TOKEN: arn } }))).toEqual([
      line(`services.chat.secrets.TOKEN = "${arn}": is in partition "aws-us-gov"; in eu-west-1 every ARN is in partition "aws" (partitions: aws, aws-cn, aws-us-gov)`),
    ]);
  });

  test("an SSM parameter ARN with an empty level", () => {
    const arn = "arn:aws:ssm:eu-west-1:123456789012:parameter/app//token";
    expect(problemsOf(withChat({ secrets: { TOKEN: arn } }))).toEqual([
      line(`services.chat.secrets.TOKEN = "${arn}": has an empty level ("//") in the parameter name; Parameter Store names have none`),
    ]);
  });

  test("an ELB security policy that does not exist, with the nearest one", () => {
    const certificateArn = "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";
    expect(problemsOf(merge(baseInput(), { loadBalancer: { certificateArn, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-07" } }))).toEqual([
      line(`loadBalancer.sslPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-07": is not a security policy of Application Load Balancers (did you mean ELBSecurityPolicy-TLS13-1-2-2021-06?); policies: ${ALB_SSL_POLICIES.join(", ")}`),
    ]);
  });

  test("a task policy larger than IAM takes", () => {
    const resources = Array.from({ length: 300 }, (_, i) => `arn:aws:s3:::bucket-number-${i}/models/*`);
    expect(problemsOf(withChat({ taskPolicy: [{ actions: ["s3:GetObject"], resources }] }))).toEqual([
      expect.stringMatching(/^config\/test\.yaml:\d+: services\.chat\.taskPolicy: makes the task role's policy \d+ characters; IAM allows at most 10240 per role: use wildcards in resources or fewer statements$/),
    ]);
  });
});

describe("the load balancer and the network", () => {
  test("the same public subnet twice: an ALB needs two subnets in two Availability Zones", () => {
    const network = { ...EXISTING_NETWORK, publicSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef0"] };
    expect(problemsOf(merge(baseInput(), { network }))).toEqual([
      line('network.publicSubnetIds[1] = "subnet-0123456789abcdef0": is listed twice (also publicSubnetIds[0]); an Application Load Balancer needs two different subnets, in two Availability Zones'),
    ]);
  });

  test("one network twice in allowedCidrs, spelled differently", () => {
    expect(problemsOf(merge(baseInput(), { loadBalancer: { allowedCidrs: ["2001:db8::/32", "2001:0db8:0::/32"] } }))).toEqual([
      line('loadBalancer.allowedCidrs[1] = "2001:0db8:0::/32": is the network of allowedCidrs[0] (2001:db8::/32) again; EC2 refuses a security group rule that duplicates another'),
    ]);
  });

  test("a CIDR with an IPv6 zone id", () => {
    expect(problemsOf(merge(baseInput(), { loadBalancer: { allowedCidrs: ["fe80::1%eth0/128"] } }))).toEqual([
      line('loadBalancer.allowedCidrs[0] = "fe80::1%eth0/128": must be a CIDR block such as "10.0.0.0/8" or "0.0.0.0/0" (address bits past the prefix must be zero)'),
    ]);
  });

  test("more services than one load balancer takes rules: refused before the rest is checked", () => {
    const services = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`s${i}`, web(`/s${i}`)]));
    expect(problemsOf({ ...baseInput(), services })).toEqual([
      line("services: lists 101 services; an environment may have at most 100 (the most web services one load balancer takes, and what one synth handles in seconds): split the environment"),
    ]);
  });

  test("a host header over 128 characters (checked with the routes)", () => {
    const host = `${"a".repeat(60)}.${"b".repeat(60)}.example.com`;
    expect(problemsOf(withChat({ routing: { host } }))).toEqual([line(`services.chat.routing.host = "${host}": is longer than 128 characters, ALB's limit on host conditions`)]);
  });

  test("a path prefix with an empty segment", () => {
    expect(problemsOf(withChat({ routing: { pathPrefix: "/v1//chat" } }))).toEqual([
      line('services.chat.routing.pathPrefix = "/v1//chat": must be a path such as "/chat" (no wildcards, no "//"; "/" catches everything)'),
    ]);
  });

  test("a health check path over 1024 characters", () => {
    const path = `/${"h".repeat(1024)}`;
    expect(problemsOf(withChat({ healthCheck: { path } }))).toEqual([expect.stringMatching(/services\.chat\.healthCheck\.path = "\/h+\.\.\.: must be at most 1024 characters \(the target group limit\)$/)]);
  });

  test.each(["500", "100-200", "299-200"])("a health check matcher %s outside 200-499", (matcher) => {
    expect(problemsOf(withChat({ healthCheck: { matcher } }))).toEqual([
      line(`services.chat.healthCheck.matcher = "${matcher}": must be HTTP codes between 200 and 499 such as "200", "200-299" or "200,204" (what an Application Load Balancer accepts)`),
    ]);
  });
});

describe("values CloudWatch and Application Auto Scaling take", () => {
  test("a target closer to 0 than the API takes", () => {
    expect(problemsOf(withChat({ scaling: { policies: [{ type: "requests", target: 1e-200 }] } }))).toEqual([
      line("services.chat.scaling.policies[0].target = 1e-200: is closer to 0 than CloudWatch takes (0, or at least 8.51592e-109 in magnitude)"),
    ]);
  });

  test("an alarm threshold beyond what CloudWatch takes", () => {
    const policy = {
      type: "step",
      alarm: { metric: { namespace: "AWS/ApplicationELB", name: "RequestCount", statistic: "Sum" }, comparison: "GreaterThanThreshold", threshold: 1e200 },
      steps: [{ lowerBound: 0, adjustment: 1 }],
    };
    expect(problemsOf(withChat({ scaling: { policies: [policy] } }))).toEqual([
      line("services.chat.scaling.policies[0].alarm.threshold = 1e+200: is larger than CloudWatch takes (at most 1.174271e+108 in magnitude)"),
    ]);
  });

  test("a queue backlog target beyond what CloudWatch takes", () => {
    const input = withWorker({ scaling: { policies: [{ type: "queue", secondsPerMessage: 1e-105, acceptableLatencySeconds: 1e9 }] }, queue: { visibilityTimeoutSeconds: 1 } });
    expect(problemsOf(input)).toEqual([
      line("services.jobs.scaling.policies[0].secondsPerMessage = 1e-105: makes the backlog target ceil(acceptableLatencySeconds / secondsPerMessage) = 1e+114, larger than the target value CloudWatch takes (at most 1.174271e+108)"),
    ]);
  });
});

describe("metric math CloudWatch cannot evaluate", () => {
  const custom = (expression: string, metrics: Input = { inflight: { namespace: "App", name: "InFlight" }, tasks: { namespace: "App", name: "Tasks" } }) =>
    withChat({ scaling: { policies: [{ type: "custom", target: 4, metrics, expression }] } });
  const at = "services.chat.scaling.policies[0].expression";

  test.each([
    ["inflight / (tasks", 'is not metric math CloudWatch can evaluate: ")" is missing at the end'],
    ["inflight // tasks", 'is not metric math CloudWatch can evaluate: unexpected "/" at 11'],
    ["inflight % tasks", 'is not metric math CloudWatch can evaluate: "%" at 10 is not part of metric math'],
    ["MEDIAN(inflight) / tasks", `is not metric math CloudWatch can evaluate: MEDIAN at 1 is not a metric math function; functions: ${Object.keys(METRIC_MATH_FUNCTIONS).join(", ")}`],
    ["FILL(inflight) / tasks", "is not metric math CloudWatch can evaluate: FILL at 1 takes 2 arguments, not 1"],
    ['SEARCH(\'{App} InFlight\', "Average", 60) / tasks + inflight', "is not metric math CloudWatch can evaluate: SEARCH at 1 returns any number of time series; a scaling policy and an alarm need exactly one"],
  ])("%s", (expression, message) => {
    expect(problemsOf(custom(expression))).toEqual([line(`${at} = ${JSON.stringify(expression)}: ${message}`)]);
  });

  test("an id the metrics do not declare", () => {
    expect(problemsOf(custom("inflight / tasks / replicas"))).toEqual([
      line(`${at} = "inflight / tasks / replicas": uses replicas, which metrics does not declare (declared: inflight, tasks)`),
    ]);
  });

  test("an expression that gives a number, not a time series", () => {
    expect(problemsOf(custom("AVG(inflight) / AVG(tasks)"))).toEqual([
      line(`${at} = "AVG(inflight) / AVG(tasks)": evaluates to a single number; a scaling policy or alarm tracks exactly one time series`),
    ]);
  });

  test("functions, keywords, comparisons and lists CloudWatch documents are accepted", () => {
    for (const expression of [
      "IF(tasks > 0, inflight / tasks, inflight)",
      "FILL(inflight, REPEAT) / FILL(tasks, 1)",
      "SUM([inflight, tasks]) - -tasks ^ 2 ^ 0.5",
      "inflight / tasks AND tasks >= 1 || inflight != 0",
      "FIRST(SORT([inflight, tasks], AVG, DESC)) + 1e-3 * PERIOD(tasks)",
    ]) {
      expect(problemsOf(custom(expression))).toEqual([]);
    }
  });
});

describe("scratch paths", () => {
  const paths = (writablePaths: string[]) => withChat({ filesystem: { writablePaths } });
  test("/ itself", () => {
    expect(problemsOf(paths(["/"]))).toEqual([line('services.chat.filesystem.writablePaths[0] = "/": is the root directory; name a directory below it (a volume over / would hide the image)')]);
  });
  test("a .. segment", () => {
    expect(problemsOf(paths(["/data/../etc"]))).toEqual([
      line('services.chat.filesystem.writablePaths[0] = "/data/../etc": has a "." or ".." segment; write the directory the volume is mounted at, such as "/data/cache"'),
    ]);
  });
  test("one directory twice, spelled with a trailing slash", () => {
    expect(problemsOf(paths(["/tmp", "/tmp/"]))).toEqual([line('services.chat.filesystem.writablePaths[1] = "/tmp/": is writablePaths[0] again; ECS refuses two mount points at one path')]);
  });
});

describe("the task definition size", () => {
  test("a 70 KB environment value makes a task definition larger than ECS registers", () => {
    expect(problemsOf(withChat({ environment: { PROMPT: "p".repeat(70000) } }))).toEqual([
      expect.stringMatching(/^config\/test\.yaml:\d+: services\.chat\.environment: makes the task definition about \d+ bytes \(700\d\d of them here\); ECS registers at most 65536 \(64 KiB\): keep large values in S3, or in Secrets Manager or Parameter Store as secrets$/),
    ]);
  });
});

describe("a service that can never scale in", () => {
  const warningsOf = (input: Input) => {
    const result = checkEnvironmentText(stringify(input), "config/test.yaml");
    if (!("config" in result)) throw new Error(result.problems.map(formatProblem).join("\n"));
    return result.config.warnings.map(formatProblem);
  };

  test("every policy with disableScaleIn: true draws a warning", () => {
    const input = withChat({ scaling: { policies: [{ type: "cpu", target: 60, disableScaleIn: true }, { type: "requests", target: 100, disableScaleIn: true }] } });
    expect(warningsOf(input)).toEqual([
      line("services.chat.scaling.policies: no policy can remove tasks (every target tracking policy has disableScaleIn: true and no step policy removes tasks): the service never scales in after a peak"),
    ]);
  });

  test("a step policy that removes tasks is a way in", () => {
    const step = {
      type: "step",
      alarm: { metric: { namespace: "AWS/ApplicationELB", name: "RequestCount", statistic: "Sum" }, comparison: "LessThanThreshold", threshold: 10 },
      steps: [{ upperBound: 0, adjustment: -1 }],
    };
    expect(warningsOf(withChat({ scaling: { policies: [{ type: "cpu", target: 60, disableScaleIn: true }, step] } }))).toEqual([]);
  });
});
