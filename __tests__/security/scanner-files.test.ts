import { parse } from "yaml";
import { loadEnvironmentDirectory } from "../../lib/config/load";
import type { EnvironmentConfig } from "../../lib/config/schema";
import { RULE_IDS } from "../../lib/security/rule-ids";
import { environmentSuppressions, SCANNER_FILES, scannerFiles, stateSuppressions } from "../../lib/security/scanner-files";
import { CHECKOV, KICS, RULE_SCANNER_CHECKS } from "../../lib/security/scanners";
import { TRADE_OFFS } from "../../lib/security/trade-offs";
import { baseInput, configOf, merge } from "../helpers";

// The scanner suppression files: which checks each shipped stack skips, and what the files say.

const SHIPPED = loadEnvironmentDirectory("config");
const shipped = (name: string) => SHIPPED.find((c) => c.environment === name)!;

/** The skipped ids of both files, as the scanners read them. */
function skipped(stack: string, config: EnvironmentConfig | readonly EnvironmentConfig[]) {
  const files = scannerFiles(stack, Array.isArray(config) ? stateSuppressions(config) : environmentSuppressions(config as EnvironmentConfig));
  return { checkov: parse(files[SCANNER_FILES.checkov])["skip-check"], kics: parse(files[SCANNER_FILES.kics])["exclude-queries"] };
}

describe("the shipped stacks skip exactly their documented trade-offs", () => {
  test("dev: HTTP-only listener, public task IPs, open listener ports, HTTP to targets, open egress, short retention, no access logs, no web ACL, no deletion protection", () => {
    expect(skipped("dev", shipped("dev"))).toEqual({
      checkov: ["CKV_AWS_2", "CKV2_AWS_20", "CKV_AWS_333", "CKV_AWS_260", "CKV_AWS_378", "CKV_AWS_382", "CKV_AWS_338", "CKV_AWS_91", "CKV2_AWS_28", "CKV_AWS_150"],
      kics: [KICS.albListeningOnHttp.id, KICS.httpPortOpenToInternet.id, KICS.unrestrictedSecurityGroupIngress.id, KICS.elbv2AccessLogDisabled.id, KICS.albNotIntegratedWithWaf.id, KICS.albDeletionProtectionDisabled.id],
    });
  });

  test("staging (internal, HTTPS, GPU): HTTP to targets, open egress, short retention, no access logs, no web ACL, no deletion protection, GPU group without ELB", () => {
    expect(skipped("staging", shipped("staging"))).toEqual({
      checkov: ["CKV_AWS_378", "CKV_AWS_382", "CKV_AWS_338", "CKV_AWS_91", "CKV2_AWS_28", "CKV_AWS_150"],
      kics: [KICS.elbv2AccessLogDisabled.id, KICS.albNotIntegratedWithWaf.id, KICS.albDeletionProtectionDisabled.id, KICS.autoScalingGroupWithoutElb.id],
    });
  });

  test("prod: open listener ports, HTTP to targets, open egress, WAF logging, and its access log bucket's trade-offs", () => {
    expect(skipped("prod", shipped("prod"))).toEqual({
      checkov: ["CKV_AWS_260", "CKV_AWS_378", "CKV_AWS_382", "CKV2_AWS_31", "CKV_AWS_145", "CKV_AWS_18", "CKV_AWS_144", "CKV2_AWS_62"],
      kics: [KICS.httpPortOpenToInternet.id, KICS.unrestrictedSecurityGroupIngress.id, KICS.s3BucketLoggingDisabled.id, KICS.s3BucketWithoutMfaDelete.id, KICS.autoScalingGroupWithoutElb.id],
    });
  });

  test("state: its log bucket, no replication, no notifications, no MFA delete, the key's default policy", () => {
    expect(skipped("state", SHIPPED)).toEqual({
      checkov: ["CKV_AWS_145", "CKV_AWS_18", "CKV_AWS_144", "CKV2_AWS_62", "CKV2_AWS_64"],
      kics: [KICS.s3BucketLoggingDisabled.id, KICS.s3BucketWithoutMfaDelete.id],
    });
  });
});

describe("what changes the list", () => {
  test("a lock table adds CKV_AWS_119; S3-managed state encryption drops CKV2_AWS_64", () => {
    const config = configOf(merge(baseInput(), { state: { dynamodbTable: "acme-locks", encryption: "s3" } }));
    const { checkov } = skipped("state", [config]);
    expect(checkov).toContain("CKV_AWS_119");
    expect(checkov).not.toContain("CKV2_AWS_64");
  });

  test("an existing web ACL has no logging finding of ours; an existing log bucket none of the bucket's", () => {
    const config = configOf(
      merge(baseInput(), {
        loadBalancer: {
          webAcl: { arn: "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/edge/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0" },
          accessLogs: { existingBucket: "acme-central-logs" },
        },
      }),
    );
    const { checkov } = skipped("test", config);
    expect(checkov).not.toEqual(expect.arrayContaining(["CKV2_AWS_31"]));
    expect(checkov).not.toContain("CKV2_AWS_28");
    expect(checkov).not.toContain("CKV_AWS_91");
    expect(checkov).not.toContain("CKV_AWS_145");
  });

  test("a suppressed rule skips its scanner checks with the config's reason", () => {
    const reason = "the load balancer logs to a central account through Kinesis instead";
    const config = configOf(
      merge(baseInput(), {
        production: true,
        accountId: "123456789012",
        network: { mode: "existing", vpcId: "vpc-0123456789abcdef0", publicSubnetIds: ["subnet-0000000000000000a", "subnet-0000000000000000b"], privateSubnetIds: ["subnet-0000000000000001a"] },
        loadBalancer: { webAcl: {}, accessLogs: { enabled: false } },
        policy: { suppressions: [{ rule: "AIS-ALB-3", reason }] },
      }),
    );
    const files = scannerFiles("test", environmentSuppressions(config));
    expect(files[SCANNER_FILES.checkov]).toContain(
      `  # CKV_AWS_91: Ensure the ELBv2 (Application/Network) has access logging enabled\n  #   policy.suppressions AIS-ALB-3 (config/test.yaml): ${reason}\n  - "CKV_AWS_91"\n`,
    );
    expect(files[SCANNER_FILES.kics]).toContain(`  #   policy.suppressions AIS-ALB-3 (config/test.yaml): ${reason}\n  - "${KICS.elbv2AccessLogDisabled.id}"\n`);
  });
});

describe("the files", () => {
  test("each skipped check is listed once, after its title and every reason it is skipped for", () => {
    const files = scannerFiles("x", [
      { source: "trade-off a", reason: "first reason", checks: { checkov: [CHECKOV.CKV_AWS_18], kics: [] } },
      { source: "policy.suppressions AIS-S3-5 (config/x.yaml)", reason: "second\nreason", checks: { checkov: [CHECKOV.CKV_AWS_18], kics: [] } },
    ]);
    expect(files[SCANNER_FILES.checkov]).toBe(
      [
        "# Checkov configuration of the x stack, written by npm run synth from lib/security/trade-offs.ts and policy.suppressions; do not edit.",
        "# Run: checkov -d cdktf.out/stacks/x --config-file cdktf.out/stacks/x/.checkov.yaml",
        "# Each skipped check is a documented trade-off (docs/reference/scanner-findings.md) or a rule the config suppresses, with its reason.",
        "skip-check:",
        "  # CKV_AWS_18: Ensure the S3 bucket has access logging enabled",
        "  #   trade-off a: first reason",
        "  #   policy.suppressions AIS-S3-5 (config/x.yaml): second reason",
        '  - "CKV_AWS_18"',
        "",
      ].join("\n"),
    );
    expect(parse(files[SCANNER_FILES.kics])).toEqual({ "exclude-queries": [] });
  });
});

describe("the tables", () => {
  test("every rule is mapped (possibly to no check), and every check id has the scanner's form", () => {
    expect(Object.keys(RULE_SCANNER_CHECKS).sort()).toEqual([...RULE_IDS].sort());
    for (const check of Object.values(CHECKOV)) expect(check.id).toMatch(/^CKV2?_AWS_\d+$/);
    for (const check of Object.values(KICS)) expect(check.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    for (const [key, check] of Object.entries(CHECKOV)) expect(check.id).toBe(key);
  });

  test("every trade-off has a unique id, a reason, at least one scanner check and a stack it applies to", () => {
    expect(new Set(TRADE_OFFS.map((t) => t.id)).size).toBe(TRADE_OFFS.length);
    for (const t of TRADE_OFFS) {
      expect(t.reason.length).toBeGreaterThan(40);
      expect(t.scanners.checkov.length + t.scanners.kics.length).toBeGreaterThan(0);
      expect(t.environment !== undefined || t.state !== undefined).toBe(true);
    }
  });

  test("each trade-off the table names applies to some shipped stack or to a config the tests build", () => {
    const applied = new Set([
      ...SHIPPED.flatMap((c) => TRADE_OFFS.filter((t) => t.environment?.(c)).map((t) => t.id)),
      ...TRADE_OFFS.filter((t) => t.state?.(SHIPPED)).map((t) => t.id),
    ]);
    expect(TRADE_OFFS.map((t) => t.id).filter((id) => !applied.has(id))).toEqual(["lock-table-aws-key"]);
  });
});
