/**
 * The AWS Regions an environment may name, with the partition each belongs to (the second
 * field of every ARN in it). Regions of the commercial, China and GovCloud (US) partitions.
 * Sources: https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html,
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-region-billing-codes.html
 */
export const AWS_REGIONS = {
  "us-east-1": "aws",
  "us-east-2": "aws",
  "us-west-1": "aws",
  "us-west-2": "aws",
  "ca-central-1": "aws",
  "ca-west-1": "aws",
  "mx-central-1": "aws",
  "sa-east-1": "aws",
  "af-south-1": "aws",
  "ap-east-1": "aws",
  "ap-east-2": "aws",
  "ap-northeast-1": "aws",
  "ap-northeast-2": "aws",
  "ap-northeast-3": "aws",
  "ap-south-1": "aws",
  "ap-south-2": "aws",
  "ap-southeast-1": "aws",
  "ap-southeast-2": "aws",
  "ap-southeast-3": "aws",
  "ap-southeast-4": "aws",
  "ap-southeast-5": "aws",
  "ap-southeast-6": "aws",
  "ap-southeast-7": "aws",
  "eu-central-1": "aws",
  "eu-central-2": "aws",
  "eu-north-1": "aws",
  "eu-south-1": "aws",
  "eu-south-2": "aws",
  "eu-west-1": "aws",
  "eu-west-2": "aws",
  "eu-west-3": "aws",
  "il-central-1": "aws",
  "me-central-1": "aws",
  "me-south-1": "aws",
  "cn-north-1": "aws-cn",
  "cn-northwest-1": "aws-cn",
  "us-gov-east-1": "aws-us-gov",
  "us-gov-west-1": "aws-us-gov",
} as const satisfies Record<string, Partition>;

/** The partitions of {@link AWS_REGIONS}. */
export type Partition = "aws" | "aws-cn" | "aws-us-gov";

export type AwsRegion = keyof typeof AWS_REGIONS;

export const AWS_REGION_NAMES = Object.keys(AWS_REGIONS) as readonly AwsRegion[];

/** True for a Region of {@link AWS_REGIONS}. */
export function isAwsRegion(value: string): value is AwsRegion {
  return Object.prototype.hasOwnProperty.call(AWS_REGIONS, value);
}

/** The partition of a Region of {@link AWS_REGIONS}. */
export function partitionOf(region: AwsRegion): Partition {
  return AWS_REGIONS[region];
}
