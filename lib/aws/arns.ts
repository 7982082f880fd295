import { AWS_REGIONS, isAwsRegion, type Partition } from "./regions";

/**
 * Amazon Resource Names: `arn:<partition>:<service>:<region>:<account>:<resource>`.
 * Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */

/** The partitions of the Regions an environment may name. */
export const PARTITIONS: readonly Partition[] = [...new Set(Object.values(AWS_REGIONS))];

export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** The fields of an ARN, or undefined when the text has fewer than six `:`-separated fields or does not start with `arn:`. */
export function parseArn(text: string): ArnParts | undefined {
  const fields = text.split(":");
  if (fields.length < 6 || fields[0] !== "arn") return undefined;
  const [, partition, service, region, account, ...resource] = fields;
  return { partition, service, region, account, resource: resource.join(":") };
}

/**
 * Why an ARN cannot be used in an environment of `region`: its partition is not the Region's
 * (an aws-cn ARN in a commercial Region, or none at all), or undefined when it can.
 */
export function arnPartitionProblem(arn: string, region: string): string | undefined {
  const parts = parseArn(arn);
  if (!parts || !isAwsRegion(region)) return undefined;
  const expected = AWS_REGIONS[region];
  if (parts.partition === expected) return undefined;
  const what = parts.partition === "" ? "names no partition" : `is in partition "${parts.partition}"`;
  return `${what}; in ${region} every ARN is in partition "${expected}" (partitions: ${PARTITIONS.join(", ")})`;
}

/**
 * A resource in an IAM policy statement: `*`, or an ARN whose service is named and whose
 * resource part is not empty (each part may hold the wildcards * and ?).
 * Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 */
export function isIamResource(text: string): boolean {
  if (text === "*") return true;
  const parts = parseArn(text);
  return (
    parts !== undefined &&
    /^[a-z0-9*?-]+$/.test(parts.service) &&
    /^[a-z0-9*?-]*$/.test(parts.region) &&
    /^([0-9*?]*|aws)$/.test(parts.account) &&
    parts.resource.length > 0 &&
    !/\s/.test(text)
  );
}

/**
 * Parameter Store names, as an ARN's `parameter/...` part holds them: no empty level (`//`), no
 * `/` at the end, at most 15 levels, at most 1011 characters.
 * Source: https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-su-create.html
 * ("Parameter hierarchies are limited to a maximum depth of fifteen levels"; the 2048-character
 * limit of a name includes 1037 characters reserved for internal use).
 */
export const SSM_PARAMETER_NAME = { maxLevels: 15, maxLength: 1011 } as const;

/** Why the parameter name of an SSM parameter ARN is not one Parameter Store has, or undefined. */
export function ssmParameterNameProblem(arn: string): string | undefined {
  const marker = ":parameter/";
  const at = arn.indexOf(marker);
  if (at < 0) return undefined;
  const name = arn.slice(at + marker.length);
  if (name.includes("//") || name.startsWith("/")) return 'has an empty level ("//") in the parameter name; Parameter Store names have none';
  if (name.endsWith("/")) return "ends the parameter name with /; Parameter Store names do not";
  const levels = name.split("/").length;
  if (levels > SSM_PARAMETER_NAME.maxLevels) return `has a parameter name ${levels} levels deep; Parameter Store allows at most ${SSM_PARAMETER_NAME.maxLevels}`;
  if (name.length > SSM_PARAMETER_NAME.maxLength) return `has a parameter name of ${name.length} characters; Parameter Store allows at most ${SSM_PARAMETER_NAME.maxLength}`;
  return undefined;
}
