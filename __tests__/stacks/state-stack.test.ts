import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Testing } from "cdktf";
import { StateStack } from "../../stacks/state-stack";
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

  test("creates the bucket once, protected from destroy", () => {
    expect(resourcesOf(json, "aws_s3_bucket")).toHaveLength(1);
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
  });

  test("server-side encryption by default", () => {
    expect(synthesized).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" }, bucket_key_enabled: true }],
    });
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
    expect(JSON.parse(oneResource(json, "aws_s3_bucket_policy").policy)).toEqual({
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
      ["acme-terraform-state", "eu-west-1"],
    ]);
  });
});
