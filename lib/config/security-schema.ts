import { z } from "zod";
import { ELB_LOG_PREFIX_MAX } from "../aws/elb-log-delivery";
import { S3_BUCKET } from "../aws/formats";
import { KMS_KEY_ARN } from "../aws/kms";
import { WAF_MANAGED_RULE_GROUPS, WAF_RATE_LIMIT_MAX, WAF_RATE_LIMIT_MIN, WAF_RATE_WINDOWS_SECONDS, WAFV2_WEB_ACL_ARN } from "../aws/waf";
import { WEB_ACL_DEFAULTS } from "./security-defaults";
import { int, pattern, strict } from "./zod-helpers";

/**
 * The config fields that protect an environment's edge and data: the load balancer's access
 * logs and web ACL, and the environment's KMS key. Cross-field rules (Regions, production
 * requirements) are in lib/config/validate-security.ts; defaults in lib/config/resolve.ts.
 */

/** Characters of a log prefix; slashes separate levels (checked apart: no leading, trailing or double slash). */
const LOG_PREFIX = new RegExp(`^[A-Za-z0-9!_.*'()/-]{1,${ELB_LOG_PREFIX_MAX}}$`);

const BUCKET_NAME = "an S3 bucket name (3-63 characters: lower-case letters, digits, dots, hyphens)";

export const AccessLogsSchema = strict({
  enabled: z
    .boolean()
    .optional()
    .describe("Write the load balancer's access logs (client, path, status, latency of every request) to S3. Default: true in production and when a bucket is named, false elsewhere."),
  bucket: pattern(S3_BUCKET, BUCKET_NAME)
    .optional()
    .describe(
      "Name of the bucket the stack creates for the logs (encrypted, versioned, private, TLS only, writable by Elastic Load Balancing's log delivery only, logs expire after 365 days). Default: <project>-<environment>-alb-logs-<account id>.",
    ),
  existingBucket: pattern(S3_BUCKET, BUCKET_NAME)
    .optional()
    .describe("An existing bucket to log to instead, in the environment's Region, whose policy already lets Elastic Load Balancing write (docs/security.md shows the statement). Default: the stack creates one."),
  prefix: pattern(LOG_PREFIX, `a key prefix of at most ${ELB_LOG_PREFIX_MAX} characters: letters, digits, / and !_.*'()-`)
    .optional()
    .describe("Key prefix of the log objects (they go to <prefix>/AWSLogs/<account id>/...). Default: none."),
}).describe("Load balancer access logs in S3 (rule AIS-ALB-3 requires them in production).");

const groups = WAF_MANAGED_RULE_GROUPS.map((g) => g.name).join(", ");

export const WebAclSchema = strict({
  arn: pattern(WAFV2_WEB_ACL_ARN, "a WAFv2 web ACL ARN (arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>)")
    .optional()
    .describe("An existing regional WAFv2 web ACL to associate with the load balancer. Default: the stack creates one."),
  rateLimit: int(
    `Requests one client IP may send within the evaluation window before the web ACL the stack creates blocks it (AWS allows ${WAF_RATE_LIMIT_MIN} to ${WAF_RATE_LIMIT_MAX}). Default: ${WEB_ACL_DEFAULTS.rateLimit}.`,
  )
    .min(WAF_RATE_LIMIT_MIN, { error: `must be at least ${WAF_RATE_LIMIT_MIN} (the lowest rate limit AWS WAF accepts)` })
    .max(WAF_RATE_LIMIT_MAX, { error: `must be at most ${WAF_RATE_LIMIT_MAX} (the highest rate limit AWS WAF accepts)` })
    .optional(),
  rateLimitWindowSeconds: z
    .number({ error: "must be a number" })
    .meta({ enum: [...WAF_RATE_WINDOWS_SECONDS] })
    .refine((v) => (WAF_RATE_WINDOWS_SECONDS as readonly number[]).includes(v), {
      error: `must be one of the evaluation windows AWS WAF accepts: ${WAF_RATE_WINDOWS_SECONDS.join(", ")} seconds`,
    })
    .optional()
    .describe(`Seconds the rate limit counts requests over. Default: ${WEB_ACL_DEFAULTS.rateLimitWindowSeconds}.`),
}).describe(
  `A WAF web ACL on the load balancer: an existing one (arn), or one the stack creates with AWS managed rule groups (${groups}; the core set's SizeRestrictions_BODY only counts, since prompts exceed its 8 KB) and a rate limit per client IP. Required for an internet-facing load balancer in production.`,
);

export const KmsKeyArnSchema = pattern(KMS_KEY_ARN, "a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key id>; CloudWatch Logs takes no alias)").describe(
  "An existing customer-managed KMS key for the environment's log groups, SQS queues and alert topic; its policy must let CloudWatch Logs (logs.<region>.amazonaws.com) and CloudWatch alarms use it. Default: the stack creates a key with such a policy.",
);

export type AccessLogsInput = z.output<typeof AccessLogsSchema>;
export type WebAclInput = z.output<typeof WebAclSchema>;
