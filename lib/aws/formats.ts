import { isIP } from "node:net";

/**
 * Formats of the strings a config holds, shared by the schema and the cross-field checks.
 * Each pattern is what AWS (or Docker) accepts, narrowed where a looser value is always a mistake.
 */

/**
 * Regular expressions here never backtrack badly: none repeats a group that holds a quantifier or an
 * alternation (a test checks every pattern in lib/aws and lib/config for that), and where a grammar
 * needs repeated structure (host names, image references, status code lists) a function splits the
 * text on its separators instead. Such a format has two parts: `FOO_SHAPE`, a flat pattern for
 * editors (config/schema.json) and the Terraform module's variable validation (RE2), and `isFoo`,
 * the exact check the config validation runs, which caps the length first.
 */

/** Lower-case DNS-style name: project, environment and service names end up in AWS resource names. */
export const RESOURCE_NAME = /^[a-z][a-z0-9-]*[a-z0-9]$|^[a-z]$/;

/** The shape of an S3 bucket name (general purpose bucket rules); {@link s3BucketProblem} has the rest. */
export const S3_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** A DynamoDB table name. */
export const DYNAMODB_TABLE = /^[A-Za-z0-9_.-]{3,255}$/;

export const VPC_ID = /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/;
export const SUBNET_ID = /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/;

/**
 * Longest image reference ECS takes.
 * Source: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html (image: "Up to 255 letters ...").
 */
export const MAX_IMAGE_LENGTH = 255;

/** The shape of a container image reference (see {@link isImageReference}). */
export const IMAGE_SHAPE = /^[A-Za-z0-9][A-Za-z0-9._\/:@-]{0,254}$/;

/**
 * A container image reference with an explicit tag or digest, as Docker parses it:
 * `[registry[:port]/]repository[:tag][@sha256:digest]`, where the repository is path components of
 * lower-case letters and digits joined by `.`, `_`, `__` or runs of `-`.
 */
export function isImageReference(image: string): boolean {
  if (image.length === 0 || image.length > MAX_IMAGE_LENGTH) return false;
  let rest = image;
  const at = rest.indexOf("@");
  if (at >= 0) {
    if (!/^sha256:[a-f0-9]{64}$/.test(rest.slice(at + 1))) return false;
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    if (!/^\w[\w.-]{0,127}$/.test(rest.slice(colon + 1))) return false;
    rest = rest.slice(0, colon);
  }
  const parts = rest.split("/");
  if (parts.length > 1 && isRegistry(parts[0])) parts.shift();
  return parts.every(isPathComponent);
}

/** A registry host: DNS labels of letters, digits and hyphens joined by dots, with an optional port. */
function isRegistry(text: string): boolean {
  const colon = text.indexOf(":");
  const host = colon < 0 ? text : text.slice(0, colon);
  if (colon >= 0 && !/^\d{1,5}$/.test(text.slice(colon + 1))) return false;
  return host.length > 0 && host.split(".").every((label) => /^[a-zA-Z0-9-]{1,63}$/.test(label));
}

/** A repository path component: lower-case letters and digits, joined by `.`, `_`, `__` or runs of `-`. */
function isPathComponent(text: string): boolean {
  if (!/^[a-z0-9._-]+$/.test(text) || !/^[a-z0-9]/.test(text) || !/[a-z0-9]$/.test(text)) return false;
  let separator = "";
  for (const c of text) {
    if (/[a-z0-9]/.test(c)) {
      if (separator !== "" && separator !== "." && separator !== "_" && separator !== "__" && !/^-+$/.test(separator)) return false;
      separator = "";
    } else {
      separator += c;
    }
  }
  return true;
}

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

/**
 * Longest target group health check path.
 * Source: https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html (HealthCheckPath: length 1-1024).
 */
export const MAX_HEALTH_CHECK_PATH_LENGTH = 1024;

/** A load balancer health check path. */
export const HTTP_PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/;

/** The shape of a routing path prefix (see {@link isPathPrefix}). */
export const PATH_PREFIX_SHAPE = /^\/[A-Za-z0-9._~\/-]*$/;

/**
 * A path prefix for routing: starts with "/", no wildcards (the listener rule adds them), no empty
 * segment (`//`). Its length limit is checked with the routes (lib/config/routing.ts), once trailing
 * slashes are normalised.
 */
export function isPathPrefix(value: string): boolean {
  return PATH_PREFIX_SHAPE.test(value) && !value.includes("//");
}

/** The shape of a host name for host-header routing (see {@link isHostName}). */
export const HOST_NAME = /^(\*\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?\.[a-z]{2,63}$/;

/**
 * A host name for host-header routing: DNS labels (1-63 letters, digits and inner hyphens) joined
 * by dots, a top-level label of letters, an optional leading `*.`. Its length limit is checked with
 * the routes (lib/config/routing.ts).
 */
export function isHostName(value: string): boolean {
  const labels = (value.startsWith("*.") ? value.slice(2) : value).split(".");
  const top = labels.pop() ?? "";
  return labels.length > 0 && /^[a-z]{2,63}$/.test(top) && labels.every((label) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(label));
}

/**
 * The status codes an Application Load Balancer's HTTP health check may accept: 200-499.
 * Source: https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Matcher.html
 */
export const HEALTH_CHECK_CODES = { min: 200, max: 499 } as const;

/** The shape of a health check matcher (see {@link isHttpMatcher}). */
export const HTTP_MATCHER = /^[2-4][0-9][0-9][0-9,-]*$/;

/** HTTP codes an ALB health check accepts: "200", "200-299", "200,202": each code 200-499, each range upwards. */
export function isHttpMatcher(value: string): boolean {
  if (!HTTP_MATCHER.test(value)) return false;
  return value.split(",").every((part) => {
    const ends = part.split("-");
    if (ends.length > 2 || !ends.every((end) => /^\d{3}$/.test(end))) return false;
    const [from, to] = ends.map(Number);
    const inRange = (code: number) => code >= HEALTH_CHECK_CODES.min && code <= HEALTH_CHECK_CODES.max;
    return inRange(from) && (to === undefined || (inRange(to) && to >= from));
  });
}

export const ACM_CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):(\d{12}):certificate\/[0-9a-f-]{36}$/;

/**
 * Secret references ECS can inject: a Secrets Manager secret (optionally with
 * `:json-key:version-stage:version-id`) or an SSM parameter.
 */
export const SECRETS_MANAGER_ARN =
  /^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):(\d{12}):secret:[A-Za-z0-9/_+=.@-]+(:[^:]*:[^:]*:[^:]*)?$/;
export const SSM_PARAMETER_ARN = /^arn:aws[a-z-]*:ssm:([a-z0-9-]+):(\d{12}):parameter\/[A-Za-z0-9/_.-]+$/;

/** The six random characters Secrets Manager ends every secret's ARN with (`-AbCdEf`). */
export const SECRET_ARN_SUFFIX = /-[A-Za-z0-9]{6}$/;
/** What completes a partial secret ARN in a policy: any six characters. */
export const SECRET_ARN_WILDCARD = "-??????";

/**
 * The part of a secret reference that IAM policies match: the secret or parameter ARN itself.
 * IAM matches GetSecretValue against the secret's complete ARN, which ends in `-` and six random
 * characters; ECS also takes a partial ARN (without them), for which the policy names the
 * complete ARN as `<partial ARN>-??????`, the pattern AWS documents for this
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html).
 * A partial ARN whose secret name itself ends in `-` and six letters or digits reads as complete.
 */
export function secretResourceArn(reference: string): string {
  if (!SECRETS_MANAGER_ARN.test(reference)) return reference;
  const arn = reference.split(":").slice(0, 7).join(":");
  return SECRET_ARN_SUFFIX.test(arn) ? arn : `${arn}${SECRET_ARN_WILDCARD}`;
}

/** The region a secret reference lives in, or undefined when it is not a recognised ARN. */
export function secretRegion(reference: string): string | undefined {
  const match = SECRETS_MANAGER_ARN.exec(reference) ?? SSM_PARAMETER_ARN.exec(reference);
  return match?.[1];
}

/**
 * True for a CIDR block such as 10.0.0.0/16 or ::/0 whose address has no bits set past the prefix
 * length. IPv6 addresses are hexadecimal groups only: no zone id (`fe80::1%eth0`), which a
 * security group rule refuses, and no embedded IPv4 form.
 */
export function isCidr(value: string): boolean {
  return cidrKey(value) !== undefined;
}

/**
 * The network a CIDR block names, the same for every spelling of it (`2001:db8::/32` and
 * `2001:0db8:0::/32`), or undefined when the text is not a CIDR block ({@link isCidr}).
 */
export function cidrKey(value: string): string | undefined {
  if (value.length > 64) return undefined;
  const slash = value.indexOf("/");
  if (slash < 0) return undefined;
  const address = value.slice(0, slash);
  const prefixText = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const family = isIP(address);
  if (family === 4 && prefix <= 32) {
    const bits = ipv4Bits(address);
    return hostBitsClear(bits, prefix) ? `4:${bits.slice(0, prefix)}/${prefix}` : undefined;
  }
  if (family === 6 && prefix <= 128 && /^[0-9A-Fa-f:]+$/.test(address)) {
    const bits = ipv6Bits(address);
    return hostBitsClear(bits, prefix) ? `6:${bits.slice(0, prefix)}/${prefix}` : undefined;
  }
  return undefined;
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
