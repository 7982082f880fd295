import type { HclExpression } from "../hcl/hcl-expression";

/** A typed IAM policy document; {@link renderPolicy} is the only place it becomes JSON. */
export interface PolicyStatement {
  /** Statement id. @default none */
  readonly Sid?: string;
  /** @default "Allow" */
  readonly Effect?: "Allow" | "Deny";
  /** Principals (trust policies and resource policies only). @default none */
  readonly Principal?: Readonly<Record<string, string | readonly string[]>> | "*";
  readonly Action: string | readonly string[];
  /** Resource ARNs, or an expression of a list of them. @default none (trust policies have no resource) */
  readonly Resource?: string | readonly string[] | HclExpression;
  /** Conditions, operator to key to values. @default none */
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface PolicyDocument {
  readonly Statement: readonly PolicyStatement[];
}

/**
 * Renders a policy document as the JSON string IAM takes. Terraform references
 * (tokens) inside values survive as `${...}` interpolations.
 */
export function renderPolicy(document: PolicyDocument): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: document.Statement.map((statement) => ({ Effect: "Allow", ...statement })),
  });
}

/** The trust policy that lets a service principal assume a role. */
export function assumeRolePolicy(service: string): string {
  return renderPolicy({
    Statement: [{ Principal: { Service: service }, Action: "sts:AssumeRole" }],
  });
}

/** The AWS partition of a region: aws, aws-cn or aws-us-gov. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/**
 * The resource-policy statement that refuses every request not made over TLS, for the
 * service's actions (`s3`, `sqs`, ...) on the given resources.
 * Source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
 */
export function denyInsecureTransport(service: string, resources: string | readonly string[]): PolicyStatement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: `${service}:*`,
    Resource: resources,
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}
