import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";

/**
 * Writes the shipped environments (config/*.yaml) to `dir`, each with `count` services:
 * copies of the environment's own services in turn (web services, GPU servers, queue
 * workers), named `<service>-<n>`, each web service with a path prefix of its own.
 * For the benchmark of how the synth grows with the number of services.
 */
export function writeScaledConfigs(dir: string, count: number, from = "config"): void {
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(from).filter((f) => f.endsWith(".yaml"))) {
    const environment = parse(readFileSync(join(from, file), "utf8")) as { services: Record<string, { routing?: { pathPrefix?: string } }> };
    const shipped = Object.entries(environment.services);
    const services: typeof environment.services = {};
    for (let n = 0; n < count; n++) {
      const [name, service] = shipped[n % shipped.length];
      const copy = structuredClone(service);
      if (copy.routing) copy.routing.pathPrefix = `/${name}-${n}`;
      services[`${name}-${n}`] = copy;
    }
    writeFileSync(join(dir, file), stringify({ ...environment, services }));
  }
}
