import { baseInput, configOf, EXISTING_NETWORK_ONE_PRIVATE_SUBNET, Input, merge, problemsOf } from "../helpers";

// The load balancer's web ACL, access logs and deletion protection, the environment's KMS key and
// the production log retention: every rejected input with its message, and the resolved defaults.

const EXISTING_NETWORK = EXISTING_NETWORK_ONE_PRIVATE_SUBNET;
const production = (patch: Input = {}) => merge(merge(baseInput(), { production: true, accountId: "123456789012", network: EXISTING_NETWORK, loadBalancer: { webAcl: {} } }), patch);
const withLoadBalancer = (loadBalancer: Input, base: Input = baseInput()) => merge(base, { loadBalancer });
const ACL = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/edge/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** The problem lines without the file and line (asserted apart where the line matters). */
const messages = (input: Input) => problemsOf(input).map((line) => line.replace(/^config\/test\.yaml(:\d+)?: /, ""));

describe("rejected", () => {
  test.each<[string, Input, string]>([
    [
      "an internet-facing production load balancer without a web ACL",
      production({ loadBalancer: { webAcl: undefined } }),
      "loadBalancer.webAcl: is required for an internet-facing load balancer in a production environment: add webAcl: {} for a web ACL the stack creates (AWS managed rule groups and a rate limit per client IP), or webAcl.arn for an existing one",
    ],
    [
      "a CloudFront web ACL",
      withLoadBalancer({ webAcl: { arn: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/cdn/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0" } }),
      'loadBalancer.webAcl.arn = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/cdn/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0": is a CloudFront (global) web ACL; a load balancer takes a regional one (arn:...:regional/webacl/...)',
    ],
    [
      "a web ACL of another region",
      withLoadBalancer({ webAcl: { arn: ACL.replace("eu-west-1", "eu-central-1") } }),
      `loadBalancer.webAcl.arn = "${ACL.replace("eu-west-1", "eu-central-1")}": is in region eu-central-1; a load balancer can only use a web ACL of its own region (eu-west-1)`,
    ],
    [
      "a web ACL of another partition",
      withLoadBalancer({ webAcl: { arn: ACL.replace("arn:aws:", "arn:aws-us-gov:") } }),
      `loadBalancer.webAcl.arn = "${ACL.replace("arn:aws:", "arn:aws-us-gov:")}": is in partition aws-us-gov; the environment's region eu-west-1 is in partition aws`,
    ],
    ["a web ACL ARN that is not one", withLoadBalancer({ webAcl: { arn: "edge-acl" } }), 'loadBalancer.webAcl.arn = "edge-acl": must be a WAFv2 web ACL ARN (arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>)'],
    [
      "a rate limit for an existing web ACL",
      withLoadBalancer({ webAcl: { arn: ACL, rateLimit: 500 } }),
      "loadBalancer.webAcl.rateLimit = 500: applies only to the web ACL the stack creates; remove it, or remove webAcl.arn",
    ],
    ["a rate limit below AWS's minimum", withLoadBalancer({ webAcl: { rateLimit: 5 } }), "loadBalancer.webAcl.rateLimit = 5: must be at least 10 (the lowest rate limit AWS WAF accepts)"],
    [
      "a rate limit above AWS's maximum",
      withLoadBalancer({ webAcl: { rateLimit: 3_000_000_000 } }),
      "loadBalancer.webAcl.rateLimit = 3000000000: must be at most 2000000000 (the highest rate limit AWS WAF accepts)",
    ],
    ["a fractional rate limit", withLoadBalancer({ webAcl: { rateLimit: 99.5 } }), "loadBalancer.webAcl.rateLimit = 99.5: must be a whole number"],
    [
      "an evaluation window AWS WAF does not offer",
      withLoadBalancer({ webAcl: { rateLimitWindowSeconds: 30 } }),
      "loadBalancer.webAcl.rateLimitWindowSeconds = 30: must be one of the evaluation windows AWS WAF accepts: 60, 120, 300, 600 seconds",
    ],
    [
      "both a bucket to create and an existing one",
      withLoadBalancer({ accessLogs: { bucket: "acme-alb-logs", existingBucket: "acme-central-logs" } }),
      'loadBalancer.accessLogs.existingBucket = "acme-central-logs": names an existing bucket while accessLogs.bucket names one for the stack to create; keep one of them',
    ],
    [
      "the state bucket as log bucket",
      withLoadBalancer({ accessLogs: { existingBucket: "acme-terraform-state" } }),
      'loadBalancer.accessLogs.existingBucket = "acme-terraform-state": is a bucket of the state stack; load balancer access logs need a bucket of their own',
    ],
    [
      "the state access log bucket as log bucket",
      withLoadBalancer({ accessLogs: { bucket: "acme-terraform-state-logs" } }),
      'loadBalancer.accessLogs.bucket = "acme-terraform-state-logs": is a bucket of the state stack; load balancer access logs need a bucket of their own',
    ],
    [
      "a bucket name S3 refuses",
      withLoadBalancer({ accessLogs: { bucket: "Acme_Logs" } }),
      'loadBalancer.accessLogs.bucket = "Acme_Logs": must be an S3 bucket name (3-63 characters: lower-case letters, digits, dots, hyphens)',
    ],
    [
      "a prefix with AWSLogs",
      withLoadBalancer({ accessLogs: { enabled: true, prefix: "lb/AWSLogs" } }),
      'loadBalancer.accessLogs.prefix = "lb/AWSLogs": must not contain AWSLogs (Elastic Load Balancing adds AWSLogs/<account id>/ after the prefix itself)',
    ],
    [
      "a prefix with a leading slash",
      withLoadBalancer({ accessLogs: { enabled: true, prefix: "/lb" } }),
      'loadBalancer.accessLogs.prefix = "/lb": must not start or end with "/" or contain "//" (levels are separated by single slashes)',
    ],
    [
      "a prefix with a space",
      withLoadBalancer({ accessLogs: { enabled: true, prefix: "my logs" } }),
      "loadBalancer.accessLogs.prefix = \"my logs\": must be a key prefix of at most 200 characters: letters, digits, / and !_.*'()-",
    ],
    [
      "a prefix longer than 200 characters",
      withLoadBalancer({ accessLogs: { enabled: true, prefix: "a".repeat(201) } }),
      `loadBalancer.accessLogs.prefix = "${"a".repeat(196)}...: must be a key prefix of at most 200 characters: letters, digits, / and !_.*'()-`,
    ],
    ["deletion protection that is not a boolean", withLoadBalancer({ deletionProtection: "yes" }), 'loadBalancer.deletionProtection = "yes": Invalid input: expected boolean, received string'],
    [
      "a key alias instead of a key ARN",
      merge(baseInput(), { kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:alias/logs" }),
      'kmsKeyArn = "arn:aws:kms:eu-west-1:123456789012:alias/logs": must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key id>; CloudWatch Logs takes no alias)',
    ],
    [
      "a key of another region",
      merge(baseInput(), { kmsKeyArn: KEY.replace("eu-west-1", "us-east-1") }),
      `kmsKeyArn = "${KEY.replace("eu-west-1", "us-east-1")}": is in region us-east-1; log groups, queues and topics can only use a key of their own region (eu-west-1)`,
    ],
    [
      "a key of another partition",
      merge(baseInput(), { kmsKeyArn: KEY.replace("arn:aws:", "arn:aws-cn:") }),
      `kmsKeyArn = "${KEY.replace("arn:aws:", "arn:aws-cn:")}": is in partition aws-cn; the environment's region eu-west-1 is in partition aws`,
    ],
    [
      "production logs kept 90 days",
      production({ logRetentionDays: 90 }),
      "logRetentionDays = 90: keeps logs less than 365 days; production environments keep them at least 365 days (CloudWatch periods from 365: 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)",
    ],
    [
      "a production service keeping logs 30 days",
      production({ services: { chat: { logRetentionDays: 30 } } }),
      "services.chat.logRetentionDays = 30: keeps logs less than 365 days; production environments keep them at least 365 days (CloudWatch periods from 365: 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)",
    ],
  ])("%s", (_what, input, expected) => {
    expect(messages(input)).toEqual([expected]);
  });

  test("the missing web ACL points at the loadBalancer section's line", () => {
    const [problem] = problemsOf(production({ loadBalancer: { webAcl: undefined, idleTimeoutSeconds: 600 } }));
    expect(problem).toMatch(/^config\/test\.yaml:\d+: loadBalancer\.webAcl: is required/);
  });
});

describe("accepted", () => {
  test("an internal production load balancer needs no web ACL", () => {
    expect(messages(production({ loadBalancer: { internal: true, webAcl: undefined } }))).toEqual([]);
  });

  test("a production environment without web services needs no web ACL", () => {
    const worker = { kind: "worker", image: "ghcr.io/acme/w:1.0", cpu: 256, memory: 512, scaling: { min: 0, max: 2, policies: [{ type: "queue", secondsPerMessage: 5, acceptableLatencySeconds: 60 }] } };
    expect(messages(production({ loadBalancer: { webAcl: undefined }, services: { chat: undefined, jobs: worker } }))).toEqual([]);
  });

  test("a regional web ACL of the environment's region, a multi-Region key, a production retention above a year", () => {
    const input = production({ loadBalancer: { webAcl: { arn: ACL } }, kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef", logRetentionDays: 731 });
    expect(messages(input)).toEqual([]);
  });
});

describe("resolved defaults", () => {
  test("production: 365 days of logs, deletion protection, access logs and a managed web ACL of 2000 requests per 5 minutes", () => {
    const config = configOf(production());
    expect(config.logRetentionDays).toBe(365);
    expect(config.services.chat.logRetentionDays).toBe(365);
    expect(config.loadBalancer).toMatchObject({ deletionProtection: true, accessLogs: { enabled: true }, webAcl: { kind: "managed", rateLimit: 2000, rateLimitWindowSeconds: 300 } });
  });

  test("elsewhere: 30 days of logs, no deletion protection, no access logs, no web ACL", () => {
    const config = configOf(baseInput());
    expect(config.logRetentionDays).toBe(30);
    expect(config.loadBalancer.deletionProtection).toBe(false);
    expect(config.loadBalancer.accessLogs).toEqual({ enabled: false });
    expect(config.loadBalancer.webAcl).toBeUndefined();
  });

  test("naming a bucket turns access logs on outside production; enabled: false turns them off in production", () => {
    expect(configOf(withLoadBalancer({ accessLogs: { existingBucket: "acme-central-logs" } })).loadBalancer.accessLogs).toEqual({ enabled: true, existingBucket: "acme-central-logs" });
    expect(configOf(production({ loadBalancer: { accessLogs: { enabled: false } } })).loadBalancer.accessLogs).toEqual({ enabled: false });
  });

  test("explicit settings win over the production defaults", () => {
    const config = configOf(production({ loadBalancer: { deletionProtection: false, webAcl: { arn: ACL } } }));
    expect(config.loadBalancer.deletionProtection).toBe(false);
    expect(config.loadBalancer.webAcl).toEqual({ kind: "existing", arn: ACL });
  });
});
