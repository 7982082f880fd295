import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Testing } from "cdktf";
import { environmentsTag, StateStack } from "../../stacks/state-stack";
import { baseInput, configOf, merge, oneResource, resourcesOf, TerraformJson } from "../helpers";

function synthState(...inputs: Array<[string, Record<string, unknown>]>): string {
  const app = Testing.app();
  return Testing.synth(new StateStack(app, "state", { environments: inputs.map(([env, input]) => configOf(input, env)) }));
}

describe("state stack for environments sharing one bucket", () => {
  const synthesized = synthState(
    ["dev", baseInput()],
    ["prod", merge(baseInput(), { state: { dynamodbTable: "acme-terraform-locks" } })],
  );
  const json = JSON.parse(synthesized) as TerraformJson;

  test("keeps its own state local, outside cdktf.out", () => {
    expect(json.terraform.backend).toEqual({ local: { path: "../../../terraform.state.tfstate" } });
  });

  test("requires the same Terraform as the environment stacks", () => {
    expect(json.terraform.required_version).toBe(">= 1.10");
  });

  const stateBucket = () => resourcesOf(json, "aws_s3_bucket").find((b) => b.bucket === "acme-terraform-state")!;
  const logBucket = () => resourcesOf(json, "aws_s3_bucket").find((b) => b.bucket === "acme-terraform-state-logs")!;
  const bucketRef = (bucket: Record<string, any>) => {
    const name = Object.entries<any>(json.resource.aws_s3_bucket).find(([, b]) => b === bucket)![0];
    return `\${aws_s3_bucket.${name}.id}`;
  };
  const attached = (type: string, bucket: Record<string, any>) => resourcesOf(json, type).filter((r) => r.bucket === bucketRef(bucket));

  test("creates the state bucket once, protected from destroy, and a bucket for its access logs", () => {
    expect(resourcesOf(json, "aws_s3_bucket").map((b) => b.bucket).sort()).toEqual(["acme-terraform-state", "acme-terraform-state-logs"]);
    expect(synthesized).toHaveResourceWithProperties(S3Bucket, {
      bucket: "acme-terraform-state",
      region: "eu-west-1",
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
      tags: { Environments: "dev prod" },
    });
  });

  test("versioning is enabled", () => {
    expect(synthesized).toHaveResourceWithProperties(S3BucketVersioningA, { versioning_configuration: { status: "Enabled" } });
    expect(attached("aws_s3_bucket_versioning", stateBucket())).toHaveLength(1);
  });

  test("encrypted by default with the state's own KMS key and an S3 bucket key", () => {
    const key = Object.keys(json.resource.aws_kms_key)[0];
    expect(attached("aws_s3_bucket_server_side_encryption_configuration", stateBucket())).toEqual([
      expect.objectContaining({
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: `\${aws_kms_key.${key}.arn}` }, bucket_key_enabled: true }],
      }),
    ]);
  });

  test("the KMS key rotates, outlives a destroy, and has the alias the environments' backends name", () => {
    expect(oneResource(json, "aws_kms_key")).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true }, region: "eu-west-1" });
    const key = Object.keys(json.resource.aws_kms_key)[0];
    expect(oneResource(json, "aws_kms_alias")).toMatchObject({ name: "alias/ecs-ai-autoscaling/state/acme-terraform-state", target_key_id: `\${aws_kms_key.${key}.key_id}` });
  });

  test("S3-managed encryption when the environments choose it, and no key", () => {
    const plain = JSON.parse(synthState(["dev", merge(baseInput(), { state: { encryption: "s3" } })])) as TerraformJson;
    expect(resourcesOf(plain, "aws_kms_key")).toEqual([]);
    expect(resourcesOf(plain, "aws_s3_bucket_server_side_encryption_configuration").map((c) => c.rule[0].apply_server_side_encryption_by_default.sse_algorithm)).toEqual([
      "AES256",
      "AES256",
    ]);
  });

  test("access to the state bucket is logged to the log bucket, under the state bucket's name", () => {
    expect(resourcesOf(json, "aws_s3_bucket_logging")).toEqual([
      expect.objectContaining({ bucket: bucketRef(stateBucket()), target_bucket: bucketRef(logBucket()), target_prefix: "acme-terraform-state/" }),
    ]);
  });

  test("the log bucket: S3-managed encryption (what log delivery supports), private, only S3 log delivery for this bucket may write, TLS only, logs expire after a year", () => {
    const log = logBucket();
    expect(attached("aws_s3_bucket_server_side_encryption_configuration", log)[0].rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }]);
    expect(attached("aws_s3_bucket_public_access_block", log)).toHaveLength(1);
    expect(JSON.parse(attached("aws_s3_bucket_policy", log)[0].policy).Statement).toEqual([
      {
        Sid: "S3ServerAccessLogsPolicy",
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: "arn:aws:s3:::acme-terraform-state-logs/acme-terraform-state/*",
        Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::acme-terraform-state" } },
      },
      expect.objectContaining({ Sid: "DenyInsecureTransport", Effect: "Deny" }),
    ]);
    expect(attached("aws_s3_bucket_lifecycle_configuration", log)[0].rule[0]).toMatchObject({ expiration: [{ days: 365 }] });
  });

  test("all public access is blocked", () => {
    expect(synthesized).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test("bucket policy denies requests without TLS", () => {
    expect(JSON.parse(attached("aws_s3_bucket_policy", stateBucket())[0].policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: ["arn:aws:s3:::acme-terraform-state", "arn:aws:s3:::acme-terraform-state/*"],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    });
  });

  test("old state versions expire after 90 days", () => {
    expect(synthesized).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [
        {
          id: "expire-old-state-versions",
          status: "Enabled",
          filter: [{ prefix: "" }],
          noncurrent_version_expiration: [{ noncurrent_days: 90 }],
          abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
        },
      ],
    });
  });

  test("the optional lock table, pay per request, protected", () => {
    expect(synthesized).toHaveResourceWithProperties(DynamodbTable, {
      name: "acme-terraform-locks",
      billing_mode: "PAY_PER_REQUEST",
      hash_key: "LockID",
      attribute: [{ name: "LockID", type: "S" }],
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true },
      deletion_protection_enabled: true,
      lifecycle: { prevent_destroy: true },
    });
  });
});

describe("state stack without a lock table", () => {
  test("creates no DynamoDB table", () => {
    const json = JSON.parse(synthState(["dev", baseInput()])) as TerraformJson;
    expect(resourcesOf(json, "aws_dynamodb_table")).toEqual([]);
  });

  test("creates one bucket per distinct bucket, each in its region", () => {
    const json = JSON.parse(
      synthState(["dev", baseInput()], ["prod", merge(baseInput(), { state: { bucket: "acme-prod-state", region: "eu-central-1" } })]),
    ) as TerraformJson;
    expect(resourcesOf(json, "aws_s3_bucket").map((b) => [b.bucket, b.region]).sort()).toEqual([
      ["acme-prod-state", "eu-central-1"],
      ["acme-prod-state-logs", "eu-central-1"],
      ["acme-terraform-state", "eu-west-1"],
      ["acme-terraform-state-logs", "eu-west-1"],
    ]);
  });
});

describe("the state buckets' Environments tag", () => {
  test("lists the environments that keep their state there", () => {
    expect(environmentsTag(["dev", "staging", "prod"])).toBe("dev staging prod");
  });

  test("stays within a tag value's 256 characters, ending with how many more", () => {
    const environments = Array.from({ length: 16 }, (_, i) => `dev-feature-${String(i + 1).padStart(4, "0")}`);
    const tag = environmentsTag(environments);
    expect(environments.join(" ").length).toBeGreaterThan(256);
    expect(tag.length).toBeLessThanOrEqual(256);
    expect(tag).toBe(`${environments.slice(0, 14).join(" ")} and 2 more`);
  });
});

describe("security findings on the state stack", () => {
  test("name the environment file but say they cannot be suppressed there: the state stack always applies the production rules", () => {
    const { PolicyReport, formatFinding } = require("../../lib/security/report") as typeof import("../../lib/security/report");
    const app = Testing.app();
    const stack = new StateStack(app, "state", { environments: [configOf(merge(baseInput(), { state: { encryption: "s3" } }), "dev")] });
    Testing.synth(stack);
    const lines = PolicyReport.of(stack).warnings.map(formatFinding);
    expect(lines).toEqual([
      "config/dev.yaml: state.encryption: AIS-S3-6 bucket acme-terraform-state is not encrypted with a customer-managed KMS key and a bucket key. Fix: set state.encryption: kms (the default), so the state stack creates a KMS key for the bucket. Not suppressible: the state stack holds every environment's state and always applies the production rules (resource state/bucket-acme-terraform-state/bucket)",
    ]);
    expect(lines[0]).not.toContain("To suppress");
  });
});
