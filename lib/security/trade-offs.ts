import type { EnvironmentConfig } from "../config/schema";
import { PRODUCTION_LOG_RETENTION_MIN_DAYS } from "../config/security-defaults";
import { CHECKOV, KICS, ScannerChecks } from "./scanners";

/**
 * What a Checkov or KICS scan of the synthesized stacks still reports, and why the stacks do it
 * anyway: one typed table. What a rule requires in production is a trade-off only outside it; a
 * production environment that does it anyway suppresses the rule, and its reason goes to the
 * scanner files instead. docs/reference/scanner-findings.md is generated from it, and
 * `npm run synth` writes each stack's scanner suppression files from it (lib/security/scanner-files.ts):
 * an entry is skipped in a stack exactly when its condition holds for that stack's config.
 */
export interface TradeOff {
  /** Short id, also the comment that introduces the entry in the suppression files. */
  readonly id: string;
  /** What the scanners report. */
  readonly finding: string;
  /** Why the stacks do it, and what guards it instead. */
  readonly reason: string;
  /** When it applies, in words (the docs' column). */
  readonly appliesWhen: string;
  readonly scanners: ScannerChecks;
  /** Whether it applies to an environment's stack. @default never */
  readonly environment?: (config: EnvironmentConfig) => boolean;
  /** Whether it applies to the state stack of these environments. @default never */
  readonly state?: (configs: readonly EnvironmentConfig[]) => boolean;
}

const hasWeb = (config: EnvironmentConfig) => Object.values(config.services).some((s) => s.kind === "web");
const OPEN = ["0.0.0.0/0", "::/0"];
/** The environment's stack creates a bucket for the load balancer's access logs. */
const logBucket = (config: EnvironmentConfig) => hasWeb(config) && config.loadBalancer.accessLogs.enabled && config.loadBalancer.accessLogs.existingBucket === undefined;

export const TRADE_OFFS: readonly TradeOff[] = [
  {
    id: "http-listener",
    finding: "the load balancer listens on plain HTTP and does not redirect to HTTPS",
    reason:
      "No loadBalancer.certificateArn (dev has no domain to certify): the only listener is HTTP on port 80. With a certificate the stack adds HTTPS on 443 and port 80 only redirects (rule AIS-ALB-2); staging and prod set one.",
    appliesWhen: "a web service and no `loadBalancer.certificateArn`",
    scanners: { checkov: [CHECKOV.CKV_AWS_2, CHECKOV.CKV2_AWS_20], kics: [KICS.albListeningOnHttp] },
    environment: (c) => hasWeb(c) && c.loadBalancer.certificateArn === undefined,
  },
  {
    id: "public-task-ips",
    finding: "ECS services assign public IP addresses to their tasks",
    reason:
      "The default VPC has no NAT gateway, so Fargate tasks need a public IP to pull images. Their security groups admit only the load balancer's group (rule AIS-SG-2), so nothing reaches them directly; rule AIS-NET-1 refuses this in production (network mode existing, private subnets).",
    appliesWhen: "`network.mode: default-vpc`, not production",
    scanners: { checkov: [CHECKOV.CKV_AWS_333], kics: [] },
    environment: (c) => !c.production && c.network.mode === "default-vpc",
  },
  {
    id: "open-listener-ports",
    finding: "the load balancer's security group admits 0.0.0.0/0 (or ::/0) on port 80 (and 443)",
    reason:
      "A public API takes requests from the internet on its listener ports. Only those ports are open and only on the load balancer (rule AIS-SG-1); in production a WAF web ACL with managed rules and a rate limit per client IP filters them (rule AIS-ALB-4). Narrow loadBalancer.allowedCidrs for an API with known clients.",
    appliesWhen: "an internet-facing load balancer with 0.0.0.0/0 or ::/0 in `loadBalancer.allowedCidrs` (the default)",
    scanners: { checkov: [CHECKOV.CKV_AWS_260], kics: [KICS.httpPortOpenToInternet, KICS.unrestrictedSecurityGroupIngress] },
    environment: (c) => hasWeb(c) && !c.loadBalancer.internal && c.loadBalancer.allowedCidrs.some((cidr) => OPEN.includes(cidr)),
  },
  {
    id: "http-to-targets",
    finding: "target groups forward to the tasks over HTTP",
    reason:
      "TLS ends at the load balancer; model servers (vLLM, TGI, TEI) serve plain HTTP. The hop stays inside the VPC, and each task's security group admits only the load balancer's group on the container port (rule AIS-SG-2). End-to-end TLS would need a certificate and key in every image.",
    appliesWhen: "a web service",
    scanners: { checkov: [CHECKOV.CKV_AWS_378], kics: [] },
    environment: hasWeb,
  },
  {
    id: "open-egress",
    finding: "task and GPU instance security groups allow egress to 0.0.0.0/0 on all ports",
    reason:
      "Tasks pull images from public registries (ghcr.io, Docker Hub) and download models (Hugging Face) whose addresses are not fixed; GPU instances reach the ECS and SSM endpoints. Nothing is admitted inbound but from the load balancer. An egress proxy or VPC endpoints with an allow list are the way to narrow this, outside these stacks.",
    appliesWhen: "always (every service has its own security group)",
    scanners: { checkov: [CHECKOV.CKV_AWS_382], kics: [] },
    environment: () => true,
  },
  {
    id: "short-log-retention",
    finding: `log groups keep logs less than a year`,
    reason: `Service logs hold prompts and outputs; outside production they are kept briefly on purpose (less personal data at rest, lower cost). Production keeps them at least ${PRODUCTION_LOG_RETENTION_MIN_DAYS} days (rule AIS-LOG-3; the production default).`,
    appliesWhen: `not production, and \`logRetentionDays\` (or a service's) below ${PRODUCTION_LOG_RETENTION_MIN_DAYS}`,
    scanners: { checkov: [CHECKOV.CKV_AWS_338], kics: [] },
    environment: (c) => !c.production && Object.values(c.services).some((s) => s.logRetentionDays < PRODUCTION_LOG_RETENTION_MIN_DAYS),
  },
  {
    id: "no-access-logs",
    finding: "the load balancer writes no access logs",
    reason: "Outside production access logs are off unless configured (loadBalancer.accessLogs); production writes them by default (rule AIS-ALB-3).",
    appliesWhen: "a web service and access logs off (the default outside production), not production",
    scanners: { checkov: [CHECKOV.CKV_AWS_91], kics: [KICS.elbv2AccessLogDisabled] },
    environment: (c) => !c.production && hasWeb(c) && !c.loadBalancer.accessLogs.enabled,
  },
  {
    id: "no-web-acl",
    finding: "the load balancer is not associated with a WAF web ACL",
    reason:
      "An internal load balancer is reached only from loadBalancer.allowedCidrs; an internet-facing one outside production (dev) is short-lived. An internet-facing production load balancer must have one (the config is refused without it; rule AIS-ALB-4).",
    appliesWhen: "a web service and no `loadBalancer.webAcl`: an internal load balancer, or not production",
    scanners: { checkov: [CHECKOV.CKV2_AWS_28], kics: [KICS.albNotIntegratedWithWaf] },
    environment: (c) => hasWeb(c) && c.loadBalancer.webAcl === undefined && (c.loadBalancer.internal || !c.production),
  },
  {
    id: "no-deletion-protection",
    finding: "the load balancer has no deletion protection",
    reason: "Non-production environments are torn down with cdktf destroy; production turns it on by default (loadBalancer.deletionProtection, rule AIS-ALB-5).",
    appliesWhen: "a web service and `loadBalancer.deletionProtection` false (the default outside production), not production",
    scanners: { checkov: [CHECKOV.CKV_AWS_150], kics: [KICS.albDeletionProtectionDisabled] },
    environment: (c) => !c.production && hasWeb(c) && !c.loadBalancer.deletionProtection,
  },
  {
    id: "waf-logging",
    finding: "the web ACL has no logging configuration",
    reason:
      "WAF's full logs record request headers, API keys in Authorization among them. The web ACL publishes CloudWatch metrics and sampled requests for every rule, and the load balancer's access logs record every request.",
    appliesWhen: "a web ACL the stack creates (`loadBalancer.webAcl` without `arn`)",
    scanners: { checkov: [CHECKOV.CKV2_AWS_31], kics: [] },
    environment: (c) => hasWeb(c) && c.loadBalancer.webAcl?.kind === "managed",
  },
  {
    id: "log-bucket-sse-s3",
    finding: "log buckets are encrypted with S3-managed keys, not KMS",
    reason: "Load balancer access log delivery and S3 server access logging support only SSE-S3 on the target bucket; the logs hold no request bodies.",
    appliesWhen: "the state stack (the state bucket's access log bucket); an environment whose stack creates the access log bucket",
    scanners: { checkov: [CHECKOV.CKV_AWS_145], kics: [] },
    environment: logBucket,
    state: () => true,
  },
  {
    id: "log-bucket-not-logged",
    finding: "log buckets do not log access to themselves",
    reason: "A log bucket logging into itself logs its own log writes; another bucket for its logs would need one in turn. Its policy lets only the log delivery service write, and denies requests without TLS.",
    appliesWhen: "as log-bucket-sse-s3",
    scanners: { checkov: [CHECKOV.CKV_AWS_18], kics: [KICS.s3BucketLoggingDisabled] },
    environment: logBucket,
    state: () => true,
  },
  {
    id: "no-replication",
    finding: "S3 buckets are not replicated to another region",
    reason:
      "State and logs stay in the environment's region: versioning, prevent_destroy, a TLS-only policy, access logging and (for state) a KMS key guard them, and a lost object is restored from its versions. A replica would be a second copy of the secrets in the state, with its own key to manage; add replication outside these stacks if your recovery objective needs another region.",
    appliesWhen: "the state stack; an environment whose stack creates the access log bucket",
    scanners: { checkov: [CHECKOV.CKV_AWS_144], kics: [] },
    environment: logBucket,
    state: () => true,
  },
  {
    id: "no-bucket-notifications",
    finding: "S3 buckets have no event notifications",
    reason: "Nothing consumes object events; reads and writes of the state are in its access logs, and bucket changes in CloudTrail.",
    appliesWhen: "as no-replication",
    scanners: { checkov: [CHECKOV.CKV2_AWS_62], kics: [] },
    environment: logBucket,
    state: () => true,
  },
  {
    id: "no-mfa-delete",
    finding: "versioned S3 buckets do not require MFA to delete versions",
    reason:
      "MFA delete can only be turned on by the root user through the S3 API, not by Terraform, and it cannot be combined with the lifecycle rules that expire old versions. prevent_destroy, versioning and IAM guard the buckets instead.",
    appliesWhen: "as no-replication",
    scanners: { checkov: [], kics: [KICS.s3BucketWithoutMfaDelete] },
    environment: logBucket,
    state: () => true,
  },
  {
    id: "state-key-default-policy",
    finding: "the state bucket's KMS key has no key policy of its own",
    reason:
      "The state key keeps AWS's default key policy (the account root), so who may decrypt the state is decided by IAM policies in one place rather than by a second policy kept in step with them.",
    appliesWhen: "the state stack with `state.encryption: kms` (the default)",
    scanners: { checkov: [CHECKOV.CKV2_AWS_64], kics: [] },
    state: (configs) => configs.some((c) => c.state.encryption === "kms"),
  },
  {
    id: "lock-table-aws-key",
    finding: "the DynamoDB lock table is encrypted with an AWS managed key",
    reason: "The legacy lock table holds lock ids and state checksums, not state; S3 native locking (the default) needs no table.",
    appliesWhen: "the state stack when some environment sets `state.dynamodbTable`",
    scanners: { checkov: [CHECKOV.CKV_AWS_119], kics: [] },
    state: (configs) => configs.some((c) => c.state.dynamodbTable !== undefined),
  },
  {
    id: "gpu-asg-without-elb",
    finding: "GPU Auto Scaling groups have no load balancer",
    reason: "ECS registers tasks, not instances, with the target groups (awsvpc networking); a load balancer on the instances would bypass the tasks' security groups.",
    appliesWhen: "a service on GPU instances (`compute.type: gpu`, Auto Scaling group provisioning)",
    scanners: { checkov: [], kics: [KICS.autoScalingGroupWithoutElb] },
    environment: (c) => Object.values(c.services).some((s) => s.compute.type === "gpu"),
  },
];
