import { arnPartitionProblem, ssmParameterNameProblem } from "../aws/arns";
import { MAX_TASK_DEFINITION_BYTES } from "../aws/ecs";
import { secretRegion, secretResourceArn, SSM_PARAMETER_ARN } from "../aws/formats";
import { MAX_ROLE_INLINE_POLICY_CHARS } from "../aws/iam";
import { renderPolicy } from "../iam/policy-document";
import { collectorConfig } from "../metrics/collector-config";
import { resolveServerMetrics } from "./resolve-observability";
import type { ParsedService } from "./schema";
import type { Finding } from "./validate";

/**
 * What ECS and IAM take of a service's container and roles: scratch paths that name distinct
 * directories, a task definition within ECS's size limit, ARNs in the Region's partition, secret
 * parameter names Parameter Store has, and role policies within IAM's size limit.
 */
export function containerFindings(service: ParsedService, region: string, namespace: string, at: (...path: PropertyKey[]) => PropertyKey[]): Finding[] {
  return [...scratchPathFindings(service, at), ...taskDefinitionSizeFindings(service, namespace, at), ...arnFindings(service, region, at), ...policySizeFindings(service, at)];
}

/** Scratch volumes are mounted at these paths: each a real directory below `/`, each once. */
function scratchPathFindings(service: ParsedService, at: (...path: PropertyKey[]) => PropertyKey[]): Finding[] {
  const findings: Finding[] = [];
  const seen = new Map<string, number>();
  service.filesystem.writablePaths.forEach((path, index) => {
    const where = at("filesystem", "writablePaths", index);
    const segments = path.split("/").slice(1);
    const normalized = `/${segments.filter((s) => s !== "").join("/")}`;
    if (normalized === "/") {
      findings.push({ path: where, value: path, message: "is the root directory; name a directory below it (a volume over / would hide the image)" });
      return;
    }
    if (segments.some((s) => s === "." || s === "..")) {
      findings.push({ path: where, value: path, message: 'has a "." or ".." segment; write the directory the volume is mounted at, such as "/data/cache"' });
      return;
    }
    if (path.includes("//")) {
      findings.push({ path: where, value: path, message: `has an empty segment ("//"); write "${normalized}"` });
      return;
    }
    const earlier = seen.get(normalized);
    if (earlier !== undefined) {
      findings.push({ path: where, value: path, message: `is writablePaths[${earlier}] again; ECS refuses two mount points at one path` });
    } else {
      seen.set(normalized, index);
    }
  });
  return findings;
}

/**
 * Bytes a task definition needs besides what the config writes into it (names, ARNs, log settings,
 * CPU, memory, roles, placement, keys and punctuation), generously: the synthesized task
 * definitions of the longest names the config allows stay below it (a test checks).
 */
export const TASK_DEFINITION_BASE_BYTES = 4096;

/**
 * The bytes of the task definition JSON that come from the config's container fields, and from its
 * metrics section: the collector sidecar's image and configuration (its series, path and the
 * environment's metric `namespace`, JSON in an environment variable), without the names the base covers.
 */
export function containerConfigBytes(
  service: ParsedService,
  namespace: string,
): Record<"environment" | "secrets" | "command" | "containerHealthCheck" | "image" | "filesystem" | "metrics", number> {
  const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), "utf8");
  return {
    metrics: service.metrics ? collectorBytes(service.metrics, namespace) + bytes(service.metrics.sidecar.image) : 0,
    environment: bytes(Object.entries(service.environment).map(([name, value]) => ({ name, value }))),
    secrets: bytes(Object.entries(service.secrets).map(([name, valueFrom]) => ({ name, valueFrom }))),
    command: bytes(service.command ?? []),
    containerHealthCheck: bytes(service.containerHealthCheck?.command ?? ""),
    image: bytes(service.image),
    // Each writable path is a volume and a mount point.
    filesystem: 2 * bytes(service.filesystem.writablePaths),
  };
}

/** The collector's configuration as the sidecar's environment variable holds it (JSON, escaped once more in the container definitions), with empty names. */
function collectorBytes(metrics: NonNullable<ParsedService["metrics"]>, namespace: string): number {
  // The port does not change the size by more than a few bytes; an invalid one is reported elsewhere.
  const resolved = resolveServerMetrics({ ...metrics, port: metrics.port ?? 65535 }, undefined);
  const config = collectorConfig({ ...resolved, clusterName: "", serviceName: "", namespace, logGroupName: "", region: "" });
  return Buffer.byteLength(JSON.stringify(JSON.stringify(config)), "utf8");
}

function taskDefinitionSizeFindings(service: ParsedService, namespace: string, at: (...path: PropertyKey[]) => PropertyKey[]): Finding[] {
  const parts = containerConfigBytes(service, namespace);
  const total = TASK_DEFINITION_BASE_BYTES + Object.values(parts).reduce((sum, n) => sum + n, 0);
  if (total <= MAX_TASK_DEFINITION_BYTES) return [];
  const [largest, bytes] = Object.entries(parts).sort((a, b) => b[1] - a[1])[0];
  return [
    {
      path: at(largest),
      message: `makes the task definition about ${total} bytes (${bytes} of them here); ECS registers at most ${MAX_TASK_DEFINITION_BYTES} (64 KiB): keep large values in S3, or in Secrets Manager or Parameter Store as secrets`,
    },
  ];
}

/** ARNs the service names must be in the Region's partition; SSM parameter names must be ones Parameter Store has. */
function arnFindings(service: ParsedService, region: string, at: (...path: PropertyKey[]) => PropertyKey[]): Finding[] {
  const findings: Finding[] = [];
  for (const [variable, arn] of Object.entries(service.secrets)) {
    // A secret of another Region is reported as such (validate.ts); its partition follows from that.
    const partition = secretRegion(arn) === region ? arnPartitionProblem(arn, region) : undefined;
    const problem = partition ?? (SSM_PARAMETER_ARN.test(arn) ? ssmParameterNameProblem(arn) : undefined);
    if (problem) findings.push({ path: at("secrets", variable), value: arn, message: problem });
  }
  service.taskPolicy.forEach((statement, s) => {
    statement.resources.forEach((resource, r) => {
      const problem = resource === "*" ? undefined : arnPartitionProblem(resource, region);
      if (problem) findings.push({ path: at("taskPolicy", s, "resources", r), value: resource, message: problem });
    });
  });
  return findings;
}

/** The task role's policy (taskPolicy) and the execution role's secrets policy within IAM's size limit. */
function policySizeFindings(service: ParsedService, at: (...path: PropertyKey[]) => PropertyKey[]): Finding[] {
  const findings: Finding[] = [];
  const limit = (chars: number, what: string) =>
    `makes the ${what} policy ${chars} characters; IAM allows at most ${MAX_ROLE_INLINE_POLICY_CHARS} per role: use wildcards in resources or fewer statements`;
  if (service.taskPolicy.length > 0) {
    const chars = renderPolicy({ Statement: service.taskPolicy.map((s) => ({ Action: [...s.actions], Resource: [...s.resources] })) }).length;
    if (chars > MAX_ROLE_INLINE_POLICY_CHARS) findings.push({ path: at("taskPolicy"), message: limit(chars, "task role's") });
  }
  const secretArns = [...new Set(Object.values(service.secrets).map(secretResourceArn))];
  if (secretArns.length > 0) {
    const chars = renderPolicy({
      Statement: [{ Sid: "ReadSecrets", Action: ["secretsmanager:GetSecretValue", "ssm:GetParameters"], Resource: secretArns }],
    }).length;
    if (chars > MAX_ROLE_INLINE_POLICY_CHARS) findings.push({ path: at("secrets"), message: limit(chars, "execution role's secrets") });
  }
  return findings;
}
