import { LOG_RETENTION_DAYS } from "../aws/cloudwatch";
import { parseKmsKeyArn } from "../aws/kms";
import { stateNames } from "../aws/names";
import { AwsRegion, partitionOf } from "../aws/regions";
import { parseWebAclArn } from "../aws/waf";
import type { ParsedEnvironment } from "./schema";
import { PRODUCTION_LOG_RETENTION_MIN_DAYS } from "./security-defaults";
import type { Finding } from "./validate";

/**
 * The rules on the load balancer's web ACL and access logs, the environment's KMS key and the
 * log retention that need more than one field: what production requires, and ARNs of the
 * environment's own Region and partition.
 */
export function securityFindings(config: ParsedEnvironment): Finding[] {
  return [...webAclFindings(config), ...accessLogFindings(config), ...keyFindings(config), ...retentionFindings(config)];
}

const hasLoadBalancer = (config: ParsedEnvironment) => Object.values(config.services).some((s) => s.kind === "web");

function webAclFindings(config: ParsedEnvironment): Finding[] {
  const { webAcl, internal } = config.loadBalancer;
  const findings: Finding[] = [];
  if (webAcl === undefined) {
    if (config.production && !internal && hasLoadBalancer(config)) {
      findings.push({
        path: ["loadBalancer", "webAcl"],
        message:
          "is required for an internet-facing load balancer in a production environment: add webAcl: {} for a web ACL the stack creates (AWS managed rule groups and a rate limit per client IP), or webAcl.arn for an existing one",
      });
    }
    return findings;
  }
  if (webAcl.arn === undefined) return findings;
  const at = ["loadBalancer", "webAcl", "arn"];
  const arn = parseWebAclArn(webAcl.arn);
  if (arn) {
    if (arn.scope !== "regional") {
      findings.push({ path: at, value: webAcl.arn, message: "is a CloudFront (global) web ACL; a load balancer takes a regional one (arn:...:regional/webacl/...)" });
    } else if (arn.region !== config.region) {
      findings.push({ path: at, value: webAcl.arn, message: `is in region ${arn.region}; a load balancer can only use a web ACL of its own region (${config.region})` });
    }
    findings.push(...partitionFindings(at, webAcl.arn, arn.partition, config.region));
  }
  for (const field of ["rateLimit", "rateLimitWindowSeconds"] as const) {
    if (webAcl[field] !== undefined) {
      findings.push({
        path: ["loadBalancer", "webAcl", field],
        value: webAcl[field],
        message: "applies only to the web ACL the stack creates; remove it, or remove webAcl.arn",
      });
    }
  }
  return findings;
}

function accessLogFindings(config: ParsedEnvironment): Finding[] {
  const logs = config.loadBalancer.accessLogs;
  if (!logs) return [];
  const findings: Finding[] = [];
  const at = (field: string) => ["loadBalancer", "accessLogs", field];
  if (logs.bucket !== undefined && logs.existingBucket !== undefined) {
    findings.push({
      path: at("existingBucket"),
      value: logs.existingBucket,
      message: "names an existing bucket while accessLogs.bucket names one for the stack to create; keep one of them",
    });
  }
  const stateBuckets = [config.state.bucket, config.state.accessLogBucket ?? stateNames.accessLogBucket(config.state.bucket)];
  for (const field of ["bucket", "existingBucket"] as const) {
    const bucket = logs[field];
    if (bucket !== undefined && stateBuckets.includes(bucket)) {
      findings.push({ path: at(field), value: bucket, message: "is a bucket of the state stack; load balancer access logs need a bucket of their own" });
    }
  }
  const prefix = logs.prefix;
  if (prefix !== undefined) {
    if (prefix.includes("AWSLogs")) {
      findings.push({ path: at("prefix"), value: prefix, message: "must not contain AWSLogs (Elastic Load Balancing adds AWSLogs/<account id>/ after the prefix itself)" });
    } else if (prefix.startsWith("/") || prefix.endsWith("/") || prefix.includes("//")) {
      findings.push({ path: at("prefix"), value: prefix, message: 'must not start or end with "/" or contain "//" (levels are separated by single slashes)' });
    }
  }
  return findings;
}

function keyFindings(config: ParsedEnvironment): Finding[] {
  if (config.kmsKeyArn === undefined) return [];
  const key = parseKmsKeyArn(config.kmsKeyArn);
  if (!key) return [];
  const findings: Finding[] = [];
  if (key.region !== config.region) {
    findings.push({
      path: ["kmsKeyArn"],
      value: config.kmsKeyArn,
      message: `is in region ${key.region}; log groups, queues and topics can only use a key of their own region (${config.region})`,
    });
  }
  findings.push(...partitionFindings(["kmsKeyArn"], config.kmsKeyArn, key.partition, config.region));
  return findings;
}

function partitionFindings(path: readonly PropertyKey[], value: string, partition: string, region: string): Finding[] {
  const expected = partitionOf(region as AwsRegion);
  return partition === expected ? [] : [{ path, value, message: `is in partition ${partition}; the environment's region ${region} is in partition ${expected}` }];
}

/** Production keeps logs at least a year, whether the environment or a service sets the retention. */
function retentionFindings(config: ParsedEnvironment): Finding[] {
  if (!config.production) return [];
  const min = PRODUCTION_LOG_RETENTION_MIN_DAYS;
  const message = `keeps logs less than ${min} days; production environments keep them at least ${min} days (CloudWatch periods from ${min}: ${LOG_RETENTION_DAYS.filter((d) => d >= min).join(", ")})`;
  const findings: Finding[] = [];
  if (config.logRetentionDays !== undefined && config.logRetentionDays < min) findings.push({ path: ["logRetentionDays"], value: config.logRetentionDays, message });
  for (const [name, service] of Object.entries(config.services)) {
    if (service.logRetentionDays !== undefined && service.logRetentionDays < min) {
      findings.push({ path: ["services", name, "logRetentionDays"], value: service.logRetentionDays, message });
    }
  }
  return findings;
}
