/**
 * AWS WAF facts: the rate-based rule's limits, the managed rule groups a load balancer's web
 * ACL uses, and the ARN of a web ACL. Free of zod and cdktf so the validator and the
 * constructs can both use them.
 */

/**
 * A rate-based rule's limit: requests from one aggregation instance (here, one client IP)
 * within the evaluation window. Source:
 * https://docs.aws.amazon.com/waf/latest/APIReference/API_RateBasedStatement.html (Limit: 10 to 2,000,000,000)
 */
export const WAF_RATE_LIMIT_MIN = 10;
export const WAF_RATE_LIMIT_MAX = 2_000_000_000;

/**
 * The evaluation windows a rate-based rule may look back over, in seconds (300 is AWS's default).
 * Source: https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based-high-level-settings.html
 */
export const WAF_RATE_WINDOWS_SECONDS = [60, 120, 300, 600] as const;

/**
 * The largest request body AWS WAF inspects for an Application Load Balancer: the first 8 KB
 * (not configurable for load balancers, unlike CloudFront or API Gateway). The Core rule set's
 * `SizeRestrictions_BODY` blocks any body over that size.
 * Sources: https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-setting-body-inspection-limit.html,
 * https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html
 */
export const WAF_ALB_BODY_INSPECTION_BYTES = 8192;

/**
 * The AWS managed rule groups of the web ACL the stacks create, in evaluation order, with the
 * web ACL capacity units (WCU) each costs. A web ACL gets 1,500 WCU without extra charge.
 * Sources: https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-ip-rep.html,
 * https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html,
 * https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html
 */
export const WAF_MANAGED_RULE_GROUPS = [
  { name: "AWSManagedRulesAmazonIpReputationList", capacity: 25, purpose: "sources Amazon threat intelligence lists as bots and attackers" },
  { name: "AWSManagedRulesCommonRuleSet", capacity: 700, purpose: "the OWASP-style core rule set (cross-site scripting, local file inclusion, bad sizes)" },
  { name: "AWSManagedRulesKnownBadInputsRuleSet", capacity: 200, purpose: "request patterns of known exploits (Log4j JNDI lookups, Java deserialization)" },
] as const;

/**
 * Rules of the managed groups that the stacks' web ACL only counts, with why. Prompts of an LLM
 * API are routinely longer than the 8 KB `SizeRestrictions_BODY` blocks; counting keeps them
 * visible in the web ACL's metrics without refusing them (the model server limits its context).
 */
export const WAF_COUNTED_RULES: Readonly<Record<string, readonly { readonly rule: string; readonly reason: string }[]>> = {
  AWSManagedRulesCommonRuleSet: [
    {
      rule: "SizeRestrictions_BODY",
      reason: `LLM prompts routinely exceed the ${WAF_ALB_BODY_INSPECTION_BYTES / 1024} KB body this rule blocks; the model server enforces its own context limit`,
    },
  ],
};

/**
 * A WAFv2 web ACL ARN: `arn:<partition>:wafv2:<region>:<account>:<scope>/webacl/<name>/<id>`,
 * scope `regional` (load balancers, API Gateway) or `global` (CloudFront). Names are 1-128
 * characters of letters, digits, `_` and `-`; ids are UUIDs. Linear: no nested quantifiers.
 * Source: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awswafv2.html#awswafv2-resources-for-iam-policies
 */
export const WAFV2_WEB_ACL_ARN = /^arn:(aws|aws-cn|aws-us-gov):wafv2:([a-z0-9-]{1,32}):(\d{12}):(regional|global)\/webacl\/[A-Za-z0-9_-]{1,128}\/[0-9a-f-]{36}$/;

/** The parts of a web ACL ARN, or undefined when it is not one. */
export function parseWebAclArn(arn: string): { readonly partition: string; readonly region: string; readonly scope: string } | undefined {
  if (arn.length > 300) return undefined;
  const match = WAFV2_WEB_ACL_ARN.exec(arn);
  return match ? { partition: match[1], region: match[2], scope: match[4] } : undefined;
}
