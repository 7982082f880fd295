/**
 * S3 general purpose bucket naming rules.
 * Source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 * (3-63 characters of lower-case letters, digits, dots and hyphens; a letter or digit at each end;
 * no two adjacent periods; not formatted as an IP address; the reserved prefixes and suffixes below).
 */

/** Prefixes S3 reserves ("Bucket names must not start with the prefix ..."). */
export const S3_RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"] as const;

/** Suffixes S3 reserves for access point aliases, Object Lambda, Multi-Region Access Points, directory and table buckets. */
export const S3_RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"] as const;

/** Why S3 would refuse a bucket name that has the shape of one (formats.ts S3_BUCKET), or undefined. */
export function s3BucketNameProblem(name: string): string | undefined {
  if (name.includes("..")) return "has two adjacent dots; S3 bucket names may not";
  if (looksLikeIpAddress(name)) return "is formatted as an IP address; S3 bucket names may not be";
  const prefix = S3_RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `starts with "${prefix}", a prefix S3 reserves (reserved: ${S3_RESERVED_PREFIXES.join(", ")})`;
  const suffix = S3_RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `ends with "${suffix}", a suffix S3 reserves (reserved: ${S3_RESERVED_SUFFIXES.join(", ")})`;
  return undefined;
}

/**
 * A warning for a legal bucket name that will cause trouble: with dots, virtual-hosted-style HTTPS
 * requests fail certificate validation (the wildcard certificate covers one label) and Transfer
 * Acceleration is unavailable.
 * Source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 * ("For best compatibility, we recommend that you avoid using periods (.) in bucket names").
 */
export function s3BucketNameWarning(name: string): string | undefined {
  return name.includes(".")
    ? "has dots: HTTPS requests to <bucket>.s3.<region>.amazonaws.com fail certificate validation (the wildcard certificate covers one label) and Transfer Acceleration is unavailable; a name with hyphens avoids both"
    : undefined;
}

/** Four dot-separated groups of one to three digits, as S3 reads "formatted as an IP address" (192.168.5.4). */
function looksLikeIpAddress(name: string): boolean {
  const parts = name.split(".");
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part));
}
