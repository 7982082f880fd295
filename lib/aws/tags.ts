/**
 * Tag rules that hold for every service the stacks tag (ECS, EC2, ELB, IAM, SQS, CloudWatch Logs,
 * Application Auto Scaling, S3), through the provider's default_tags.
 * Source: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Tag.html and
 * https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html#tag-conventions
 * (at most 50 tags per resource; keys 1-128 and values 0-256 Unicode characters; letters, numbers,
 * spaces and + - = . _ : / @ across services; aws: in any case is reserved as a key prefix).
 */

export const MAX_TAGS_PER_RESOURCE = 50;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;

/** The prefix AWS reserves for its own tag keys, compared without regard to case. */
export const RESERVED_TAG_PREFIX = "aws:";

/** The characters every tagged service accepts in keys and values (IAM's pattern, the strictest of them). */
export const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Tags the stacks put on every resource themselves (stacks/environment-stack.ts defaultTags); a config's tags may not replace them. */
export const STACK_TAG_KEYS = ["Project", "Environment", "ManagedBy"] as const;

/**
 * The most tags any resource of an environment stack sets itself, besides the default tags: the
 * `Name` tag of security groups, launch template instances and volumes. A test checks the
 * synthesized stacks against it.
 */
export const MAX_OWN_TAGS_PER_RESOURCE = 1;

/** How many tags a config may add to every resource. */
export const MAX_CONFIG_TAGS = MAX_TAGS_PER_RESOURCE - STACK_TAG_KEYS.length - MAX_OWN_TAGS_PER_RESOURCE;

/** Tag length in Unicode characters (code points), as AWS counts it. */
export function tagLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}
