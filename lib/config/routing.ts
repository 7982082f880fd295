import { HOST_MAX_LENGTH, LISTENER_RULE_PRIORITY, PATH_PREFIX_MAX_LENGTH } from "../aws/load-balancer";
import type { RoutingConfig } from "./schema";
import type { Finding } from "./validate";

/**
 * Listener rules of the shared load balancer: which requests a service's `routing` matches,
 * the priority its rule gets, and the checks that no rule is left without traffic.
 * docs/routing.md describes the rules for users; this file is where they are implemented.
 *
 * A route is a host (exact, or a `*.` wildcard) and a path prefix P, which matches P itself and
 * everything below it (the patterns `P` and `P/*`); no host matches any host, no prefix (or "/")
 * any path. ALB evaluates rules in priority order, lowest first, and the first match wins.
 */

/** A route with its prefix normalised: no trailing slash ("/" alone stays "/"). */
export interface Route {
  readonly host?: string;
  readonly pathPrefix?: string;
}

/** "/v1/chat/" and "/v1/chat" route the same requests: the trailing slash is dropped ("/" stays). */
export function normalisePathPrefix(prefix: string): string {
  let end = prefix.length;
  while (end > 1 && prefix.charCodeAt(end - 1) === 47 /* "/" */) end--;
  return prefix.slice(0, end);
}

/** The routing section with its path prefix normalised. */
export function normaliseRoute<R extends Route>(routing: R): R {
  return routing.pathPrefix === undefined ? routing : { ...routing, pathPrefix: normalisePathPrefix(routing.pathPrefix) };
}

/** Path segments of a normalised prefix: "/" or none 0, "/v1" 1, "/v1/chat" 2. */
function depth(prefix: string | undefined): number {
  if (prefix === undefined || prefix === "/") return 0;
  let segments = 0;
  for (let i = 0; i < prefix.length; i++) if (prefix.charCodeAt(i) === 47) segments++;
  return segments;
}

/** True when every path `inner` matches is matched by `outer` (both normalised). */
function pathCovers(outer: string | undefined, inner: string | undefined): boolean {
  if (outer === undefined || outer === "/") return true;
  if (inner === undefined || inner === "/") return false;
  return inner === outer || inner.startsWith(`${outer}/`);
}

/** True when every host `inner` matches is matched by `outer` (host names are lower case; ALB's `*` matches any characters). */
function hostCovers(outer: string | undefined, inner: string | undefined): boolean {
  if (outer === undefined) return true;
  if (inner === undefined) return false;
  if (!outer.startsWith("*.")) return inner === outer;
  const suffix = outer.slice(1); // ".example.com"
  return inner.endsWith(suffix) && inner.length > suffix.length;
}

/** True when every request `inner` routes is also matched by `outer`: a rule for `outer` evaluated first leaves `inner` nothing. */
export function routeCovers(outer: Route, inner: Route): boolean {
  return hostCovers(outer.host, inner.host) && pathCovers(outer.pathPrefix, inner.pathPrefix);
}

/**
 * Derived priorities: each route falls in one of 48 bands of {@link SLOTS_PER_BAND} priorities,
 * more specific bands first, and the service's name picks the slot within its band. So the
 * priority depends only on the service's own route and name: adding or removing another service
 * never renumbers it (renumbering rules in one apply races on AWS: PriorityInUse).
 *
 * Bands, in order: an exact host (deepest path first), a `*.` wildcard host (the deeper its path
 * plus the more labels its host has, the earlier), no host (deepest path first, "/" last).
 * Within each of the three, {@link DEPTH_BANDS} bands; depths beyond the last band share it.
 */
export const SLOTS_PER_BAND = 1000;
export const DEPTH_BANDS = 16;

/** FNV-1a (32 bit) of a name: a stable, documented hash. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The band of a normalised route (0 is evaluated first). */
export function routeBand(route: Route): number {
  const last = DEPTH_BANDS - 1;
  const pathDepth = depth(route.pathPrefix);
  if (route.host === undefined) return 2 * DEPTH_BANDS + last - Math.min(pathDepth, last);
  if (!route.host.startsWith("*.")) return last - Math.min(pathDepth, last);
  // "*.example.com" has 2 labels after the wildcard; every further label narrows it like a path segment.
  const labels = route.host.split(".").length - 1;
  return DEPTH_BANDS + last - Math.min(pathDepth + labels - 2, last);
}

/** The listener rule priority a service derives from its normalised route and its name. */
export function derivedPriority(name: string, route: Route): number {
  return routeBand(route) * SLOTS_PER_BAND + (fnv1a(name) % SLOTS_PER_BAND) + LISTENER_RULE_PRIORITY.min;
}

/** A web service's routing as the checks see it. */
export interface RoutedService {
  readonly name: string;
  readonly routing: RoutingConfig;
}

function describeRoute(route: Route): string {
  const host = route.host ? `host ${route.host}` : "any host";
  const path = route.pathPrefix && route.pathPrefix !== "/" ? `path ${route.pathPrefix}` : "any path";
  return `${host}, ${path}`;
}

/**
 * Every problem of the web services' routes: a missing route, a prefix or host longer than ALB
 * takes, two services with the same route (after normalising trailing slashes), priorities
 * that collide, and a rule that never receives a request because a rule evaluated before it
 * matches everything it routes. The later service in name order gets the message.
 */
export function routingFindings(services: readonly RoutedService[]): Finding[] {
  const findings: Finding[] = [];
  const at = (name: string, ...path: PropertyKey[]) => ["services", name, "routing", ...path];
  const routed: Array<{ name: string; route: Route; priority: number; explicit: boolean }> = [];
  const sameRoute = new Map<string, string>();

  for (const { name, routing } of [...services].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (routing.pathPrefix === undefined && routing.host === undefined) {
      findings.push({ path: at(name), message: 'needs pathPrefix, host, or both (use pathPrefix: "/" to take every request)' });
      continue;
    }
    if (routing.pathPrefix !== undefined && normalisePathPrefix(routing.pathPrefix).length > PATH_PREFIX_MAX_LENGTH) {
      findings.push({
        path: at(name, "pathPrefix"),
        value: routing.pathPrefix,
        message: `is longer than ${PATH_PREFIX_MAX_LENGTH} characters; its pattern "<prefix>/*" must fit ALB's ${PATH_PREFIX_MAX_LENGTH + 2}-character limit on path patterns`,
      });
      continue;
    }
    if (routing.host !== undefined && routing.host.length > HOST_MAX_LENGTH) {
      findings.push({ path: at(name, "host"), value: routing.host, message: `is longer than ${HOST_MAX_LENGTH} characters, ALB's limit on host conditions` });
      continue;
    }
    const route = normaliseRoute({ host: routing.host, pathPrefix: routing.pathPrefix });
    const key = `${route.host ?? "*"} ${route.pathPrefix ?? "/"}`;
    const twin = sameRoute.get(key);
    if (twin !== undefined) {
      findings.push({ path: at(name), message: `routes the same requests as service "${twin}" (${describeRoute(route)}); give each service its own pathPrefix or host` });
      continue;
    }
    sameRoute.set(key, name);
    const explicit = routing.priority !== undefined;
    routed.push({ name, route, priority: routing.priority ?? derivedPriority(name, route), explicit });
  }

  const owners = new Map<number, (typeof routed)[number]>();
  const clashing = new Set<string>();
  for (const service of routed) {
    const owner = owners.get(service.priority);
    if (!owner) {
      owners.set(service.priority, service);
      continue;
    }
    clashing.add(service.name);
    if (service.explicit) {
      const whose = owner.explicit ? `the priority of service "${owner.name}"` : `the priority service "${owner.name}" derives from its route and name`;
      findings.push({ path: at(service.name, "priority"), value: service.priority, message: `is also ${whose}; listener rule priorities must be unique` });
    } else {
      const free = freePriorityNear(service.priority, owners);
      findings.push({
        path: at(service.name),
        message: `derives listener rule priority ${service.priority} from its route and name, which service "${owner.name}" has too; set routing.priority on one of them${free === undefined ? "" : ` (${free} is free and keeps the order of the routes)`}`,
      });
    }
  }

  // ALB evaluates lower priorities first: a rule whose requests an earlier rule all matches gets none.
  const ordered = routed.filter((s) => !clashing.has(s.name)).sort((a, b) => a.priority - b.priority);
  ordered.forEach((service, index) => {
    const before = ordered.slice(0, index).find((earlier) => routeCovers(earlier.route, service.route));
    if (!before) return;
    findings.push({
      path: service.explicit ? at(service.name, "priority") : at(service.name),
      ...(service.explicit ? { value: service.priority } : {}),
      message: `never receives a request: service "${before.name}" (${describeRoute(before.route)}, priority ${before.priority}) matches every request of service "${service.name}" (${describeRoute(service.route)}, priority ${service.priority}) and is evaluated first; give "${service.name}" a priority below ${before.priority}, or "${before.name}" a more specific route`,
    });
  });
  return findings;
}

/** The nearest priority after `taken` in the same band that no service has. */
function freePriorityNear(taken: number, owners: ReadonlyMap<number, unknown>): number | undefined {
  const bandStart = Math.floor((taken - LISTENER_RULE_PRIORITY.min) / SLOTS_PER_BAND) * SLOTS_PER_BAND + LISTENER_RULE_PRIORITY.min;
  for (let offset = 1; offset < SLOTS_PER_BAND; offset++) {
    const candidate = bandStart + ((taken - bandStart + offset) % SLOTS_PER_BAND);
    if (!owners.has(candidate)) return candidate;
  }
  return undefined;
}
