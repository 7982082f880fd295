import { parseRoleArn } from "../aws/iam-role-arn";
import { isAwsRegion, partitionOf } from "../aws/regions";
import type { ParsedEnvironment } from "./schema";
import type { Finding } from "./validate";

/**
 * The account guard rails: production environments name their account (the provider's
 * allowed_account_ids then refuses any other account's credentials), and a role to assume must
 * be in the environment's partition and, when the account is named, in that account: the
 * provider checks the account of the credentials it ends up with, those of the assumed role.
 */
export function accountFindings(config: ParsedEnvironment): Finding[] {
  const findings: Finding[] = [];
  if (config.production && config.accountId === undefined) {
    findings.push({
      path: ["accountId"],
      message: 'is required when production is true: the provider then refuses credentials of any other account (allowed_account_ids); add accountId: "123456789012" with your account\'s id, quoted',
    });
  }
  if (config.assumeRoleArn === undefined) return findings;
  const parsed = parseRoleArn(config.assumeRoleArn);
  if (!parsed.ok) return [...findings, { path: ["assumeRoleArn"], value: config.assumeRoleArn, message: parsed.message }];
  const { partition, accountId } = parsed.arn;
  if (isAwsRegion(config.region) && partitionOf(config.region) !== partition) {
    findings.push({
      path: ["assumeRoleArn"],
      value: config.assumeRoleArn,
      message: `is in partition ${partition}, but region ${config.region} is in partition ${partitionOf(config.region)}; the role must be in the environment's partition (arn:${partitionOf(config.region)}:iam::...)`,
    });
  }
  if (config.accountId !== undefined && accountId !== config.accountId) {
    findings.push({
      path: ["assumeRoleArn"],
      value: config.assumeRoleArn,
      message: `is a role in account ${accountId}, but accountId is ${config.accountId}; the provider checks the account of the assumed role's credentials, so every plan would stop: use a role in ${config.accountId}`,
    });
  }
  return findings;
}
