/**
 * IAM role ARNs as the AWS provider's `assume_role.role_arn` takes them:
 * `arn:<partition>:iam::<12-digit account>:role/<optional/path/><name>`.
 * Sources: https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html (RoleArn: 20-2048 characters),
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html (RoleName: 1-64 of [\w+=,.@-]; Path: 1-512
 * characters, "/" or "/" + printable ASCII + "/").
 */

export const ROLE_ARN_MAX_LENGTH = 2048;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const PATH_CHARACTERS = /^[\x21-\x7e]*$/;
const ACCOUNT_ID = /^\d{12}$/;
const PARTITIONS = ["aws", "aws-cn", "aws-us-gov"] as const;

export interface RoleArn {
  readonly partition: (typeof PARTITIONS)[number];
  readonly accountId: string;
  readonly name: string;
}

/** Reads an IAM role ARN, or says what is wrong with it. Splits on ":" and "/" instead of one large regex. */
export function parseRoleArn(value: string): { readonly ok: true; readonly arn: RoleArn } | { readonly ok: false; readonly message: string } {
  const shape = "must be an IAM role ARN such as arn:aws:iam::123456789012:role/deploy";
  if (value.length > ROLE_ARN_MAX_LENGTH) return { ok: false, message: `${shape} (at most ${ROLE_ARN_MAX_LENGTH} characters)` };
  const parts = value.split(":");
  if (parts.length !== 6 || parts[0] !== "arn" || parts[2] !== "iam" || parts[3] !== "") return { ok: false, message: shape };
  const [, partition, , , accountId, resource] = parts;
  if (!(PARTITIONS as readonly string[]).includes(partition)) return { ok: false, message: `${shape}; the partition must be ${PARTITIONS.join(", ")}` };
  if (!ACCOUNT_ID.test(accountId)) return { ok: false, message: `${shape}; the account id must be 12 digits` };
  if (!resource.startsWith("role/")) return { ok: false, message: `${shape}; it names a ${resource.split("/")[0] || "resource"}, not a role` };
  const slash = resource.lastIndexOf("/");
  const path = resource.slice(4, slash + 1); // "/" or "/a/b/"
  const name = resource.slice(slash + 1);
  if (!ROLE_NAME.test(name)) return { ok: false, message: `${shape}; the role name must be 1-64 letters, digits and + = , . @ _ -` };
  if (path.length > 512 || !PATH_CHARACTERS.test(path)) return { ok: false, message: `${shape}; the role path must be at most 512 printable ASCII characters` };
  return { ok: true, arn: { partition: partition as RoleArn["partition"], accountId, name } };
}
