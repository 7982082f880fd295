import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { LocalBackend, TerraformOutput } from "cdktf";
import { SelfContainedStack } from "../lib/app/self-contained-stack";
import { Construct } from "constructs";
import { stateBucketOutputName, stateConstructIds } from "../lib/app/stack-ids";
import type { EnvironmentConfig } from "../lib/config/schema";
import { partitionOf } from "../lib/iam/policy-document";
import { applyPolicy } from "../lib/security/apply-policy";
import { markConfigSource } from "../lib/security/config-source";
import { ScannerSuppression, ScannerSuppressionSource, stateSuppressions } from "../lib/security/scanner-files";
import { stateNames } from "../lib/aws/names";
import { MAX_TAG_VALUE_LENGTH } from "../lib/aws/tags";
import { AccessLogBucket } from "../lib/logs/access-log-bucket";
import type { PolicyStatement } from "../lib/iam/policy-document";
import { requireTerraformVersion } from "../lib/state/terraform-version";
import { LockTable } from "../lib/state/lock-table";
import { StateKey } from "../lib/state/state-key";
import { StateBucket } from "../lib/state/state-bucket";

/**
 * The `Environments` tag of a state bucket: the environments that keep their state in it,
 * space-separated, cut to what a tag value holds ({@link MAX_TAG_VALUE_LENGTH} characters) with
 * "and N more" (the stack's output description lists them all).
 */
export function environmentsTag(environments: readonly string[]): string {
  const all = environments.join(" ");
  if (all.length <= MAX_TAG_VALUE_LENGTH) return all;
  for (let shown = environments.length - 1; shown >= 0; shown--) {
    const text = [...environments.slice(0, shown), `and ${environments.length - shown} more`].join(" ");
    if (text.length <= MAX_TAG_VALUE_LENGTH) return text;
  }
  return `${environments.length} environments`;
}

export interface StateStackProps {
  /** Every environment; the stack creates each state bucket (and lock table) they name once. */
  readonly environments: readonly EnvironmentConfig[];
}

/** The stack id of the state bootstrap stack. */
export const STATE_STACK_ID = "state";

/**
 * Bootstraps remote state: the S3 buckets (and optional DynamoDB lock tables) the
 * environment stacks' backends use. Its own state stays local, in
 * `terraform.state.tfstate` at the project root, outside `cdktf.out`.
 */
export class StateStack extends SelfContainedStack implements ScannerSuppressionSource {
  private readonly environments: readonly EnvironmentConfig[];

  constructor(scope: Construct, id: string, props: StateStackProps) {
    super(scope, id);
    this.environments = props.environments;
    // Relative to the directory Terraform runs in (cdktf.out/stacks/state): the project root.
    new LocalBackend(this, { path: "../../../terraform.state.tfstate" });
    // The same Terraform as the environments, whose backends use S3 native locking.
    requireTerraformVersion(this);
    // The state bucket holds every environment's secrets-bearing state: the strictest rules apply.
    applyPolicy(this, { production: true });

    const buckets = new Map<string, { region: string; environments: string[]; source: EnvironmentConfig }>();
    const tables = new Map<string, { region: string; source: EnvironmentConfig }>();
    for (const env of props.environments) {
      const region = env.state.region;
      const entry = buckets.get(env.state.bucket) ?? { region, environments: [], source: env };
      entry.environments.push(env.environment);
      buckets.set(env.state.bucket, entry);
      if (env.state.dynamodbTable && !tables.has(env.state.dynamodbTable)) tables.set(env.state.dynamodbTable, { region, source: env });
    }
    const firstRegion = [...buckets.values()][0]?.region ?? "us-east-1";

    new AwsProvider(this, "aws", {
      region: firstRegion,
      defaultTags: [{ tags: { ManagedBy: "ecs-ai-autoscaling", Purpose: "terraform-state" } }],
    });

    for (const [bucket, { region, environments, source }] of buckets) {
      const partition = partitionOf(region);
      const logs = new AccessLogBucket(this, stateConstructIds.accessLogs(bucket), {
        bucket: source.state.accessLogBucket,
        region,
        partition,
        writers: [serverAccessLogWriter(partition, source.state.accessLogBucket, bucket)],
        tags: { Environments: environmentsTag(environments), Purpose: "terraform-state-access-logs" },
      });
      const key =
        source.state.encryption === "kms"
          ? new StateKey(this, stateConstructIds.key(bucket), { alias: stateNames.keyAlias(bucket), region, description: `Encrypts the Terraform state in ${bucket}` })
          : undefined;
      const stateBucket = new StateBucket(this, stateConstructIds.bucket(bucket), {
        bucket,
        region,
        partition,
        tags: { Environments: environmentsTag(environments) },
        kmsKeyArn: key?.key.arn,
        accessLogs: { targetBucket: logs.bucket.id, prefix: `${bucket}/` },
      });
      // Findings on a bucket point at the first environment file that names it.
      markConfigSource(stateBucket, { file: source.file, path: "state.bucket", lines: source.lines, suppressible: false });
      new TerraformOutput(this, stateBucketOutputName(bucket), {
        value: stateBucket.bucket.arn,
        description: `State bucket of ${environments.join(", ")}`,
      });
    }
    for (const [name, { region, source }] of tables) {
      const table = new LockTable(this, stateConstructIds.lockTable(name), { name, region });
      markConfigSource(table, { file: source.file, path: "state.dynamodbTable", lines: source.lines, suppressible: false });
    }
  }

  /** The scanner checks the state stack skips: the trade-offs of its buckets and tables (written beside the stack by the synth). */
  public scannerSuppressions(): readonly ScannerSuppression[] {
    return stateSuppressions(this.environments);
  }
}

/**
 * S3 server access logging's write permission on a log bucket: the logging service may put
 * objects under the source bucket's prefix, for that source bucket only.
 * Source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html#grant-log-delivery-permissions-general
 */
function serverAccessLogWriter(partition: string, logBucket: string, sourceBucket: string): PolicyStatement {
  return {
    Sid: "S3ServerAccessLogsPolicy",
    Effect: "Allow",
    Principal: { Service: "logging.s3.amazonaws.com" },
    Action: "s3:PutObject",
    Resource: `arn:${partition}:s3:::${logBucket}/${sourceBucket}/*`,
    Condition: { ArnLike: { "aws:SourceArn": `arn:${partition}:s3:::${sourceBucket}` } },
  };
}
