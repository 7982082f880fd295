import { isIP } from "node:net";

/**
 * Formats of the strings a config holds, shared by the schema and the cross-field checks.
 * Each pattern is what AWS (or Docker) accepts, narrowed where a looser value is always a mistake.
 */

/** Lower-case DNS-style name: project, environment and service names end up in AWS resource names. */
export const RESOURCE_NAME = /^[a-z][a-z0-9-]*[a-z0-9]$|^[a-z]$/;

/** An S3 bucket name (general purpose bucket rules, no dots at the edges, no "..", no upper case). */
export const S3_BUCKET = /^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** A DynamoDB table name. */
export const DYNAMODB_TABLE = /^[A-Za-z0-9_.-]{3,255}$/;

export const VPC_ID = /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/;
export const SUBNET_ID = /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/;

/**
 * A container image reference with an explicit tag or digest:
 * `[registry[:port]/]repository[:tag][@sha256:digest]`.
 */
export const IMAGE =
  /^(?:(?:[a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

/** True when an image reference names a tag or a digest (no implicit `:latest`). */
export function imageHasTagOrDigest(image: string): boolean {
  if (image.includes("@sha256:")) return true;
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  return lastSegment.includes(":");
}

/** The end of an image reference pinned by digest. */
export const IMAGE_DIGEST = /@sha256:[a-f0-9]{64}$/;

/** True when an image reference is pinned by digest. */
export function imageHasDigest(image: string): boolean {
  return IMAGE_DIGEST.test(image);
}

/** A container environment variable name. */
export const ENV_VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A load balancer health check path. */
export const HTTP_PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/;

/** A path prefix for routing: starts with "/", no wildcards (the listener rule adds them). */
export const PATH_PREFIX = /^\/([A-Za-z0-9._~-]+\/?)*$/;

/** A host name for host-header routing; a leading "*." wildcard is allowed. */
export const HOST_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** HTTP status codes an ALB health check accepts: "200", "200-299", "200,202". */
export const HTTP_MATCHER = /^[1-5]\d\d(-[1-5]\d\d)?(,[1-5]\d\d(-[1-5]\d\d)?)*$/;

export const ACM_CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):(\d{12}):certificate\/[0-9a-f-]{36}$/;

/**
 * Secret references ECS can inject: a Secrets Manager secret (optionally with
 * `:json-key:version-stage:version-id`) or an SSM parameter.
 */
export const SECRETS_MANAGER_ARN =
  /^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):(\d{12}):secret:[A-Za-z0-9/_+=.@-]+(:[^:]*:[^:]*:[^:]*)?$/;
export const SSM_PARAMETER_ARN = /^arn:aws[a-z-]*:ssm:([a-z0-9-]+):(\d{12}):parameter\/[A-Za-z0-9/_.-]+$/;

/** The part of a secret reference that IAM policies match: the secret or parameter ARN itself. */
export function secretResourceArn(reference: string): string {
  if (SECRETS_MANAGER_ARN.test(reference)) return reference.split(":").slice(0, 7).join(":");
  return reference;
}

/** The region a secret reference lives in, or undefined when it is not a recognised ARN. */
export function secretRegion(reference: string): string | undefined {
  const match = SECRETS_MANAGER_ARN.exec(reference) ?? SSM_PARAMETER_ARN.exec(reference);
  return match?.[1];
}

/** True for a CIDR block such as 10.0.0.0/16 or ::/0 whose address has no bits set past the prefix length. */
export function isCidr(value: string): boolean {
  const slash = value.indexOf("/");
  if (slash < 0) return false;
  const address = value.slice(0, slash);
  const prefixText = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return false;
  const prefix = Number(prefixText);
  const family = isIP(address);
  if (family === 4) return prefix <= 32 && hostBitsClear(ipv4Bits(address), prefix);
  if (family === 6) return prefix <= 128 && hostBitsClear(ipv6Bits(address), prefix);
  return false;
}

function ipv4Bits(address: string): string {
  return address
    .split(".")
    .map((octet) => Number(octet).toString(2).padStart(8, "0"))
    .join("");
}

function ipv6Bits(address: string): string {
  const [head, tail] = address.includes("::") ? address.split("::") : [address, undefined];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array(missing).fill("0"), ...tailGroups];
  return groups.map((group) => parseInt(group, 16).toString(2).padStart(16, "0")).join("");
}

function hostBitsClear(bits: string, prefix: number): boolean {
  return !bits.slice(prefix).includes("1");
}
