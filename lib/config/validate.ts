import type { z } from "zod";
import { computeFieldHint } from "./compute";
import { computeTypeOf } from "../capacity/kinds/compute";
import { COMPUTE_DEFINITIONS } from "../capacity/kinds/definitions";
import { RESOURCE_NAME, secretRegion } from "../aws/formats";
import { healthCheckTimingProblem, MAX_TARGET_GROUPS_PER_LOAD_BALANCER } from "../aws/load-balancer";
import { NAME_LIMITS, S3_BUCKET_NAME_MAX, stateNames, UNUSABLE_CONSTRUCT_NAME_MESSAGE, UNUSABLE_CONSTRUCT_NAMES } from "../aws/names";
import { accountFindings } from "./account";
import { resolveEnvironment } from "./resolve";
import { routingFindings } from "./routing";
import { EnvironmentConfig, EnvironmentSchema, ParsedEnvironment } from "./schema";
import { formatPath } from "./problems";
import { MAX_SERVICES_PER_ENVIRONMENT, serviceCount } from "./size-limits";
import { scaleInWarnings } from "./scale-in-warning";
import { containerFindings } from "./validate-container";
import { environmentAwsNames, nameCollisionFindings, reservedPrefixFindings } from "./validate-names";
import { networkFindings } from "./validate-network";
import { previewFindings } from "./validate-preview";
import { scalingFindings } from "./validate-scaling";
import { tagFindings } from "./validate-tags";
import { templateSyntaxFindings } from "./validate-literal-text";
import { securityFindings } from "./validate-security";
import { taskFindings } from "./validate-task";
import { s3BucketNameProblem, s3BucketNameWarning } from "../aws/s3";
import { deploymentFindings, deploymentStrategy } from "./validate-deployment";
import { alertFindings, serviceObservabilityFindings, unpublishedMetricFindings } from "./validate-observability";

/** A problem found in a parsed document, before it is placed on a line of its file. */
export interface Finding {
  readonly path: readonly PropertyKey[];
  readonly value?: unknown;
  readonly message: string;
  /** A warning is printed and the synth goes on; AWS accepts the value. @default an error */
  readonly severity?: "warning";
}

export type ValidationResult =
  | { readonly ok: true; readonly config: EnvironmentConfig; readonly warnings: readonly Finding[] }
  | { readonly ok: false; readonly findings: readonly Finding[] };

/** The YAML 1.1 merge key, which the loader (YAML 1.2) reads as a plain key. */
const MERGE_KEY = "<<";

/** Stack ids that are not environments. */
const RESERVED_ENVIRONMENT_NAMES = ["state"];

/**
 * Validates one environment's parsed YAML: the schema first (types, ranges, unknown
 * keys, defaults), then the rules that span fields. Every problem is reported, not
 * just the first.
 */
export function validateEnvironment(data: unknown, environment: string, file: string): ValidationResult {
  const findings: Finding[] = [];
  if (!RESOURCE_NAME.test(environment) || environment.length > 16) {
    findings.push({
      path: [],
      message: `the file name "${environment}" is the environment and stack name: use 1-16 lower-case letters, digits and hyphens, starting with a letter`,
    });
  } else if (RESERVED_ENVIRONMENT_NAMES.includes(environment)) {
    findings.push({ path: [], message: `"${environment}" is the name of the state bootstrap stack; name the environment file differently` });  } else if (UNUSABLE_CONSTRUCT_NAMES.has(environment)) {
    findings.push({ path: [], message: `the file name "${environment}" is the environment and stack name, and ${UNUSABLE_CONSTRUCT_NAME_MESSAGE.replace("choose another name", "name the environment file differently")}` });
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    const what = data === null || data === undefined ? "empty" : Array.isArray(data) ? "a list" : `a ${typeof data}`;
    findings.push({ path: [], message: `the file is ${what}; it must be a mapping with project, region, state, network and services` });
    return { ok: false, findings };
  }
  const services = serviceCount(data);
  if (services > MAX_SERVICES_PER_ENVIRONMENT) {
    findings.push({
      path: ["services"],
      message: `lists ${services} services; an environment may have at most ${MAX_SERVICES_PER_ENVIRONMENT} (the most web services one load balancer takes, and what one synth handles in seconds): split the environment`,
    });
    return { ok: false, findings };
  }
  const parsed = EnvironmentSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    findings.push(...parsed.error.issues.flatMap(issueFindings));
    return { ok: false, findings };
  }
  const crossField = crossFieldFindings(parsed.data, environment);
  // A policy on a metric nothing publishes: an error in production, a warning elsewhere.
  const unpublished = unpublishedMetricFindings(parsed.data).map((f): Finding => (parsed.data.production ? f : { ...f, severity: "warning" }));
  const all = [...crossField, ...unpublished];
  findings.push(...all.filter((f) => f.severity !== "warning"));
  if (findings.length > 0) return { ok: false, findings };
  const warnings = all.filter((f) => f.severity === "warning");
  const unplaced = warnings.map((f) => ({ file, path: formatPath(f.path), value: f.value, message: f.message }));
  return { ok: true, config: resolveEnvironment(parsed.data, environment, file, unplaced), warnings };
}

function issueFindings(issue: z.core.$ZodIssue): Finding[] {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        path: [...issue.path, key],
        value: key === MERGE_KEY ? undefined : (input as Record<string, unknown> | undefined)?.[key],
        message: key === MERGE_KEY ? "YAML merge keys are not supported; write the fields out, or anchor and alias a whole value" : (computeFieldHint(issue.path, key) ?? issue.message),
      }));
    case "invalid_key": {
      const inner = issue.issues[0]?.message ?? issue.message;
      return [{ path: issue.path, message: `name ${inner}` }];
    }
    case "invalid_union": {
      const discriminator = (issue as { discriminator?: string }).discriminator;
      const value = discriminator ? (input as Record<string, unknown> | undefined)?.[discriminator] : input;
      const message = value === undefined && discriminator ? `is required; ${issue.message}` : issue.message;
      return [{ path: issue.path, value, message }];
    }
    case "invalid_type":
      if (input === undefined) return [{ path: issue.path, message: `is required; ${issue.message}` }];
      return [{ path: issue.path, value: input, message: issue.message }];
    default:
      return [{ path: issue.path, value: input, message: issue.message }];
  }
}

/** Rules that need more than one field. */
function crossFieldFindings(config: ParsedEnvironment, environment: string): Finding[] {
  const findings: Finding[] = [];
  const naming = { project: config.project, environment };

  for (const limit of NAME_LIMITS.filter((l) => !l.perService)) {
    const name = limit.name(naming, "");
    if (name.length > limit.max) {
      findings.push({
        path: ["project"],
        value: config.project,
        message: `makes the ${limit.what} "${name}" ${name.length} characters long; AWS allows at most ${limit.max}: shorten the project or environment name`,
      });
    }
  }

  const logBucket = config.state.accessLogBucket ?? stateNames.accessLogBucket(config.state.bucket);
  if (config.state.accessLogBucket === undefined && logBucket.length > S3_BUCKET_NAME_MAX) {
    findings.push({
      path: ["state", "bucket"],
      value: config.state.bucket,
      message: `makes the default access log bucket "${logBucket}" ${logBucket.length} characters long; S3 allows at most ${S3_BUCKET_NAME_MAX}: set state.accessLogBucket`,
    });
  }
  if (logBucket === config.state.bucket) {
    findings.push({ path: ["state", "accessLogBucket"], value: logBucket, message: "is the state bucket itself; access logs need a bucket of their own (a bucket logging into itself logs its own log writes)" });
  }

  findings.push(...accountFindings(config));

  const cert = config.loadBalancer.certificateArn;
  if (cert && cert.split(":")[3] !== config.region) {
    findings.push({
      path: ["loadBalancer", "certificateArn"],
      value: cert,
      message: `is in region ${cert.split(":")[3]}; a load balancer can only use a certificate from its own region (${config.region})`,
    });
  }

  findings.push(...securityFindings(config));

  const suppressed = new Map<string, number>();
  config.policy.suppressions.forEach((suppression, index) => {
    const first = suppressed.get(suppression.rule);
    if (first !== undefined) {
      findings.push({ path: ["policy", "suppressions", index, "rule"], value: suppression.rule, message: `is already suppressed by suppressions[${first}]` });
    } else {
      suppressed.set(suppression.rule, index);
    }
  });

  for (const [name, service] of Object.entries(config.services)) {
    findings.push(...serviceFindings(config, environment, name, service));
  }
  findings.push(...webRoutingFindings(config));
  findings.push(...alertFindings(config));
  findings.push(...awsAcceptanceFindings(config, environment));
  findings.push(...templateSyntaxFindings(config));
  return findings;
}

/** What AWS would refuse at apply time though every field has the right shape (see the validate-*.ts files), and warnings for what it takes but will hurt. */
function awsAcceptanceFindings(config: ParsedEnvironment, environment: string): Finding[] {
  const findings: Finding[] = [...tagFindings(config), ...networkFindings(config)];
  // Every S3 bucket name the config gives: the state buckets and the load balancer's access log bucket.
  const accessLogs = config.loadBalancer.accessLogs;
  const buckets: [PropertyKey[], string | undefined][] = [
    [["state", "bucket"], config.state.bucket],
    [["state", "accessLogBucket"], config.state.accessLogBucket],
    [["loadBalancer", "accessLogs", "bucket"], accessLogs?.bucket],
    [["loadBalancer", "accessLogs", "existingBucket"], accessLogs?.existingBucket],
  ];
  for (const [path, bucket] of buckets) {
    if (bucket === undefined) continue;
    const bucketProblem = s3BucketNameProblem(bucket);
    if (bucketProblem) findings.push({ path, value: bucket, message: bucketProblem });
    const bucketWarning = s3BucketNameWarning(bucket);
    if (bucketWarning) findings.push({ severity: "warning", path, value: bucket, message: bucketWarning });
  }
  const awsNames = environmentAwsNames(config, environment);
  findings.push(...reservedPrefixFindings(awsNames), ...nameCollisionFindings(awsNames));
  for (const [name, service] of Object.entries(config.services)) {
    const at = (...path: PropertyKey[]) => ["services", name, ...path];
    findings.push(...containerFindings(service, config.region, config.observability.namespace, at), ...scaleInWarnings(service.scaling, at));
  }
  return findings;
}

function serviceFindings(
  config: ParsedEnvironment,
  environment: string,
  name: string,
  service: ParsedEnvironment["services"][string],
): Finding[] {
  const findings: Finding[] = [];
  const at = (...path: PropertyKey[]) => ["services", name, ...path];
  const naming = { project: config.project, environment };

  for (const limit of NAME_LIMITS.filter((l) => l.perService && (l.kinds ?? ["web", "worker"]).includes(service.kind))) {
    const awsName = limit.name(naming, name);
    if (awsName.length > limit.max) {
      findings.push({
        path: ["services", name],
        message: `the service name makes the ${limit.what} "${awsName}" ${awsName.length} characters long; AWS allows at most ${limit.max}: shorten the service, project or environment name`,
      });
    }
  }

  findings.push(...COMPUTE_DEFINITIONS[computeTypeOf(service.compute)].findings(service, service.compute, name, naming));

  for (const [variable, arn] of Object.entries(service.secrets)) {
    const region = secretRegion(arn);
    if (region !== config.region) {
      findings.push({
        path: at("secrets", variable),
        value: arn,
        message: `is in region ${region}; secrets must be in the environment's region (${config.region})`,
      });
    }
    if (variable in service.environment) {
      findings.push({ path: at("secrets", variable), value: arn, message: `${variable} is also set in environment; a variable can come from only one of them` });
    }
  }

  findings.push(...taskFindings(service, name, naming, config.region, at));
  findings.push(...deploymentFindings(service, name, naming, at));
  findings.push(...scalingFindings(service.kind, service.scaling, at));
  findings.push(...serviceObservabilityFindings(service, at));
  findings.push(...previewFindings(service.preview, service.scaling, at, service.startupSeconds));

  const { readOnlyRoot, reason } = service.filesystem;
  if (!readOnlyRoot && (reason === undefined || reason.trim().length < 10)) {
    findings.push({ path: at("filesystem", "reason"), value: reason, message: "must say why the root filesystem has to be writable (at least 10 characters) when readOnlyRoot is false" });
  }
  if (readOnlyRoot && reason !== undefined) {
    findings.push({ path: at("filesystem", "reason"), value: reason, message: "applies only when readOnlyRoot is false; remove it" });
  }

  if (service.kind === "web") {
    const timing = healthCheckTimingProblem(service.healthCheck);
    if (timing) findings.push({ path: at("healthCheck", "timeoutSeconds"), value: service.healthCheck.timeoutSeconds, message: timing });
  }

  if (service.kind === "worker") {
    const queuePolicy = service.scaling.policies.find((p) => p.type === "queue");
    if (queuePolicy && service.queue.visibilityTimeoutSeconds < queuePolicy.secondsPerMessage) {
      findings.push({
        path: at("queue", "visibilityTimeoutSeconds"),
        value: service.queue.visibilityTimeoutSeconds,
        message: `is less than the queue policy's secondsPerMessage (${queuePolicy.secondsPerMessage}); a message would reappear and be processed twice while a task still works on it`,
      });
    }
    const variable = service.queue.urlVariable;
    if (variable in service.environment || variable in service.secrets) {
      findings.push({ path: at("queue", "urlVariable"), value: variable, message: `${variable} is also set in environment or secrets; the queue URL needs its own variable` });
    }
  }
  return findings;
}

type ParsedWebService = Extract<ParsedEnvironment["services"][string], { kind: "web" }>;

/** The web services' routes, checked together (lib/config/routing.ts). */
function webRoutingFindings(config: ParsedEnvironment): Finding[] {
  const web = Object.entries(config.services).filter((entry): entry is [string, ParsedWebService] => entry[1].kind === "web");
  return [...routingFindings(web.map(([name, service]) => ({ name, routing: service.routing }))), ...targetGroupCountFindings(web)];
}

/** The shared load balancer's target groups: one per web service, two with a traffic-shifting deployment; the service that goes over the limit is named. */
function targetGroupCountFindings(web: readonly [string, ParsedWebService][]): Finding[] {
  const groups = web.map(([, service]) => (deploymentStrategy(service) === "rolling" ? 1 : 2));
  const total = groups.reduce((sum, n) => sum + n, 0);
  let count = 0;
  const over = groups.findIndex((n) => (count += n) > MAX_TARGET_GROUPS_PER_LOAD_BALANCER);
  if (over < 0) return [];
  return [
    {
      path: ["services", web[over][0]],
      message: `brings the load balancer's target groups to ${count} (${total} in all); an Application Load Balancer takes at most ${MAX_TARGET_GROUPS_PER_LOAD_BALANCER}, and a web service with a blue-green, canary or linear deployment has two: deploy some services rolling, or split the environment`,
    },
  ];
}
