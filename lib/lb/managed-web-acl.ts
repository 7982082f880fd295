import { Wafv2WebAcl, Wafv2WebAclRule } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Construct } from "constructs";
import { WAF_COUNTED_RULES, WAF_MANAGED_RULE_GROUPS } from "../aws/waf";

export interface ManagedWebAclProps {
  /** Web ACL name (1-128 letters, digits, _ and -); also the prefix of its metric names. */
  readonly name: string;
  /** Requests one client IP may send within the window before it is blocked (10 to 2,000,000,000). */
  readonly rateLimit: number;
  /** Seconds the rate limit counts over: 60, 120, 300 or 600. */
  readonly rateLimitWindowSeconds: number;
}

/** A rule of the web ACL, typed; {@link renderRule} is the one place it becomes the provider's block. */
type WebAclRule =
  | {
      readonly kind: "managed";
      readonly name: string;
      readonly priority: number;
      readonly group: string;
      /** Rules of the group that only count (they match, are measured, but do not block). */
      readonly countOnly: readonly string[];
    }
  | { readonly kind: "rate-per-ip"; readonly name: string; readonly priority: number; readonly limit: number; readonly windowSeconds: number };

/**
 * A regional WAFv2 web ACL for a load balancer that allows by default and blocks what AWS's
 * managed rule groups match (IP reputation, the core rule set, known bad inputs) and any client
 * IP over the rate limit. The core rule set's `SizeRestrictions_BODY` only counts: it blocks
 * bodies over 8 KB, the most WAF inspects behind a load balancer, and LLM prompts are longer
 * (see WAF_COUNTED_RULES). Every rule publishes CloudWatch metrics and sampled requests.
 * Sources: https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html,
 * https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html,
 * https://registry.terraform.io/providers/hashicorp/aws/6.25.0/docs/resources/wafv2_web_acl
 */
export class ManagedWebAcl extends Construct {
  public readonly webAcl: Wafv2WebAcl;

  constructor(scope: Construct, id: string, props: ManagedWebAclProps) {
    super(scope, id);
    const rules: WebAclRule[] = [
      ...WAF_MANAGED_RULE_GROUPS.map((group, index) => ({
        kind: "managed" as const,
        name: `aws-${group.name}`,
        priority: index * 10,
        group: group.name,
        countOnly: (WAF_COUNTED_RULES[group.name] ?? []).map((r) => r.rule),
      })),
      {
        kind: "rate-per-ip",
        name: "rate-limit-per-client-ip",
        priority: WAF_MANAGED_RULE_GROUPS.length * 10,
        limit: props.rateLimit,
        windowSeconds: props.rateLimitWindowSeconds,
      },
    ];
    this.webAcl = new Wafv2WebAcl(this, "web-acl", {
      name: props.name,
      description: "Load balancer: AWS managed rule groups and a rate limit per client IP",
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      rule: rules.map((rule) => renderRule(rule, props.name)),
      visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: props.name, sampledRequestsEnabled: true },
    });
    this.node.defaultChild = this.webAcl;
  }
}

/**
 * A rule as the provider takes it. The bindings type `statement` as `any` (its schema nests
 * statements in statements), so it is written in Terraform's own block names here.
 */
function renderRule(rule: WebAclRule, metricPrefix: string): Wafv2WebAclRule {
  const visibilityConfig = { cloudwatchMetricsEnabled: true, metricName: `${metricPrefix}-${rule.name}`, sampledRequestsEnabled: true };
  if (rule.kind === "managed") {
    return {
      name: rule.name,
      priority: rule.priority,
      overrideAction: { none: {} },
      statement: {
        managed_rule_group_statement: {
          name: rule.group,
          vendor_name: "AWS",
          ...(rule.countOnly.length > 0 ? { rule_action_override: rule.countOnly.map((name) => ({ name, action_to_use: { count: {} } })) } : {}),
        },
      },
      visibilityConfig,
    };
  }
  return {
    name: rule.name,
    priority: rule.priority,
    action: { block: {} },
    statement: { rate_based_statement: { limit: rule.limit, evaluation_window_sec: rule.windowSeconds, aggregate_key_type: "IP" } },
    visibilityConfig,
  };
}
