import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { baseInput, configOf, EXISTING_NETWORK_ONE_PRIVATE_SUBNET, Input, merge, oneResource, resourcesOf, synthEnvironment, TerraformJson } from "../helpers";

// The environment's KMS key, the load balancer's access log bucket and web ACL, and deletion
// protection, as the synthesized Terraform has them.

const DIGEST = "@sha256:" + "a".repeat(64);
const EXISTING_NETWORK = EXISTING_NETWORK_ONE_PRIVATE_SUBNET;

const production = (patch: Input = {}) =>
  merge(merge(baseInput(), { production: true, accountId: "123456789012", network: EXISTING_NETWORK, loadBalancer: { webAcl: {} }, services: { chat: { image: `ghcr.io/acme/llm-server:1.4.2${DIGEST}` } } }), patch);

const synth = (input: Input) => JSON.parse(synthEnvironment(configOf(input))) as TerraformJson;

/** `${type.address.attribute}` of the one resource (or data source) of a type. */
function ref(json: TerraformJson, type: string, attribute: string): string {
  const data = type.startsWith("data.");
  const section = data ? json.data! : json.resource;
  const name = data ? type.slice(5) : type;
  const addresses = Object.keys(section[name] ?? {});
  if (addresses.length !== 1) throw new Error(`expected one ${type}, found ${addresses.length}`);
  return `\${${type}.${addresses[0]}.${attribute}}`;
}

describe("the environment's KMS key", () => {
  const json = synth(baseInput());
  const key = oneResource(json, "aws_kms_key");
  const policy = JSON.parse(key.policy);
  const account = ref(json, "data.aws_caller_identity", "account_id");
  const partition = ref(json, "data.aws_partition", "partition");

  test("rotates yearly, with a 30-day deletion window and an alias of the environment", () => {
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(JSON.stringify(json)).toHaveResourceWithProperties(KmsAlias, { name: "alias/ecs-ai-autoscaling/acme/test", target_key_id: ref(json, "aws_kms_key", "key_id") });
  });

  test("the account root administers it, so IAM policies can grant its use", () => {
    expect(policy.Statement[0]).toEqual({
      Effect: "Allow",
      Sid: "AccountAdministersAndGrantsThroughIam",
      Principal: { AWS: `arn:${partition}:iam::${account}:root` },
      Action: "kms:*",
      Resource: "*",
    });
  });

  test("CloudWatch Logs of the Region may use it for the environment's log groups only", () => {
    expect(policy.Statement[1]).toEqual({
      Effect: "Allow",
      Sid: "CloudWatchLogsEncryptsTheEnvironmentsLogGroups",
      Principal: { Service: "logs.eu-west-1.amazonaws.com" },
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Resource: "*",
      Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${partition}:logs:eu-west-1:${account}:log-group:/ecs/acme/test/*` } },
    });
  });

  test("CloudWatch alarms may publish to a topic it encrypts", () => {
    expect(policy.Statement[2]).toEqual({
      Effect: "Allow",
      Sid: "CloudWatchAlarmsPublishToEncryptedTopics",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
    });
  });

  test("encrypts the service log groups, which keep logs 30 days outside production", () => {
    expect(JSON.stringify(json)).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: "/ecs/acme/test/chat",
      kms_key_id: ref(json, "aws_kms_key", "arn"),
      retention_in_days: 30,
    });
  });

  test("a given key is used as it is and no key is created", () => {
    const given = "arn:aws:kms:eu-west-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef";
    const withKey = synth(merge(baseInput(), { kmsKeyArn: given }));
    expect(withKey.resource.aws_kms_key).toBeUndefined();
    expect(oneResource(withKey, "aws_cloudwatch_log_group").kms_key_id).toBe(given);
  });
});

describe("a production load balancer (defaults)", () => {
  const json = synth(production());
  const synthesized = JSON.stringify(json);
  const account = ref(json, "data.aws_caller_identity", "account_id");
  const partition = ref(json, "data.aws_partition", "partition");

  test("has deletion protection and writes access logs to the bucket the stack creates, once its policy exists", () => {
    const lb = oneResource(json, "aws_lb");
    expect(lb.enable_deletion_protection).toBe(true);
    expect(lb.access_logs).toEqual({ bucket: ref(json, "aws_s3_bucket", "bucket"), enabled: true });
    expect(lb.depends_on).toEqual([`aws_s3_bucket_policy.${Object.keys(json.resource.aws_s3_bucket_policy)[0]}`]);
  });

  test("the log bucket is named after the environment and the account, kept on destroy", () => {
    const bucket = oneResource(json, "aws_s3_bucket");
    expect(bucket.bucket).toBe(`acme-test-alb-logs-${account}`);
    expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
  });

  test("the bucket policy lets eu-west-1's Elastic Load Balancing account write under AWSLogs/<account>/ only, and denies requests without TLS", () => {
    const policy = JSON.parse(oneResource(json, "aws_s3_bucket_policy").policy);
    expect(policy.Statement[0]).toEqual({
      Effect: "Allow",
      Sid: "ElasticLoadBalancingWritesAccessLogs",
      Principal: { AWS: `arn:${partition}:iam::156460612806:root` },
      Action: "s3:PutObject",
      Resource: `arn:${partition}:s3:::acme-test-alb-logs-${account}/AWSLogs/${account}/*`,
    });
    expect(policy.Statement[1]).toMatchObject({ Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } });
  });

  test("the log bucket is encrypted with S3-managed keys (the only kind log delivery supports), private and expires logs after a year", () => {
    expect(oneResource(json, "aws_s3_bucket_server_side_encryption_configuration").rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }]);
    expect(oneResource(json, "aws_s3_bucket_public_access_block")).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(oneResource(json, "aws_s3_bucket_lifecycle_configuration").rule[0].expiration).toEqual([{ days: 365 }]);
  });

  test("a web ACL the stack creates is associated with the load balancer", () => {
    expect(synthesized).toHaveResourceWithProperties(Wafv2WebAclAssociation, {
      resource_arn: ref(json, "aws_lb", "arn"),
      web_acl_arn: ref(json, "aws_wafv2_web_acl", "arn"),
    });
  });

  test("the web ACL is regional, allows by default and runs the managed groups before the rate limit", () => {
    const acl = oneResource(json, "aws_wafv2_web_acl");
    expect(acl).toMatchObject({ name: "acme-test", scope: "REGIONAL", default_action: { allow: {} } });
    expect(acl.rule.map((r: Record<string, any>) => [r.priority, r.name])).toEqual([
      [0, "aws-AWSManagedRulesAmazonIpReputationList"],
      [10, "aws-AWSManagedRulesCommonRuleSet"],
      [20, "aws-AWSManagedRulesKnownBadInputsRuleSet"],
      [30, "rate-limit-per-client-ip"],
    ]);
    for (const rule of acl.rule.slice(0, 3)) {
      expect(rule.override_action).toEqual({ none: {} });
      expect(rule.statement.managed_rule_group_statement.vendor_name).toBe("AWS");
      expect(rule.visibility_config).toEqual({ cloudwatch_metrics_enabled: true, metric_name: `acme-test-${rule.name}`, sampled_requests_enabled: true });
    }
  });

  test("the core rule set only counts SizeRestrictions_BODY (prompts exceed its 8 KB)", () => {
    const core = oneResource(json, "aws_wafv2_web_acl").rule[1];
    expect(core.statement.managed_rule_group_statement).toEqual({
      name: "AWSManagedRulesCommonRuleSet",
      vendor_name: "AWS",
      rule_action_override: [{ name: "SizeRestrictions_BODY", action_to_use: { count: {} } }],
    });
  });

  test("the rate limit blocks a client IP above 2000 requests in 5 minutes", () => {
    const rate = oneResource(json, "aws_wafv2_web_acl").rule[3];
    expect(rate.action).toEqual({ block: {} });
    expect(rate.statement).toEqual({ rate_based_statement: { limit: 2000, evaluation_window_sec: 300, aggregate_key_type: "IP" } });
  });
});

describe("load balancer options", () => {
  test("rateLimit and rateLimitWindowSeconds size the web ACL's rate rule", () => {
    const json = synth(production({ loadBalancer: { webAcl: { rateLimit: 600, rateLimitWindowSeconds: 60 } } }));
    expect(oneResource(json, "aws_wafv2_web_acl").rule[3].statement.rate_based_statement).toEqual({ limit: 600, evaluation_window_sec: 60, aggregate_key_type: "IP" });
  });

  test("an existing web ACL is associated by ARN and none is created", () => {
    const arn = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/edge/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
    const json = synth(production({ loadBalancer: { webAcl: { arn } } }));
    expect(json.resource.aws_wafv2_web_acl).toBeUndefined();
    expect(oneResource(json, "aws_wafv2_web_acl_association").web_acl_arn).toBe(arn);
  });

  test("an existing log bucket with a prefix: the load balancer logs there and the stack creates no bucket", () => {
    const json = synth(production({ loadBalancer: { accessLogs: { existingBucket: "acme-central-logs", prefix: "alb/test" } } }));
    expect(json.resource.aws_s3_bucket).toBeUndefined();
    expect(oneResource(json, "aws_lb").access_logs).toEqual({ bucket: "acme-central-logs", enabled: true, prefix: "alb/test" });
  });

  test("a named bucket with a prefix: the writer may put objects under <prefix>/AWSLogs/<account>/", () => {
    const json = synth(production({ loadBalancer: { accessLogs: { bucket: "acme-test-alb-logs", prefix: "edge" } } }));
    const account = ref(json, "data.aws_caller_identity", "account_id");
    expect(oneResource(json, "aws_s3_bucket").bucket).toBe("acme-test-alb-logs");
    expect(JSON.parse(oneResource(json, "aws_s3_bucket_policy").policy).Statement[0].Resource).toBe(
      `arn:${ref(json, "data.aws_partition", "partition")}:s3:::acme-test-alb-logs/edge/AWSLogs/${account}/*`,
    );
  });

  test("in a Region opened since August 2022 the log delivery service principal writes the logs", () => {
    const json = synth(merge(production(), { region: "ap-southeast-5", loadBalancer: { certificateArn: undefined } }));
    expect(JSON.parse(oneResource(json, "aws_s3_bucket_policy").policy).Statement[0].Principal).toEqual({ Service: "logdelivery.elasticloadbalancing.amazonaws.com" });
  });

  test("outside production: no access logs, no deletion protection, no web ACL unless configured", () => {
    const json = synth(baseInput());
    const lb = oneResource(json, "aws_lb");
    expect(lb.enable_deletion_protection).toBe(false);
    expect(lb.access_logs).toBeUndefined();
    expect(json.resource.aws_wafv2_web_acl).toBeUndefined();
    expect(json.resource.aws_s3_bucket).toBeUndefined();
  });

  test("accessLogs.enabled turns access logs on outside production, in a bucket a destroy may remove (no deletion protection)", () => {
    const json = synth(merge(baseInput(), { loadBalancer: { accessLogs: { enabled: true } } }));
    expect(oneResource(json, "aws_lb").access_logs.enabled).toBe(true);
    expect(oneResource(json, "aws_s3_bucket").lifecycle).toBeUndefined();
  });

  test("deletionProtection: true protects the load balancer and keeps its log bucket on destroy outside production", () => {
    const json = synth(merge(baseInput(), { loadBalancer: { deletionProtection: true, accessLogs: { enabled: true } } }));
    expect(JSON.stringify(json)).toHaveResourceWithProperties(Lb, { enable_deletion_protection: true });
    expect(oneResource(json, "aws_s3_bucket").lifecycle).toEqual({ prevent_destroy: true });
  });

  test("deletionProtection: false turns it off in production", () => {
    expect(oneResource(synth(production({ loadBalancer: { deletionProtection: false } })), "aws_lb").enable_deletion_protection).toBe(false);
  });

  test("environments without a web service create no log bucket and no web ACL", () => {
    const json = synth(merge(production(), { loadBalancer: { webAcl: undefined }, services: { chat: undefined, jobs: { kind: "worker", image: `ghcr.io/acme/w:1${DIGEST}`, cpu: 256, memory: 512, scaling: { min: 0, max: 2, policies: [{ type: "queue", secondsPerMessage: 5, acceptableLatencySeconds: 60 }] } } } }));
    expect(resourcesOf(json, "aws_lb")).toEqual([]);
    expect(json.resource.aws_s3_bucket).toBeUndefined();
    expect(json.resource.aws_wafv2_web_acl).toBeUndefined();
  });
});
