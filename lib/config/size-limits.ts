import { MAX_RULES_PER_LOAD_BALANCER } from "../aws/load-balancer";

/**
 * How much one synth takes on, so that no config makes it run for minutes: each service adds 15 to
 * 40 resources, and a synth of 1000 services took about three minutes (one environment of
 * one-policy workers, on a loaded 2-core machine; 100 took 8 s there). The caps are checked before
 * the rest of the validation, on the parsed YAML, so a huge file is refused at once.
 */

/** Most services one environment may have; the shared load balancer takes at most as many web services anyway. */
export const MAX_SERVICES_PER_ENVIRONMENT = MAX_RULES_PER_LOAD_BALANCER;

/** Most services all environments of a config directory may have together. */
export const MAX_SERVICES_PER_SYNTH = 300;

/** Most environment files a config directory may hold. */
export const MAX_ENVIRONMENT_FILES = 50;

/** How many services a parsed document lists, before it is validated: the keys of its `services` mapping. */
export function serviceCount(data: unknown): number {
  const services = data !== null && typeof data === "object" ? (data as { services?: unknown }).services : undefined;
  return services !== null && typeof services === "object" && !Array.isArray(services) ? Object.keys(services).length : 0;
}
